/**
 * What a file card of the import preview says about its file: not imported, blocked
 * by problems the import would refuse, or ready. A file is ready only when none of
 * the problems that hold the Import button back is about it.
 */
import type { ApiIssue, ImportPreviewFile } from '../../../core/api.ts';

export type FileState = 'skipped' | 'blocked' | 'ready';

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/**
 * The state of a previewed file and its label, given the blocking problems of the
 * whole preview: a missing required column is named as such, any other problem of
 * the file (a malformed line, an unreadable file, no data rows) is counted.
 */
export function fileState(
  preview: ImportPreviewFile,
  blocking: readonly ApiIssue[],
): { readonly state: FileState; readonly label: string } {
  if (preview.table === null) return { state: 'skipped', label: 'Not imported' };
  const missing = preview.missingRequired.length;
  if (missing > 0) {
    return { state: 'blocked', label: `${plural(missing, 'required column')} missing` };
  }
  const problems = blocking.filter((issue) => issue.file === preview.file).length;
  if (problems > 0) return { state: 'blocked', label: `${plural(problems, 'problem')} to fix` };
  return { state: 'ready', label: 'Ready' };
}
