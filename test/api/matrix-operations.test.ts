import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeColumnar, encodeColumnar, transportFormat } from '../../core/columnar.ts';
import { parseIsoDate } from '../../core/dates.ts';
import type { SignalMatrix } from '../../core/matrix.ts';
import { createApiDispatcher } from '../../db/api/dispatch.ts';
import { forgetSnapshots } from '../../db/api/get-snapshots.ts';
import { createHandlers, type Handlers } from '../../db/api/handlers.ts';
import { openWorkspace, type Workspace } from '../../db/workspace.ts';

const day = (text: string): number => parseIsoDate(text)!;

/** (account id, as-of date) of every row, for comparing with eligibility worked out by hand. */
function pairs(matrix: SignalMatrix): string[] {
  return Array.from(matrix.accountIndex, (account, row) => {
    const asOf = matrix.asOfDates[matrix.asOfIndex[row]!]!;
    return `${matrix.accounts.accountIds[account]}@${new Date(asOf * 86_400_000).toISOString().slice(0, 10)}`;
  }).sort();
}

describe('getMatrix and getSnapshots', () => {
  let workspace: Workspace;
  let handlers: Handlers;

  beforeAll(async () => {
    workspace = await openWorkspace(':memory:');
    handlers = createHandlers({ workspace });
    const { connection } = workspace;
    // Eligible at t: contract_start ≤ t and (churned_on empty or > t).
    // a-2 starts between t−14 and t; a-3 churns between them; a-4 churns on t itself.
    await connection.run(
      `INSERT INTO accounts (account_id, account_name, contract_start, churned_on, paid_seats) VALUES
         ('a-1', 'Acme', DATE '2023-01-01', NULL, 10),
         ('a-2', 'Birch', DATE '2024-03-20', NULL, 5),
         ('a-3', 'Cobalt', DATE '2023-06-01', DATE '2024-03-25', 5),
         ('a-4', 'Dune', DATE '2023-06-01', DATE '2024-03-31', 5)`,
    );
    await connection.run(
      `INSERT INTO usage (account_id, date, user_id, events) VALUES
         ('a-1', DATE '2024-01-01', 'u1', 3),
         ('a-1', DATE '2024-03-31', 'u1', 5),
         ('a-2', DATE '2024-03-25', 'u2', 2)`,
    );
    await connection.run(
      `INSERT INTO dataset_tables VALUES ('accounts', 'accounts.csv', 4), ('usage', 'usage.csv', 3)`,
    );
  });
  afterAll(() => workspace.close());

  it('gives the eligible accounts at asOf − 14 and asOf', async () => {
    const matrix = await handlers.getMatrix({ asOf: '2024-03-31' });
    expect(matrix.asOfDates).toEqual([day('2024-03-17'), day('2024-03-31')]);
    // 03-17: a-1, a-3 (churns 03-25), a-4 (churns 03-31); a-2 not started.
    // 03-31: a-1, a-2; a-3 churned before, a-4 churned that very day.
    expect(pairs(matrix)).toEqual([
      'a-1@2024-03-17',
      'a-1@2024-03-31',
      'a-2@2024-03-31',
      'a-3@2024-03-17',
      'a-4@2024-03-17',
    ]);
  });

  it('defaults to the last usage day', async () => {
    const matrix = await handlers.getMatrix({});
    expect(matrix.asOfDates).toEqual([day('2024-03-17'), day('2024-03-31')]);
  });

  it('crosses the boundary as typed arrays, without bigints', async () => {
    const result = await createApiDispatcher({ workspace })('getMatrix', { asOf: '2024-03-31' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const matrix = result.value as SignalMatrix;
    expect(matrix.accountIndex).toBeInstanceOf(Int32Array);
    expect(matrix.columns.usage_last14).toBeInstanceOf(Float64Array);
    expect(matrix.accounts.arr).toBeInstanceOf(Float64Array);
    expect(transportFormat(result)).toBe('columnar');
    expect(decodeColumnar(encodeColumnar(result))).toEqual(result);

    // a-1 at 03-31: its only event in [03-18, 03-31] is the 5 of 03-31.
    expect(matrix.accounts.accountIds[0]).toBe('a-1');
    const row = matrix.accountIndex.findIndex(
      (account, index) => account === 0 && matrix.asOfIndex[index] === 1,
    );
    expect(matrix.columns.usage_last14[row]).toBe(5);
  });

  it('gives an empty matrix for a workspace without data', async () => {
    const empty = await openWorkspace(':memory:');
    const matrix = await createHandlers({ workspace: empty }).getMatrix({});
    expect(matrix.asOfDates).toEqual([]);
    expect(matrix.accountIndex.length).toBe(0);
    const history = await createHandlers({ workspace: empty }).getSnapshots({ every: 'month' });
    expect(history.snapshotDates).toEqual([]);
    empty.close();
  });

  it('samples month ends whose whole month lies in the data', async () => {
    const history = await handlers.getSnapshots({ every: 'month' });
    // Data from 2024-01-01 to 2024-03-31: January, February and March are whole.
    expect(history.snapshotDates).toEqual([
      day('2024-01-31'),
      day('2024-02-29'),
      day('2024-03-31'),
    ]);
    expect(history.matrix.asOfDates).toEqual(history.snapshotDates);
    // a-1, a-3, a-4 at the first two; a-1 and a-2 at 03-31: 3 + 3 + 2 rows.
    expect(history.matrix.accountIndex.length).toBe(8);
  });

  it('samples Sundays and quarter ends', async () => {
    const weeks = await handlers.getSnapshots({ every: 'week' });
    // 2024-01-01 is a Monday; Sundays 01-07 … 03-31 are 84 days apart: 84 / 7 + 1 = 13.
    expect(weeks.snapshotDates.length).toBe(13);
    expect(weeks.snapshotDates[0]).toBe(day('2024-01-07'));
    expect(weeks.snapshotDates[12]).toBe(day('2024-03-31'));
    const quarters = await handlers.getSnapshots({ every: 'quarter' });
    expect(quarters.snapshotDates).toEqual([day('2024-03-31')]);
  });

  it('builds a history once per schedule until the dataset changes', async () => {
    const first = await handlers.getSnapshots({ every: 'month' });
    expect(await handlers.getSnapshots({ every: 'month' })).toBe(first);
    // Another opener of the same workspace shares the cache.
    expect(await createHandlers({ workspace }).getSnapshots({ every: 'month' })).toBe(first);

    const [left, right] = await Promise.all([
      handlers.getSnapshots({ every: 'quarter' }),
      handlers.getSnapshots({ every: 'quarter' }),
    ]);
    expect(left).toBe(right);

    // What an import does: new rows, and dataset_tables rewritten.
    await workspace.connection.run(
      `INSERT INTO accounts (account_id, contract_start) VALUES ('a-5', DATE '2023-01-01')`,
    );
    await workspace.connection.run(
      `UPDATE dataset_tables SET row_count = 5 WHERE table_name = 'accounts'`,
    );
    const rebuilt = await handlers.getSnapshots({ every: 'month' });
    expect(rebuilt).not.toBe(first);
    // a-5 is eligible at all three month ends.
    expect(rebuilt.matrix.accountIndex.length).toBe(11);

    forgetSnapshots(workspace);
    expect(await handlers.getSnapshots({ every: 'month' })).not.toBe(rebuilt);
  });
});
