import { describe, expect, it } from 'vitest';
import type { ProcessCellForExportParams } from 'ag-grid-community';
import { exportCellText, processExportCell } from '../../renderer/src/accounts/csv.ts';

describe('exportCellText', () => {
  it('puts a quote before text that starts with each formula character', () => {
    expect(exportCellText('=HYPERLINK("http://x.test","Ann")')).toBe(
      `'=HYPERLINK("http://x.test","Ann")`,
    );
    expect(exportCellText('+1 555 0100')).toBe(`'+1 555 0100`);
    expect(exportCellText('-Ann')).toBe(`'-Ann`);
    expect(exportCellText('@SUM(A1)')).toBe(`'@SUM(A1)`);
    expect(exportCellText('\t=1')).toBe(`'\t=1`);
    expect(exportCellText('\r=1')).toBe(`'\r=1`);
  });

  it('quotes a text that reads as a negative number too: only numbers stay numbers', () => {
    expect(exportCellText('-12.5')).toBe(`'-12.5`);
  });

  it('leaves text alone when the character is not the first', () => {
    expect(exportCellText('Ann=Bob')).toBe('Ann=Bob');
    expect(exportCellText(' =1')).toBe(' =1');
    expect(exportCellText('ann@example.com')).toBe('ann@example.com');
    expect(exportCellText("'quoted")).toBe("'quoted");
    expect(exportCellText('')).toBe('');
  });

  it('writes numbers, negative ones included, and booleans as they print', () => {
    expect(exportCellText(-12.5)).toBe('-12.5');
    expect(exportCellText(-20)).toBe('-20');
    expect(exportCellText(0)).toBe('0');
    expect(exportCellText(62.5)).toBe('62.5');
    expect(exportCellText(true)).toBe('true');
    expect(exportCellText(false)).toBe('false');
  });

  it('writes a missing value as an empty cell', () => {
    expect(exportCellText(null)).toBe('');
    expect(exportCellText(undefined)).toBe('');
  });
});

describe('processExportCell', () => {
  it('writes the raw value of the cell AG Grid hands it', () => {
    const cell = (value: unknown) => ({ value }) as unknown as ProcessCellForExportParams;
    expect(processExportCell(cell('=1+1'))).toBe(`'=1+1`);
    expect(processExportCell(cell(-3.5))).toBe('-3.5');
  });
});
