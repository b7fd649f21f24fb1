import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import { IMPORT_MACROS } from './parse.ts';
import { openWorkspace, type Workspace } from './workspace.ts';

let workspace: Workspace;
let connection: DuckDBConnection;

beforeAll(async () => {
  workspace = await openWorkspace(':memory:');
  connection = workspace.connection;
  // A session zone far from UTC proves that no conversion depends on it.
  await connection.run("SET TimeZone = 'America/New_York'");
  for (const macro of IMPORT_MACROS) await connection.run(macro);
});
afterAll(() => workspace.close());

/** Applies one macro expression (with $v for the input) to each input and returns the results as text. */
async function apply(expression: string, inputs: readonly string[]): Promise<(string | null)[]> {
  const results: (string | null)[] = [];
  for (const v of inputs) {
    const reader = await connection.runAndReadAll(`SELECT CAST(${expression} AS VARCHAR)`, { v });
    const value = reader.getRows()[0]?.[0];
    results.push(value === null || value === undefined ? null : String(value));
  }
  return results;
}

async function table(expression: string, cases: Record<string, string | null>): Promise<void> {
  const inputs = Object.keys(cases);
  const results = await apply(expression, inputs);
  expect(Object.fromEntries(inputs.map((input, index) => [input, results[index]]))).toEqual(cases);
}

describe('import_text', () => {
  it('trims and turns the empty markers into NULL, in any case', async () => {
    await table('import_text($v)', {
      '': null,
      '   ': null,
      NULL: null,
      null: null,
      Null: null,
      'N/A': null,
      'n/a': null,
      ' - ': null,
      '\t x\u00a0': 'x',
      '--': '--',
      NA: 'NA',
      '0': '0',
    });
  });
});

describe('numbers', () => {
  it('reads integers, integral decimals and grouped thousands, and refuses fractions and junk', async () => {
    await table('import_integer($v)', {
      '42': '42',
      '+5': '5',
      '-7': '-7',
      '007': '7',
      '4.0': '4',
      '4.': '4',
      '1e3': '1000',
      '1,234': '1234',
      '1,234,567': '1234567',
      '4.5': null,
      '1,5': null,
      '12,34': null,
      '1_000': null,
      '0x10': null,
      '': null,
      abc: null,
      '9223372036854775807': null,
    });
  });

  it('reads decimal numbers and refuses decimal commas and infinities', async () => {
    await table('import_number($v)', {
      '1234.5': '1234.5',
      '.5': '0.5',
      '-0.25': '-0.25',
      '1,234.50': '1234.5',
      '2.5e-1': '0.25',
      '1,5': null,
      '1.234,50': null,
      inf: null,
      NaN: null,
      '1e999': null,
      $5: null,
    });
  });

  it('reads amounts with a currency sign before or after the minus sign', async () => {
    await table('import_money($v)', {
      '$1,234.00': '1234.0',
      '-$5.00': '-5.0',
      '$-5': '-5.0',
      '$ 12': '12.0',
      '€12.50': '12.5',
      '£3': '3.0',
      '1,234': '1234.0',
      'USD 10': null,
      '10$': null,
      $$5: null,
      '(5.00)': null,
    });
  });
});

describe('import_bool and import_enum', () => {
  it('accepts the listed spellings of true and false in any case', async () => {
    await table('import_bool($v)', {
      true: 'true',
      True: 'true',
      YES: 'true',
      '1': 'true',
      y: 'true',
      false: 'false',
      False: 'false',
      no: 'false',
      '0': 'false',
      N: 'false',
      t: null,
      '2': null,
      maybe: null,
    });
  });

  it('matches enum values case-insensitively and stores them lower case', async () => {
    await table("import_enum($v, ['qbr', 'csm_call'])", {
      QBR: 'qbr',
      Csm_Call: 'csm_call',
      'csm call': null,
      lunch: null,
    });
  });
});

describe('import_timestamp', () => {
  it('reads ISO 8601 forms as naive UTC, converting offsets', async () => {
    await table('import_timestamp($v, NULL::VARCHAR)', {
      '2024-03-05': '2024-03-05 00:00:00',
      '2024-3-5': '2024-03-05 00:00:00',
      '2024/03/05': '2024-03-05 00:00:00',
      '2024-03-05T10:00:00Z': '2024-03-05 10:00:00',
      '2024-03-05T10:00Z': '2024-03-05 10:00:00',
      '2024-03-05 10:00:00': '2024-03-05 10:00:00',
      '2024-03-05 10:00:00 UTC': '2024-03-05 10:00:00',
      // 10:00 at +02:00 is 08:00 UTC; at -05:30 it is 15:30 UTC; +00 changes nothing.
      '2024-03-05T10:00:00+02:00': '2024-03-05 08:00:00',
      '2024-03-05T10:00+02:00': '2024-03-05 08:00:00',
      '2024-03-05T10:00:00+0200': '2024-03-05 08:00:00',
      '2024-03-05T10:00:00-05:30': '2024-03-05 15:30:00',
      '2024-03-05 10:00:00+00': '2024-03-05 10:00:00',
      // 01:30 at +02:00 is the previous day in UTC.
      '2024-03-05T01:30:00+02:00': '2024-03-04 23:30:00',
      '2024-03-05T10:00:00.1234567Z': '2024-03-05 10:00:00.123456',
      '2024-03-05T23:59:59Z': '2024-03-05 23:59:59',
      '2024-02-29T12:00:00Z': '2024-02-29 12:00:00',
      '2023-02-29T12:00:00Z': null,
      '2024-03-05T24:00:00Z': null,
      '2024-03-05T10:60:00Z': null,
      '2024-03-05T10:00:60Z': null,
      '2024-03-05T10:00:00+24:00': null,
      '2024-03-05 10:00:00 +02:00': null,
      '2024-03-05T10:00:00 America/New_York': null,
      '2024-03-05Z': null,
      '03/04/2025': null,
      'March 5, 2024': null,
      '1709632800': null,
    });
  });

  it('reads year-last forms in the given order only', async () => {
    await table("import_timestamp($v, 'dmy')", {
      '03/04/2025': '2025-04-03 00:00:00',
      '3.4.2025': '2025-04-03 00:00:00',
      '1-05-2024': '2024-05-01 00:00:00',
      '25/04/2025 13:45': '2025-04-25 13:45:00',
      '25/04/2025 13:45:30': '2025-04-25 13:45:30',
      '04/25/2025': null,
      '31/04/2025': null,
      '03/04/25': null,
    });
    await table("import_timestamp($v, 'mdy')", {
      '03/04/2025': '2025-03-04 00:00:00',
      '04/25/2025 08:00': '2025-04-25 08:00:00',
      '25/04/2025': null,
      '2025-04-03': '2025-04-03 00:00:00',
    });
  });
});

describe('import_date', () => {
  it('reads dates and timestamps at exactly midnight UTC, nothing else', async () => {
    await table("import_date($v, 'dmy')", {
      '2024-03-05': '2024-03-05',
      '2024-02-29': '2024-02-29',
      '2023-02-29': null,
      '2024-13-01': null,
      '2024-03-05 00:00:00': '2024-03-05',
      '2024-03-05T00:00:00Z': '2024-03-05',
      // 02:00 at +02:00 is midnight UTC of the same day.
      '2024-03-05T02:00:00+02:00': '2024-03-05',
      '2024-03-05T00:00:00+02:00': null,
      '2024-03-05T10:00:00Z': null,
      '05/03/2024': '2024-03-05',
      '20240305': null,
    });
  });
});
