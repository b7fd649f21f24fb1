/**
 * The files a user chose in the renderer, written to a temporary dataset folder
 * for the importer, which reads folders. The renderer sends names and bytes only,
 * so no path it did not choose ever reaches it or comes from it: every name is cut
 * to its last segment, and the folder is removed when the work is done.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { OperationError, type ApiIssue, type ImportFile } from '../../core/api.ts';

/** How issues about the dataset as a whole name it, since the folder is ours, not the user's. */
export const DATASET_LABEL = 'chosen files';

/**
 * The name a chosen file is written under: the last segment of what the renderer
 * sent, whether separated by `/` or `\`. A name that is empty, `.` or `..` there, or
 * holds a NUL byte, is refused as a user error.
 */
export function uploadName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  if (base === '' || base === '.' || base === '..' || base.includes('\0')) {
    throw new OperationError('user', `"${name}" is not a file name; choose the files again`);
  }
  return base;
}

/**
 * The upload names of all chosen files, refusing two that would be the same file
 * once cut to their names (compared ignoring case, as on macOS and Windows disks).
 */
export function uploadNames(files: readonly ImportFile[]): string[] {
  const names = files.map((file) => uploadName(file.name));
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name.toLowerCase())) {
      throw new OperationError(
        'user',
        `${name} was chosen twice; a dataset holds one file of each name`,
      );
    }
    seen.add(name.toLowerCase());
  }
  return names;
}

/**
 * Writes the chosen files into a fresh temporary folder, runs `work` on it, and
 * removes the folder whatever happens. `onWritten` is told after each file.
 */
export async function withUploadedFiles<T>(
  files: readonly ImportFile[],
  work: (folder: string) => Promise<T>,
  onWritten?: (done: number, total: number) => void,
): Promise<T> {
  const names = uploadNames(files);
  const folder = await mkdtemp(join(tmpdir(), 'healthscore-import-'));
  try {
    for (const [index, file] of files.entries()) {
      // 'wx': the folder is new, so an existing file here would mean a name escaped it.
      await writeFile(join(folder, names[index]!), file.bytes, { flag: 'wx' });
      onWritten?.(index + 1, files.length);
    }
    return await work(folder);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** The issue with the temporary folder's path replaced: by DATASET_LABEL alone, or removed before a file name. */
export function withoutFolder(issue: ApiIssue, folder: string): ApiIssue {
  const hide = (text: string) =>
    text.replaceAll(folder + sep, '').replaceAll(folder, DATASET_LABEL);
  return {
    file: issue.file === folder ? DATASET_LABEL : hide(issue.file),
    row: issue.row,
    column: issue.column,
    value: issue.value === null ? null : hide(issue.value),
    message: hide(issue.message),
  };
}
