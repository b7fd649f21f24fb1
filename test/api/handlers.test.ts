import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiDispatcher } from '../../db/api/dispatch.ts';
import { createHandlers } from '../../db/api/handlers.ts';
import { openWorkspace, type Workspace } from '../../db/workspace.ts';

const packageVersion = (
  JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8')) as {
    version: string;
  }
).version;

describe('ping', () => {
  it("answers with package.json's version", async () => {
    const workspace = await openWorkspace(':memory:');
    expect(await createHandlers({ workspace }).ping({})).toEqual({ version: packageVersion });
    workspace.close();
  });
});

describe('getWorkspace', () => {
  it('summarises an empty in-memory workspace', async () => {
    const workspace = await openWorkspace(':memory:');
    expect(await createHandlers({ workspace }).getWorkspace({})).toEqual({
      label: 'in-memory workspace',
      isSample: false,
      tables: [],
      accountCount: 0,
      dataStart: null,
      dataEnd: null,
    });
    workspace.close();
  });

  describe('on a workspace file with data', () => {
    let folder: string;
    let workspace: Workspace;

    beforeAll(async () => {
      folder = mkdtempSync(join(tmpdir(), 'healthscore-api-'));
      workspace = await openWorkspace(join(folder, 'team-q3.duckdb'));
      const { connection } = workspace;
      await connection.run(
        `INSERT INTO accounts (account_id, contract_start) VALUES
           ('a-1', DATE '2023-01-01'), ('a-2', DATE '2023-02-01'), ('a-3', DATE '2023-03-01')`,
      );
      // Dates inserted out of order; 2024-02-29 checks a leap day survives the conversion.
      await connection.run(
        `INSERT INTO usage (account_id, date, events) VALUES
           ('a-1', DATE '2024-02-29', 4), ('a-2', DATE '2024-01-05', 1),
           ('a-3', DATE '2024-03-31', 9), ('a-1', DATE '2024-01-06', 2)`,
      );
      // Recorded in reverse contract order, one path in Windows form.
      await connection.run(
        `INSERT INTO dataset_tables VALUES
           ('tickets', '/home/ana/exports/q3/tickets.ndjson', 0),
           ('usage', 'C:\\Users\\ana\\exports\\usage.parquet', 4),
           ('accounts', '/home/ana/exports/q3/accounts.csv', 3)`,
      );
    });

    afterAll(() => {
      workspace.close();
      rmSync(folder, { recursive: true, force: true });
    });

    it('lists the dataset tables in contract order with file names only', async () => {
      const summary = await createHandlers({ workspace }).getWorkspace({});
      expect(summary).toEqual({
        label: 'team-q3.duckdb',
        isSample: false,
        tables: [
          { table: 'accounts', file: 'accounts.csv', rows: 3 },
          { table: 'usage', file: 'usage.parquet', rows: 4 },
          { table: 'tickets', file: 'tickets.ndjson', rows: 0 },
        ],
        accountCount: 3,
        dataStart: '2024-01-05',
        dataEnd: '2024-03-31',
      });
    });

    it('never tells the renderer a folder', async () => {
      const result = await createApiDispatcher({ workspace })('getWorkspace', {});
      const text = JSON.stringify(result);
      expect(text).not.toContain(folder);
      expect(text).not.toContain('exports');
      expect(text).not.toContain('/');
    });

    it('uses the label and sample flag its opener gives', async () => {
      const summary = await createHandlers({
        workspace,
        label: 'Sample data',
        isSample: true,
      }).getWorkspace({});
      expect(summary.label).toBe('Sample data');
      expect(summary.isSample).toBe(true);
    });

    it('sends numbers, not bigints, through the dispatcher', async () => {
      const result = await createApiDispatcher({ workspace })('getWorkspace', {});
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(typeof result.value).toBe('object');
      const value = result.value as { accountCount: unknown; tables: { rows: unknown }[] };
      expect(typeof value.accountCount).toBe('number');
      expect(value.tables.map((table) => typeof table.rows)).toEqual([
        'number',
        'number',
        'number',
      ]);
    });
  });
});
