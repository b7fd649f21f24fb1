/**
 * Turning what the user picked (a folder or some files) into the files an import
 * sends: names and bytes only, never a path. A dataset is the folder's own files,
 * so files in its subfolders, hidden files and files of other formats stay behind,
 * each with the reason shown to the user.
 */
import type { ImportFile } from '../../../core/api.ts';

/** The extensions the importer reads (CSV, Parquet, NDJSON or JSON records). */
export const DATA_EXTENSIONS = ['.csv', '.parquet', '.ndjson', '.jsonl', '.json'] as const;

export interface SkippedFile {
  readonly name: string;
  readonly reason: string;
}

export interface ChosenFiles {
  /** The chosen folder's name, or null when files were chosen one by one. */
  readonly folder: string | null;
  readonly files: readonly ImportFile[];
  readonly skipped: readonly SkippedFile[];
  readonly totalBytes: number;
}

function isDataFile(name: string): boolean {
  const lower = name.toLowerCase();
  return DATA_EXTENSIONS.some((extension) => lower.endsWith(extension));
}

/**
 * Reads the picked files' bytes. With a folder (files carrying a relative path),
 * only files directly inside it are kept; hidden files are left out silently, as
 * the importer would skip them.
 */
export async function readChosenFiles(picked: readonly File[]): Promise<ChosenFiles> {
  const kept: File[] = [];
  const skipped: SkippedFile[] = [];
  let folder: string | null = null;
  for (const file of picked) {
    const segments = file.webkitRelativePath === '' ? [] : file.webkitRelativePath.split('/');
    if (segments.length > 0) folder ??= segments[0] ?? null;
    if (file.name.startsWith('.')) continue;
    if (segments.length > 2) {
      skipped.push({ name: segments.slice(1).join('/'), reason: 'in a subfolder' });
    } else if (!isDataFile(file.name)) {
      skipped.push({ name: file.name, reason: 'not a CSV, Parquet or NDJSON file' });
    } else {
      kept.push(file);
    }
  }
  kept.sort((left, right) => left.name.localeCompare(right.name));
  const files = await Promise.all(
    kept.map(async (file) => ({
      name: file.name,
      bytes: new Uint8Array(await file.arrayBuffer()),
    })),
  );
  const totalBytes = files.reduce((sum, file) => sum + file.bytes.length, 0);
  return { folder, files, skipped, totalBytes };
}
