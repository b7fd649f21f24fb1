import { describe, expect, it } from 'vitest';
import { runDrift, type DriftInput } from './drift.ts';

function band(score: number): number {
  if (Number.isNaN(score)) return 0;
  if (score >= 70) return 3;
  return score >= 40 ? 2 : 1;
}

// [snapshot, account, score]. Segments: A0 smb, A1 ent, A2 smb, A3 none, A4 ent.
const ROWS: [number, number, number][] = [
  [0, 0, 5],
  [0, 1, 15],
  [0, 2, 15],
  [0, 3, 100],
  [0, 4, Number.NaN],
  [1, 0, 95],
  [1, 1, 99.9],
  [1, 2, 10],
  [1, 3, 0],
  [2, 0, 50],
  [3, 4, Number.NaN],
];

function input(overrides: Partial<DriftInput> = {}): DriftInput {
  const scores = Float64Array.from(ROWS, ([, , score]) => score);
  return {
    asOfDates: [0, 30, 60, 90],
    asOfIndex: Int32Array.from(ROWS, ([snapshot]) => snapshot),
    accountIndex: Int32Array.from(ROWS, ([, account]) => account),
    score: scores,
    rag: Uint8Array.from(scores, band),
    accountSegments: ['smb', 'ent', 'smb', null, 'ent'],
    ...overrides,
  };
}

describe('runDrift', () => {
  const report = runDrift(input());
  const [first, second, third, fourth] = report.snapshots;

  it('bins scores by tens, 100 in the last bin, unscored left out', () => {
    // Day 0: 5 → [0,10); 15, 15 → [10,20); 100 → [90,100]. Four scored rows.
    expect(first!.histogram.map((bin) => bin.count)).toEqual([1, 2, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(first!.histogram.map((bin) => bin.share)).toEqual([
      0.25, 0.5, 0, 0, 0, 0, 0, 0, 0, 0.25,
    ]);
    expect(first!.histogram[9]).toMatchObject({ label: '[90,100]', from: 90, to: 100 });
    expect(first!.histogram[0]!.label).toBe('[0,10)');
    expect([first!.rows, first!.scored, first!.unscored]).toEqual([5, 4, 1]);
    // Day 30: 0 → first bin, 10 → second, 95 and 99.9 → last.
    expect(second!.histogram.map((bin) => bin.count)).toEqual([1, 1, 0, 0, 0, 0, 0, 0, 0, 2]);
  });

  it('gives RAG shares of the scored rows and the mean score', () => {
    // Day 0: red 5, 15, 15; green 100 → 3/4 red, 1/4 green; mean (5+15+15+100)/4 = 33.75.
    expect(first!.rag).toEqual({
      red: { count: 3, share: 0.75 },
      yellow: { count: 0, share: 0 },
      green: { count: 1, share: 0.25 },
    });
    expect(first!.meanScore).toBe(33.75);
    // Day 30: (95 + 99.9 + 10 + 0) / 4 = 51.225.
    expect(second!.meanScore).toBeCloseTo(51.225, 12);
  });

  it('gives the mean by segment, segments sorted with the unsegmented last', () => {
    // Day 0: ent = A1 15 (A4 unscored); smb = (5 + 15)/2 = 10; none = A3 100.
    expect(first!.segments).toEqual([
      { segment: 'ent', rows: 2, scored: 1, meanScore: 15 },
      { segment: 'smb', rows: 2, scored: 2, meanScore: 10 },
      { segment: null, rows: 1, scored: 1, meanScore: 100 },
    ]);
    // Day 60: only A0 (smb) has a row; the others are listed empty.
    expect(third!.segments.map((segment) => segment.meanScore)).toEqual([null, 50, null]);
  });

  it('computes PSI against the first snapshot by hand', () => {
    // Day 30 against day 0: bins [0,10) .25/.25 → 0; [10,20) .25 vs .5 → (−.25)·ln .5 =
    // 0.1732868; [90,100] .5 vs .25 → .25·ln 2 = 0.1732868; empty bins both 0.0001 → 0.
    // Total 0.3465736 > 0.25 → major shift.
    expect(first!.psi).toBe(0);
    expect(first!.psiVerdict).toBe('stable');
    expect(second!.psi).toBeCloseTo(0.34657359028, 10);
    expect(second!.psiVerdict).toBe('major_shift');
    // Day 60 (all at 50) against day 0: empty shares become 0.0001.
    // [0,10):  (0.0001 − .25)·ln(0.0001/.25) = (−.2499)·(−7.8240460109) = 1.9552290981
    // [10,20): (0.0001 − .5)·ln(0.0001/.5)   = (−.4999)·(−8.5171931914) = 4.2577448764
    // [50,60): (1 − 0.0001)·ln(1/0.0001)     = .9999·9.2103403720      = 9.2094193379
    // [90,100]: as [0,10)                                                = 1.9552290981
    // Sum 17.3776224106.
    expect(third!.psi).toBeCloseTo(17.3776224106, 8);
  });

  it('reports a snapshot without scored rows as PSI null, not 0', () => {
    expect([fourth!.scored, fourth!.unscored]).toEqual([0, 1]);
    expect(fourth!.psi).toBeNull();
    expect(fourth!.psiVerdict).toBeNull();
    expect(fourth!.meanScore).toBeNull();
    expect(fourth!.histogram.every((bin) => bin.count === 0 && bin.share === null)).toBe(true);
    expect(fourth!.rag.red.share).toBeNull();
  });

  it('compares against another baseline on request', () => {
    const fromSecond = runDrift(input({ baselineIndex: 1 }));
    expect(fromSecond.baselineAsOf).toBe(30);
    expect(fromSecond.snapshots[1]!.psi).toBe(0);
    expect(fromSecond.snapshots[0]!.psi).toBeCloseTo(0.34657359028, 10);
    expect(report.baselineAsOf).toBe(0);
  });

  it('gives every PSI as null when the baseline has no scored rows', () => {
    const fromEmpty = runDrift(input({ baselineIndex: 3 }));
    expect(fromEmpty.snapshots.every((snapshot) => snapshot.psi === null)).toBe(true);
  });

  it('rejects bad input', () => {
    expect(() => runDrift(input({ baselineIndex: 4 }))).toThrow(RangeError);
    const outside = input().score.slice();
    outside[0] = 100.5;
    expect(() => runDrift(input({ score: outside }))).toThrow(/outside 0..100/);
    expect(() => runDrift(input({ accountSegments: ['smb'] }))).toThrow(/accountIndex/);
  });
});
