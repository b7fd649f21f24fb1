import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  dateDecisionError,
  dateDecisionWarning,
  decideDateOrder,
  readDateEvidence,
  type DateEvidence,
} from './import-dates.ts';
import { IMPORT_MACROS } from './parse.ts';
import { openWorkspace, type Workspace } from './workspace.ts';

const none: DateEvidence = { yearLast: 0, dayFirst: null, monthFirst: null, ambiguousExamples: [] };

describe('decideDateOrder', () => {
  it('needs no order when no value is written year-last', () => {
    expect(decideDateOrder(none, null)).toEqual({ kind: 'none' });
    expect(decideDateOrder(none, 'dmy')).toEqual({ kind: 'none' });
  });

  it('lets the given order win over any evidence', () => {
    const evidence = { ...none, yearLast: 2, dayFirst: { value: '25/04/2025', row: 3 } };
    expect(decideDateOrder(evidence, 'mdy')).toEqual({ kind: 'option', order: 'mdy' });
  });

  it('decides from one-way values, refuses when none or both kinds exist', () => {
    const dayFirst = { value: '25/04/2025', row: 3 };
    const monthFirst = { value: '04/25/2025', row: 9 };
    expect(decideDateOrder({ ...none, yearLast: 5, dayFirst }, null)).toEqual({
      kind: 'decided',
      order: 'dmy',
      clue: dayFirst,
    });
    expect(decideDateOrder({ ...none, yearLast: 5, monthFirst }, null)).toEqual({
      kind: 'decided',
      order: 'mdy',
      clue: monthFirst,
    });
    expect(decideDateOrder({ ...none, yearLast: 5, dayFirst, monthFirst }, null)).toEqual({
      kind: 'conflicting',
      dayFirst,
      monthFirst,
    });
    expect(
      decideDateOrder({ ...none, yearLast: 1, ambiguousExamples: ['03/04/2025'] }, null),
    ).toEqual({ kind: 'ambiguous', examples: ['03/04/2025'] });
  });

  it('words errors only for undecidable columns and warnings only for decided ones', () => {
    expect(dateDecisionError({ kind: 'option', order: 'dmy' })).toBeNull();
    expect(dateDecisionWarning({ kind: 'option', order: 'dmy' })).toBeNull();
    expect(dateDecisionError({ kind: 'ambiguous', examples: ['03/04/2025'] })).toContain(
      '--date-order',
    );
    expect(
      dateDecisionWarning({ kind: 'decided', order: 'mdy', clue: { value: '04/25/2025', row: 2 } }),
    ).toBe(
      'dates written year-last were read as month/day/year because 04/25/2025 can only be read that way',
    );
  });
});

describe('readDateEvidence', () => {
  let workspace: Workspace;
  beforeAll(async () => {
    workspace = await openWorkspace(':memory:');
    for (const macro of IMPORT_MACROS) await workspace.connection.run(macro);
    await workspace.connection.run(
      `CREATE TEMP TABLE sample AS SELECT * FROM (VALUES
         ('2024-01-01', '01/02/2024'), ('12/12/2024', '13/02/2024'), (NULL, '12/31/2024'),
         ('03/04/2025', '31/31/2024'), ('05/06/2025', '14/02/2024')) AS v(a, b)`,
    );
  });
  afterAll(() => workspace.close());

  it('counts year-last values and finds the first one-way value of each kind with its row', async () => {
    const evidence = await readDateEvidence(
      workspace.connection,
      'temp.sample',
      ['a', 'b'],
      'rowid + 2',
    );
    // Column a: 12/12/2024, 03/04/2025 and 05/06/2025 are year-last, all with parts <= 12.
    expect(evidence.get('a')).toEqual({
      yearLast: 3,
      dayFirst: null,
      monthFirst: null,
      ambiguousExamples: ['03/04/2025', '12/12/2024'],
    });
    // Column b: 13/02 (row 3) and 14/02 (row 6) are day-first, 12/31 (row 4) month-first;
    // 31/31 fits neither order and decides nothing; 01/02 is the only ambiguous value.
    expect(evidence.get('b')).toEqual({
      yearLast: 5,
      dayFirst: { value: '13/02/2024', row: 3 },
      monthFirst: { value: '12/31/2024', row: 4 },
      ambiguousExamples: ['01/02/2024'],
    });
  });

  it('leaves rows out when the source has no row numbers', async () => {
    const evidence = await readDateEvidence(workspace.connection, 'temp.sample', ['b'], null);
    expect(evidence.get('b')?.monthFirst).toEqual({ value: '12/31/2024', row: null });
  });
});
