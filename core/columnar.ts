/**
 * A binary encoding for values that hold typed arrays (the signal matrix and
 * other columnar payloads), so the HTTP transport sends columns as raw bytes
 * instead of JSON arrays of numbers. Electron IPC needs none of this (structured
 * clone copies typed arrays), but both transports refuse the same values, so a
 * payload that works in the desktop app also works in the browser mode.
 *
 * Layout, all integers little-endian:
 *   bytes 0–3   the magic `HSC1`
 *   bytes 4–7   header length H (uint32)
 *   next H      header, UTF-8 JSON: { value, arrays, numbers }
 *   padding     zero bytes up to a multiple of 8
 *   body        each array's raw bytes, each starting at a multiple of 8
 *
 * `value` is the JSON of the input with null where a typed array or a
 * non-JSON number (NaN, ±Infinity, -0) stood; `arrays` and `numbers` list those
 * places by path (object keys and array indexes from the root), so no key of the
 * payload is reserved. Array offsets count from the start of the body.
 */

// core/ compiles without DOM or Node typings; both runtimes provide these globals.
declare const TextEncoder: new () => { encode(text: string): Uint8Array };
declare const TextDecoder: new (
  label: string,
  options: { fatal: boolean },
) => { decode(bytes: Uint8Array): string };

export type ColumnarArray = Float64Array | Int32Array | Uint8Array;

type ArrayType = 'Float64Array' | 'Int32Array' | 'Uint8Array';
type SpecialNumber = 'NaN' | 'Infinity' | '-Infinity' | '-0';
type Path = (string | number)[];

interface ArrayEntry {
  path: Path;
  type: ArrayType;
  offset: number;
  length: number;
}

interface NumberEntry {
  path: Path;
  value: SpecialNumber;
}

interface Header {
  value: unknown;
  arrays: ArrayEntry[];
  numbers: NumberEntry[];
}

/** A value that cannot cross the API boundary, or bytes that are not a columnar payload. */
export class ColumnarError extends Error {
  override readonly name = 'ColumnarError';
}

const MAGIC = [0x48, 0x53, 0x43, 0x31];
const PREAMBLE_BYTES = 8;
const ALIGNMENT = 8;

const CONSTRUCTORS = {
  Float64Array,
  Int32Array,
  Uint8Array,
} as const;

interface Split {
  value: unknown;
  arrays: { path: Path; array: ColumnarArray }[];
  numbers: NumberEntry[];
}

/**
 * Says how a value must travel over HTTP: as plain JSON when that is lossless,
 * else as columnar bytes. Throws ColumnarError for values neither transport
 * carries faithfully (bigint, functions, Date, Map, other typed arrays, cycles…).
 */
export function transportFormat(value: unknown): 'json' | 'columnar' {
  const split = splitValue(value);
  return split.arrays.length === 0 && split.numbers.length === 0 ? 'json' : 'columnar';
}

/** Throws ColumnarError when a value cannot cross the API boundary (see transportFormat). */
export function assertTransportable(value: unknown): void {
  splitValue(value);
}

/** Encodes a value (plain objects, arrays, strings, numbers, booleans, null, typed arrays) as bytes. */
export function encodeColumnar(value: unknown): Uint8Array {
  const split = splitValue(value);

  let bodyBytes = 0;
  const arrays: ArrayEntry[] = split.arrays.map(({ path, array }) => {
    const offset = alignUp(bodyBytes);
    bodyBytes = offset + array.byteLength;
    return { path, type: arrayType(array), offset, length: array.length };
  });
  const header: Header = { value: split.value, arrays, numbers: split.numbers };
  const headerBytes = new TextEncoder().encode(JSON.stringify(header));
  const bodyStart = alignUp(PREAMBLE_BYTES + headerBytes.length);

  const bytes = new Uint8Array(bodyStart + bodyBytes);
  bytes.set(MAGIC, 0);
  new DataView(bytes.buffer).setUint32(4, headerBytes.length, true);
  bytes.set(headerBytes, PREAMBLE_BYTES);
  split.arrays.forEach(({ array }, index) => {
    const raw = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
    bytes.set(raw, bodyStart + arrays[index]!.offset);
  });
  return bytes;
}

/** Decodes bytes made by encodeColumnar; throws ColumnarError when they are not such bytes. */
export function decodeColumnar(bytes: Uint8Array): unknown {
  if (bytes.length < PREAMBLE_BYTES || MAGIC.some((byte, index) => bytes[index] !== byte)) {
    throw new ColumnarError('Not a columnar payload (bad magic bytes)');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(4, true);
  if (PREAMBLE_BYTES + headerLength > bytes.length) {
    throw new ColumnarError('Columnar payload is truncated inside its header');
  }
  const header = parseHeader(bytes.subarray(PREAMBLE_BYTES, PREAMBLE_BYTES + headerLength));
  const bodyStart = alignUp(PREAMBLE_BYTES + headerLength);

  let root = header.value;
  for (const entry of header.arrays) {
    root = place(root, entry.path, readArray(bytes, bodyStart, entry));
  }
  for (const entry of header.numbers) {
    if (!Object.hasOwn(SPECIAL_VALUES, entry.value)) {
      throw new ColumnarError(
        `Unknown number ${JSON.stringify(entry.value)} in a columnar payload`,
      );
    }
    root = place(root, entry.path, SPECIAL_VALUES[entry.value]);
  }
  return root;
}

const SPECIAL_VALUES: Record<SpecialNumber, number> = {
  NaN: Number.NaN,
  Infinity: Number.POSITIVE_INFINITY,
  '-Infinity': Number.NEGATIVE_INFINITY,
  '-0': -0,
};

function alignUp(offset: number): number {
  return Math.ceil(offset / ALIGNMENT) * ALIGNMENT;
}

function arrayType(array: ColumnarArray): ArrayType {
  if (array instanceof Float64Array) return 'Float64Array';
  if (array instanceof Int32Array) return 'Int32Array';
  return 'Uint8Array';
}

function describe(path: Path): string {
  return path.length === 0 ? '(root)' : path.map((step) => `[${JSON.stringify(step)}]`).join('');
}

function specialNumber(value: number): SpecialNumber | null {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return 'Infinity';
  if (value === Number.NEGATIVE_INFINITY) return '-Infinity';
  if (Object.is(value, -0)) return '-0';
  return null;
}

function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/**
 * Walks the value once, refusing what cannot travel, and takes out the typed
 * arrays and special numbers. Object properties that are undefined are dropped,
 * as JSON drops them; undefined inside an array is refused because JSON would
 * turn it into null.
 */
function splitValue(root: unknown): Split {
  const arrays: Split['arrays'] = [];
  const numbers: NumberEntry[] = [];
  const ancestors = new Set<object>();

  function visit(value: unknown, path: Path): unknown {
    switch (typeof value) {
      case 'string':
      case 'boolean':
        return value;
      case 'number': {
        const special = specialNumber(value);
        if (special === null) return value;
        numbers.push({ path, value: special });
        return null;
      }
      case 'bigint':
        throw new ColumnarError(
          `A bigint cannot cross the API boundary (at ${describe(path)}); convert it to a number`,
        );
      case 'object':
        if (value === null) return null;
        return visitObject(value, path);
      default:
        throw new ColumnarError(
          `A ${typeof value} cannot cross the API boundary (at ${describe(path)})`,
        );
    }
  }

  function visitObject(value: object, path: Path): unknown {
    if (
      value instanceof Float64Array ||
      value instanceof Int32Array ||
      value instanceof Uint8Array
    ) {
      arrays.push({ path, array: value });
      return null;
    }
    if (ancestors.has(value)) {
      throw new ColumnarError(
        `A cyclic value cannot cross the API boundary (at ${describe(path)})`,
      );
    }
    const isArray = Array.isArray(value);
    if (!isArray && !isPlainObject(value)) {
      const kind = value.constructor?.name ?? 'object';
      throw new ColumnarError(
        `A ${kind} cannot cross the API boundary (at ${describe(path)}); ` +
          'use plain objects, arrays, Float64Array, Int32Array or Uint8Array',
      );
    }

    ancestors.add(value);
    let copy: unknown;
    if (isArray) {
      copy = value.map((item: unknown, index) => {
        if (item === undefined) {
          throw new ColumnarError(
            `undefined in an array cannot cross the API boundary (at ${describe([...path, index])})`,
          );
        }
        return visit(item, [...path, index]);
      });
    } else {
      const entries: [string, unknown][] = [];
      for (const [key, item] of Object.entries(value)) {
        if (item !== undefined) entries.push([key, visit(item, [...path, key])]);
      }
      copy = Object.fromEntries(entries);
    }
    ancestors.delete(value);
    return copy;
  }

  return { value: visit(root, []), arrays, numbers };
}

function parseHeader(bytes: Uint8Array): Header {
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new ColumnarError('Columnar header is not valid UTF-8 JSON');
  }
  if (
    typeof header !== 'object' ||
    header === null ||
    !('value' in header) ||
    !('arrays' in header) ||
    !('numbers' in header) ||
    !Array.isArray(header.arrays) ||
    !Array.isArray(header.numbers)
  ) {
    throw new ColumnarError('Columnar header lacks value, arrays or numbers');
  }
  return header as Header;
}

function readArray(bytes: Uint8Array, bodyStart: number, entry: ArrayEntry): ColumnarArray {
  if (!Object.hasOwn(CONSTRUCTORS, entry.type)) {
    throw new ColumnarError(
      `Unknown array type ${JSON.stringify(entry.type)} in a columnar payload`,
    );
  }
  const Constructor = CONSTRUCTORS[entry.type];
  const validNumbers = Number.isSafeInteger(entry.offset) && Number.isSafeInteger(entry.length);
  const start = bodyStart + entry.offset;
  const end = start + entry.length * Constructor.BYTES_PER_ELEMENT;
  if (!validNumbers || entry.offset < 0 || entry.length < 0 || end > bytes.length) {
    throw new ColumnarError(`Array at ${describe(entry.path)} lies outside the columnar payload`);
  }
  // A copy gives each array its own aligned buffer, whatever the alignment of `bytes`.
  return new Constructor(bytes.slice(start, end).buffer);
}

/** Puts `item` where `path` points in `root`; the place must exist and hold null. */
function place(root: unknown, path: Path, item: unknown): unknown {
  if (!Array.isArray(path)) throw new ColumnarError('A columnar path is not an array');
  if (path.length === 0) {
    if (root !== null) throw new ColumnarError('A columnar path points at a non-null root');
    return item;
  }
  let parent: unknown = root;
  for (let index = 0; index < path.length - 1; index += 1) {
    parent = step(parent, path[index], path);
  }
  const last = path[path.length - 1];
  if (step(parent, last, path) !== null) {
    throw new ColumnarError(`A columnar path points at a non-null value (${describe(path)})`);
  }
  // defineProperty rather than assignment, so a key such as `__proto__` stays an own property.
  Object.defineProperty(parent, last as string | number, {
    value: item,
    writable: true,
    enumerable: true,
    configurable: true,
  });
  return root;
}

function step(parent: unknown, key: unknown, path: Path): unknown {
  const isIndex = typeof key === 'number' && Array.isArray(parent);
  const isKey =
    typeof key === 'string' &&
    typeof parent === 'object' &&
    parent !== null &&
    !Array.isArray(parent);
  if ((!isIndex && !isKey) || !Object.hasOwn(parent as object, key as PropertyKey)) {
    throw new ColumnarError(`A columnar path does not match the value (${describe(path)})`);
  }
  return (parent as Record<string | number, unknown>)[key as string | number];
}
