/**
 * The Accounts grid's CSV export, safe to open in a spreadsheet: a text cell that
 * begins like a formula (`=HYPERLINK(…)` as a CSM owner) would be run by Excel,
 * LibreOffice or Google Sheets, so it is written with a leading single quote,
 * which they read as "this is text". Numbers are written as they are.
 */
import type { ProcessCellForExportParams } from 'ag-grid-community';

/**
 * The characters that make a spreadsheet read a cell as a formula: the four of
 * `= + - @`, and tab and carriage return, which some of them skip before one.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * The text a raw grid value is written as: empty for null or undefined; a number
 * or boolean as JavaScript prints it (so −12.5 stays the number `-12.5`); a string
 * as it is, unless it starts with a formula character, when a `'` goes before it.
 */
export function exportCellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return String(value);
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** AG Grid's per-cell export callback: the cell's raw value through exportCellText. */
export function processExportCell(params: ProcessCellForExportParams): string {
  return exportCellText(params.value);
}
