import { describe, expect, it } from 'vitest';
import {
  ColumnarError,
  assertTransportable,
  decodeColumnar,
  encodeColumnar,
  transportFormat,
} from '../../core/columnar.ts';

/**
 * Builds columnar bytes by hand from the layout documented in core/columnar.ts,
 * independently of encodeColumnar: magic, uint32 LE header length, header, zero
 * padding to a multiple of 8, then the body.
 */
function craft(header: unknown, body: Uint8Array = new Uint8Array(0)): Uint8Array {
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const bodyStart = Math.ceil((8 + headerBytes.length) / 8) * 8;
  const bytes = new Uint8Array(bodyStart + body.length);
  bytes.set([0x48, 0x53, 0x43, 0x31], 0);
  new DataView(bytes.buffer).setUint32(4, headerBytes.length, true);
  bytes.set(headerBytes, 8);
  bytes.set(body, bodyStart);
  return bytes;
}

/** Deep equality that tells NaN, -0 and typed-array classes apart: Object.is on every leaf. */
function expectSame(actual: unknown, expected: unknown, path = 'value'): void {
  if (ArrayBuffer.isView(expected)) {
    expect(Object.getPrototypeOf(actual), path).toBe(Object.getPrototypeOf(expected));
    const left = actual as Float64Array;
    const right = expected as Float64Array;
    expect(left.length, `${path}.length`).toBe(right.length);
    for (let index = 0; index < right.length; index += 1) {
      expect(Object.is(left[index], right[index]), `${path}[${index}]`).toBe(true);
    }
    return;
  }
  if (typeof expected === 'object' && expected !== null) {
    expect(typeof actual, path).toBe('object');
    expect(Array.isArray(actual), path).toBe(Array.isArray(expected));
    const actualKeys = Object.keys(actual as object).sort();
    expect(actualKeys, `${path} keys`).toEqual(Object.keys(expected).sort());
    for (const key of actualKeys) {
      expectSame(
        (actual as Record<string, unknown>)[key],
        (expected as Record<string, unknown>)[key],
        `${path}.${key}`,
      );
    }
    return;
  }
  expect(Object.is(actual, expected), `${path}: ${String(actual)} vs ${String(expected)}`).toBe(
    true,
  );
}

describe('encodeColumnar / decodeColumnar', () => {
  it('round-trips nested objects with every supported array type and special numbers', () => {
    const value = {
      ok: true,
      value: {
        matrix: {
          accountIds: ['a-1', 'b-2'],
          asOf: Int32Array.of(19_723, -1, 2_147_483_647, -2_147_483_648),
          usage: Float64Array.of(
            Number.NaN,
            Number.POSITIVE_INFINITY,
            Number.NEGATIVE_INFINITY,
            -0,
            1.5,
            Number.MIN_VALUE,
            Number.MAX_VALUE,
          ),
        },
        layers: [
          { name: 'adoption', weights: Float64Array.of(0.25, 0.75) },
          { name: 'empty', weights: new Float64Array(0) },
        ],
        flags: Uint8Array.of(0, 1, 255),
        auc: Number.NaN,
        upper: Number.POSITIVE_INFINITY,
        lower: Number.NEGATIVE_INFINITY,
        zero: -0,
        nothing: null,
        text: 'Zürich ✓ "quoted" \\ \n',
        nested: [[1, [Number.NaN, 2]], []],
      },
    };
    expectSame(decodeColumnar(encodeColumnar(value)), value);
  });

  it('round-trips a typed array or a special number at the root', () => {
    expectSame(
      decodeColumnar(encodeColumnar(Float64Array.of(Number.NaN, 3))),
      Float64Array.of(Number.NaN, 3),
    );
    expectSame(decodeColumnar(encodeColumnar(Number.NEGATIVE_INFINITY)), Number.NEGATIVE_INFINITY);
    expectSame(decodeColumnar(encodeColumnar('plain')), 'plain');
  });

  it('lays out a small value exactly as documented', () => {
    const bytes = encodeColumnar({ a: Int32Array.of(1, -1) });
    const header =
      '{"value":{"a":null},"arrays":[{"path":["a"],"type":"Int32Array","offset":0,"length":2}],"numbers":[]}';
    // Body starts at 8 + header length rounded up to a multiple of 8.
    const bodyStart = Math.ceil((8 + header.length) / 8) * 8;

    expect(Array.from(bytes.subarray(0, 4))).toEqual([0x48, 0x53, 0x43, 0x31]);
    expect(new DataView(bytes.buffer).getUint32(4, true)).toBe(header.length);
    expect(Buffer.from(bytes.subarray(8, 8 + header.length)).toString('utf8')).toBe(header);
    expect(Array.from(bytes.subarray(8 + header.length, bodyStart))).toEqual(
      new Array(bodyStart - 8 - header.length).fill(0),
    );
    // 1 and -1 as little-endian int32: 01 00 00 00, ff ff ff ff.
    expect(Array.from(bytes.subarray(bodyStart))).toEqual([1, 0, 0, 0, 255, 255, 255, 255]);
  });

  it('starts every array at a multiple of 8 bytes in the body', () => {
    const bytes = encodeColumnar({ flags: Uint8Array.of(1, 2, 3), values: Float64Array.of(0.5) });
    const headerLength = new DataView(bytes.buffer).getUint32(4, true);
    const header = JSON.parse(Buffer.from(bytes.subarray(8, 8 + headerLength)).toString('utf8'));
    // 3 bytes of flags, then the double at offset 8 (3 rounded up), 8 + 8 = 16 body bytes.
    expect(header.arrays.map((entry: { offset: number }) => entry.offset)).toEqual([0, 8]);
    expect(bytes.length - Math.ceil((8 + headerLength) / 8) * 8).toBe(16);
  });

  it('decodes bytes that sit at an unaligned offset of a larger buffer', () => {
    const bytes = encodeColumnar({ values: Float64Array.of(0.1, Number.NaN) });
    const shifted = new Uint8Array(bytes.length + 3);
    shifted.set(bytes, 3);
    expectSame(decodeColumnar(shifted.subarray(3)), { values: Float64Array.of(0.1, Number.NaN) });
  });

  it('decodes hand-made bytes', () => {
    const body = new Uint8Array(16);
    new DataView(body.buffer).setFloat64(8, 1.5, true);
    const bytes = craft(
      {
        value: { x: null, y: [null, 4] },
        arrays: [{ path: ['y', 0], type: 'Float64Array', offset: 8, length: 1 }],
        numbers: [{ path: ['x'], value: '-Infinity' }],
      },
      body,
    );
    expectSame(decodeColumnar(bytes), {
      x: Number.NEGATIVE_INFINITY,
      y: [Float64Array.of(1.5), 4],
    });
  });

  it('keeps a __proto__ key an own property instead of changing the prototype', () => {
    const bytes = craft({
      value: { ['__proto__']: null },
      arrays: [],
      numbers: [{ path: ['__proto__'], value: 'NaN' }],
    });
    const decoded = decodeColumnar(bytes) as Record<string, unknown>;
    expect(Object.getPrototypeOf(decoded)).toBe(Object.prototype);
    expect(Object.hasOwn(decoded, '__proto__')).toBe(true);
  });

  it('drops undefined object properties, as JSON does', () => {
    const decoded = decodeColumnar(encodeColumnar({ kept: 1, dropped: undefined }));
    expect(decoded).toEqual({ kept: 1 });
    expect(Object.hasOwn(decoded as object, 'dropped')).toBe(false);
  });

  it('accepts a value referenced twice without a cycle', () => {
    const shared = { weight: 0.5 };
    expect(decodeColumnar(encodeColumnar({ a: shared, b: shared }))).toEqual({
      a: { weight: 0.5 },
      b: { weight: 0.5 },
    });
  });

  it('copies the arrays: the decoded array does not alias the bytes', () => {
    const bytes = encodeColumnar(Float64Array.of(2));
    const decoded = decodeColumnar(bytes) as Float64Array;
    bytes.fill(0);
    expect(decoded[0]).toBe(2);
  });
});

describe('what cannot cross the API boundary', () => {
  class AccountRow {
    id = 'a';
  }
  const cyclic: Record<string, unknown> = { name: 'loop' };
  cyclic.self = cyclic;

  const refused: [string, unknown, RegExp][] = [
    ['a bigint', 5n, /bigint.*\(root\)/],
    [
      'a nested bigint',
      { rows: [{ count: 1 }, { count: 2n }] },
      /bigint.*\["rows"\]\[1\]\["count"\]/,
    ],
    ['a BigInt64Array', { column: BigInt64Array.of(1n) }, /BigInt64Array/],
    ['a Float32Array', { column: Float32Array.of(1) }, /Float32Array/],
    ['an ArrayBuffer', new ArrayBuffer(8), /ArrayBuffer/],
    ['a DataView', new DataView(new ArrayBuffer(8)), /DataView/],
    ['a Date', { at: new Date(0) }, /Date/],
    ['a Map', new Map([[1, 2]]), /Map/],
    ['a Set', new Set([1]), /Set/],
    ['a class instance', [new AccountRow()], /AccountRow/],
    ['a function', { run: () => 1 }, /function/],
    ['a symbol', { tag: Symbol('x') }, /symbol/],
    ['undefined inside an array', [1, undefined], /undefined.*\[1\]/],
    ['undefined at the root', undefined, /undefined/],
    ['a cycle', cyclic, /cyclic.*\["self"\]/],
  ];

  for (const [name, value, message] of refused) {
    it(`refuses ${name}, naming where`, () => {
      expect(() => encodeColumnar(value)).toThrow(ColumnarError);
      expect(() => encodeColumnar(value)).toThrow(message);
      expect(() => transportFormat(value)).toThrow(ColumnarError);
      expect(() => assertTransportable(value)).toThrow(ColumnarError);
    });
  }
});

describe('transportFormat', () => {
  it('is json when JSON carries the value losslessly', () => {
    expect(
      transportFormat({ ok: true, value: { rows: [1, 2.5, 'x', null, false], deep: {} } }),
    ).toBe('json');
  });

  it('is columnar for typed arrays and for numbers JSON would change', () => {
    expect(transportFormat({ column: new Uint8Array(0) })).toBe('columnar');
    expect(transportFormat({ auc: Number.NaN })).toBe('columnar');
    expect(transportFormat([Number.POSITIVE_INFINITY])).toBe('columnar');
    expect(transportFormat({ delta: -0 })).toBe('columnar');
  });
});

describe('decodeColumnar refuses bytes it did not make', () => {
  const good = encodeColumnar({ values: Float64Array.of(1, 2) });
  const headerLength = new DataView(good.buffer).getUint32(4, true);

  const bad: [string, Uint8Array][] = [
    ['empty bytes', new Uint8Array(0)],
    ['a JSON body', Buffer.from('{"ok":true}')],
    ['a header longer than the bytes', good.subarray(0, 8 + headerLength - 1)],
    ['an array cut short', good.subarray(0, good.length - 1)],
    ['a header that is not JSON', craft('x').fill(0x7b, 8)],
    ['a header without its lists', craft({ value: 1 })],
    [
      'an unknown array type',
      craft({
        value: null,
        arrays: [{ path: [], type: 'Float32Array', offset: 0, length: 0 }],
        numbers: [],
      }),
    ],
    [
      'an unknown special number',
      craft({ value: { x: null }, arrays: [], numbers: [{ path: ['x'], value: 'zero' }] }),
    ],
    [
      'a negative offset',
      craft(
        {
          value: null,
          arrays: [{ path: [], type: 'Uint8Array', offset: -8, length: 1 }],
          numbers: [],
        },
        new Uint8Array(8),
      ),
    ],
    [
      'a path to a missing key',
      craft({ value: {}, arrays: [], numbers: [{ path: ['missing'], value: 'NaN' }] }),
    ],
    [
      'a path to a value that is not null',
      craft({ value: { x: 1 }, arrays: [], numbers: [{ path: ['x'], value: 'NaN' }] }),
    ],
    [
      'a string key into an array',
      craft({ value: [null], arrays: [], numbers: [{ path: ['length'], value: 'NaN' }] }),
    ],
  ];

  for (const [name, bytes] of bad) {
    it(`refuses ${name}`, () => {
      expect(() => decodeColumnar(bytes)).toThrow(ColumnarError);
    });
  }
});
