import { describe, expect, it } from 'vitest';
import { openWorkspace, toNumber } from './workspace.ts';
import { TABLE_NAMES } from '../core/contract.ts';

describe('openWorkspace', () => {
  it('creates every contract table, empty', async () => {
    const workspace = await openWorkspace(':memory:');
    const reader = await workspace.connection.runAndReadAll(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' ORDER BY 1",
    );
    const names = reader.getRows().map((row) => String(row[0]));
    for (const table of TABLE_NAMES) expect(names).toContain(table);
    const count = await workspace.connection.runAndReadAll('SELECT count(*) FROM usage');
    expect(toNumber(count.getRows()[0]![0]!)).toBe(0);
    workspace.close();
  });
});
