/**
 * A look at a file's bytes before DuckDB reads it. DuckDB makes something of nearly
 * anything: an empty CSV reads as one column named column0, a binary file as a header
 * of NUL bytes, a file that is not Parquet as "No magic bytes found". Those cases are
 * told apart here first, so that the user is told in plain words what the file is.
 */
import { open, type FileHandle } from 'node:fs/promises';
import type { FileFormat } from './import-files.ts';

/** How much of a file is looked at for binary data and its header row. */
const HEAD_BYTES = 64 * 1024;

const UTF8_BOM = [0xef, 0xbb, 0xbf];
// Space, tab, line feed, vertical tab, form feed, carriage return.
const BLANK_BYTES = new Set([0x20, 0x09, 0x0a, 0x0b, 0x0c, 0x0d]);
const NEWLINE = 0x0a;
const PARQUET_MAGICS = ['PAR1', 'PARE'];
const PARQUET_MAGIC_BYTES = 4;

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

function bomLength(head: Buffer): number {
  return UTF8_BOM.every((byte, index) => head[index] === byte) ? UTF8_BOM.length : 0;
}

function isUtf16(head: Buffer): boolean {
  return (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
}

/** Whether the file holds nothing but blanks (after a UTF-8 byte-order mark), reading on only while it does. */
async function isBlank(handle: FileHandle, head: Buffer, size: number): Promise<boolean> {
  let chunk = head.subarray(bomLength(head));
  let position = head.length;
  for (;;) {
    if (!chunk.every((byte) => BLANK_BYTES.has(byte))) return false;
    if (position >= size) return true;
    chunk = await readAt(handle, position, HEAD_BYTES);
    if (chunk.length === 0) return true;
    position += chunk.length;
  }
}

function isUtf8(bytes: Buffer): boolean {
  try {
    // Streaming, so that a character cut off at the end of the bytes looked at is no error.
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

function textProblem(head: Buffer, format: 'csv' | 'json'): string | null {
  const kind = format === 'csv' ? 'a text CSV file' : 'newline-delimited JSON';
  if (isUtf16(head)) return `not ${kind} in UTF-8 (it is UTF-16 text; save the file as UTF-8)`;
  if (head.includes(0)) return `not ${kind} (it holds binary data)`;
  if (format === 'json') return null;
  // With its line feed, so that a character cut off by the line's end is an error.
  const end = head.indexOf(NEWLINE);
  const header = head.subarray(bomLength(head), end === -1 ? head.length : end + 1);
  return isUtf8(header)
    ? null
    : `not ${kind} (its header row is not UTF-8 text; save the file as UTF-8)`;
}

function isParquet(head: Buffer, tail: Buffer, size: number): boolean {
  // The smallest Parquet file holds its magic at both ends around a footer length.
  if (size < 3 * PARQUET_MAGIC_BYTES) return false;
  const start = head.subarray(0, PARQUET_MAGIC_BYTES).toString('latin1');
  const end = tail.toString('latin1');
  return PARQUET_MAGICS.includes(start) && PARQUET_MAGICS.includes(end);
}

/**
 * Why a file cannot hold a table in its format, judged from its bytes, or null when
 * it may: empty (nothing but blanks), a CSV or JSON file in UTF-16 or holding NUL
 * bytes in its first 64 KiB, a CSV file whose header row is not UTF-8, a Parquet file
 * without Parquet's magic bytes at both ends, or a file that cannot be opened.
 */
export async function contentProblem(path: string, format: FileFormat): Promise<string | null> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch {
    return 'the file cannot be read';
  }
  try {
    const { size } = await handle.stat();
    const head = await readAt(handle, 0, HEAD_BYTES);
    if (await isBlank(handle, head, size)) return 'the file is empty';
    if (format !== 'parquet') return textProblem(head, format);
    const tail = await readAt(handle, Math.max(0, size - PARQUET_MAGIC_BYTES), PARQUET_MAGIC_BYTES);
    return isParquet(head, tail, size) ? null : 'not a Parquet file';
  } finally {
    await handle.close();
  }
}
