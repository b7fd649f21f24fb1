import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentProblem } from './import-content.ts';
import { printable, printableIssue } from './import-issues.ts';

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'hs-content-'));
});
afterAll(() => rm(folder, { recursive: true, force: true }));

async function file(name: string, content: string | Uint8Array): Promise<string> {
  const path = join(folder, name);
  await writeFile(path, content);
  return path;
}

/** 64 KiB, the bytes contentProblem looks at before it reads on. */
const HEAD = 64 * 1024;

describe('contentProblem', () => {
  it('reads past the first 64 KiB of blanks to tell an empty file from one with data after them', async () => {
    const blanks = ' '.repeat(HEAD) + '\n'.repeat(HEAD);
    expect(await contentProblem(await file('blank.csv', blanks), 'csv')).toBe('the file is empty');
    const late = await file('late.csv', `${blanks}account_id\nA1\n`);
    expect(await contentProblem(late, 'csv')).toBeNull();
  });

  it('looks for NUL bytes in the first 64 KiB only', async () => {
    const header = 'account_id\n';
    const before = header + 'x'.repeat(HEAD - header.length - 1) + '\0';
    const after = header + 'x'.repeat(HEAD - header.length) + '\0';
    expect(await contentProblem(await file('nul-in.csv', before), 'csv')).toBe(
      'not a text CSV file (it holds binary data)',
    );
    expect(await contentProblem(await file('nul-after.csv', after), 'csv')).toBeNull();
  });

  it('needs PAR1 (or PARE, encrypted) at both ends and room for a footer length between', async () => {
    const cases: Record<string, string | null> = {
      'PAR1\0\0\0\0PAR1': null,
      'PARE\0\0\0\0PARE': null,
      // 11 bytes: one short of two magics and a 4-byte footer length.
      'PAR1\0\0\0PAR1': 'not a Parquet file',
      'PAR1\0\0\0\0\0\0\0\0': 'not a Parquet file',
      '\0\0\0\0\0\0\0\0PAR1': 'not a Parquet file',
    };
    const found: Record<string, string | null> = {};
    for (const [index, content] of Object.keys(cases).entries()) {
      found[content] = await contentProblem(await file(`p${index}.parquet`, content), 'parquet');
    }
    expect(found).toEqual(cases);
  });

  it('takes a file it cannot open as unreadable', async () => {
    expect(await contentProblem(join(folder, 'missing.csv'), 'csv')).toBe(
      'the file cannot be read',
    );
  });
});

describe('printable', () => {
  it('escapes C0 and C1 control characters and DEL, and leaves other text alone', () => {
    expect(printable('a\u0000b\tc\nd\u001be\u007ff\u009bg')).toBe(
      'a\\u0000b\\u0009c\\u000ad\\u001be\\u007ff\\u009bg',
    );
    expect(printable('Café – 東京 \u00a0')).toBe('Café – 東京 \u00a0');
  });

  it('escapes every text of an issue and keeps its nulls and row', () => {
    expect(
      printableIssue({
        file: 'a\u0001.csv',
        row: 3,
        column: null,
        value: '\r',
        message: 'm\u0000',
      }),
    ).toEqual({
      file: 'a\\u0001.csv',
      row: 3,
      column: null,
      value: '\\u000d',
      message: 'm\\u0000',
    });
  });
});
