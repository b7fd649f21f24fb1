import { describe, expect, it } from 'vitest';
import {
  aucOfGroups,
  giniOfAuc,
  groupByValue,
  ksOfGroups,
  ksStatistic,
  largestRemainderPercentages,
  liftByDecile,
  median,
  populationStabilityIndex,
  psiVerdict,
  rocAuc,
  scoreBin,
  scoreHistogram,
} from './metrics.ts';

/** Deterministic uniform numbers in [0, 1) (mulberry32). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** AUC by definition: over every (churner, stayer) pair, 1 when the churner scores lower, ½ on a tie. */
function bruteForceAuc(values: ArrayLike<number>, churned: ArrayLike<number>): number {
  let won = 0;
  let pairs = 0;
  for (let i = 0; i < values.length; i++) {
    if (churned[i] !== 1 || Number.isNaN(values[i])) continue;
    for (let j = 0; j < values.length; j++) {
      if (churned[j] === 1 || Number.isNaN(values[j])) continue;
      pairs++;
      if (values[i]! < values[j]!) won += 1;
      else if (values[i] === values[j]) won += 0.5;
    }
  }
  return pairs === 0 ? Number.NaN : won / pairs;
}

/** KS by definition: the largest gap of the two empirical CDFs, tried at every value present. */
function bruteForceKs(values: ArrayLike<number>, churned: ArrayLike<number>): number {
  const present = Array.from(values).filter((value) => !Number.isNaN(value));
  const churners = Array.from(values).filter((v, i) => churned[i] === 1 && !Number.isNaN(v));
  const stayers = Array.from(values).filter((v, i) => churned[i] !== 1 && !Number.isNaN(v));
  let best = 0;
  for (const x of present) {
    const churnerShare = churners.filter((v) => v <= x).length / churners.length;
    const stayerShare = stayers.filter((v) => v <= x).length / stayers.length;
    best = Math.max(best, Math.abs(churnerShare - stayerShare));
  }
  return best;
}

/** Random scores mixing grid values (tenths, integers), off-grid values and out-of-range ones, with many ties. */
function randomColumn(seed: number, rows: number): { values: Float64Array; churned: Uint8Array } {
  const next = random(seed);
  const pool = [12.5, 40, 40.1, 100 / 7, 200 / 7, 33.333333333333336, -3.5, 140, 0, 100, 99.99];
  const values = new Float64Array(rows);
  const churned = new Uint8Array(rows);
  for (let r = 0; r < rows; r++) {
    const pick = next();
    if (pick < 0.05) values[r] = Number.NaN;
    else if (pick < 0.45) values[r] = pool[Math.floor(next() * pool.length)]!;
    else if (pick < 0.75) values[r] = Math.round(next() * 1000) / 10;
    else values[r] = next() * 100;
    churned[r] = next() < 0.25 + (Number.isNaN(values[r]) ? 0 : (100 - values[r]!) / 400) ? 1 : 0;
  }
  return { values, churned };
}

describe('groupByValue', () => {
  it('matches a sort-and-count of the same values, for several seeds', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const { values, churned } = randomColumn(seed, 2000);
      const expected = new Map<number, [number, number]>();
      values.forEach((value, r) => {
        if (Number.isNaN(value)) return;
        const counts = expected.get(value) ?? [0, 0];
        counts[churned[r] === 1 ? 0 : 1]++;
        expected.set(value, counts);
      });
      const distinct = [...expected.keys()].sort((a, b) => a - b);

      const groups = groupByValue(values, churned);
      expect(Array.from(groups.values)).toEqual(distinct);
      expect(Array.from(groups.churned)).toEqual(distinct.map((v) => expected.get(v)![0]));
      expect(Array.from(groups.retained)).toEqual(distinct.map((v) => expected.get(v)![1]));
    }
  });

  it('keeps one group per exact value even inside one hundredth', () => {
    const values = new Float64Array([50.001, 50.004, 50.001, 50.009, 50.004, 50]);
    const churned = new Uint8Array([1, 0, 0, 1, 1, 0]);
    const groups = groupByValue(values, churned);
    expect(Array.from(groups.values)).toEqual([50, 50.001, 50.004, 50.009]);
    expect(Array.from(groups.churned)).toEqual([0, 1, 1, 1]);
    expect(Array.from(groups.retained)).toEqual([1, 1, 1, 0]);
  });

  it('sorts a crowded hundredth (more rows than an insertion sort takes) exactly', () => {
    const next = random(9);
    const values = Float64Array.from({ length: 500 }, () => 70 + next() * 0.009);
    const churned = Uint8Array.from(values, () => (next() < 0.3 ? 1 : 0));
    const groups = groupByValue(values, churned);
    const sorted = Array.from(values).sort((a, b) => a - b);
    expect(Array.from(groups.values)).toEqual([...new Set(sorted)]);
    expect(groups.totalChurned).toBe(churned.reduce((sum, label) => sum + label, 0));
  });

  it('uses only the listed rows and skips NaN', () => {
    const values = new Float64Array([10, Number.NaN, 20, 30]);
    const churned = new Uint8Array([1, 1, 0, 0]);
    const groups = groupByValue(values, churned, new Int32Array([1, 2, 3]));
    expect(Array.from(groups.values)).toEqual([20, 30]);
    expect(groups.totalChurned).toBe(0);
    expect(groups.totalRetained).toBe(2);
  });
});

describe('rocAuc', () => {
  it('equals the pair count on a tiny table worked by hand', () => {
    // Churners score 10 and 30, stayers 20, 30, 40. Pairs (churner, stayer):
    // (10,20) 1, (10,30) 1, (10,40) 1, (30,20) 0, (30,30) ½, (30,40) 1 → 4.5 / 6 = 0.75.
    const values = new Float64Array([10, 30, 20, 30, 40]);
    const churned = new Uint8Array([1, 1, 0, 0, 0]);
    expect(rocAuc(values, churned)).toBeCloseTo(0.75, 12);
    expect(giniOfAuc(0.75)).toBeCloseTo(0.5, 12);
  });

  it('equals the brute-force pair count on random data with ties, for several seeds', () => {
    for (const seed of [11, 12, 13, 14, 15, 16]) {
      const { values, churned } = randomColumn(seed, 700);
      expect(rocAuc(values, churned)).toBeCloseTo(bruteForceAuc(values, churned), 12);
    }
  });

  it('is ½ when every score ties, 1 and 0 for perfect rankings', () => {
    const churned = new Uint8Array([1, 0, 1, 0]);
    expect(rocAuc(new Float64Array([50, 50, 50, 50]), churned)).toBe(0.5);
    expect(rocAuc(new Float64Array([10, 90, 20, 80]), churned)).toBe(1);
    expect(rocAuc(new Float64Array([90, 10, 80, 20]), churned)).toBe(0);
  });

  it('is NaN without churners, without stayers, or without rows', () => {
    const values = new Float64Array([10, 20]);
    expect(rocAuc(values, new Uint8Array([0, 0]))).toBeNaN();
    expect(rocAuc(values, new Uint8Array([1, 1]))).toBeNaN();
    expect(rocAuc(new Float64Array(0), new Uint8Array(0))).toBeNaN();
    expect(rocAuc(new Float64Array([Number.NaN, Number.NaN]), new Uint8Array([1, 0]))).toBeNaN();
  });
});

describe('ksStatistic', () => {
  it('takes the largest CDF gap, worked by hand', () => {
    // Churners 10, 30; stayers 20, 30, 40.
    // x = 10: churners ≤ x 1/2, stayers 0/3   → 0.5
    // x = 20: 1/2 against 1/3                → 0.1667
    // x = 30: 2/2 against 2/3                → 0.3333
    // x = 40: 1 against 1                    → 0
    const result = ksStatistic(
      new Float64Array([10, 30, 20, 30, 40]),
      new Uint8Array([1, 1, 0, 0, 0]),
    );
    expect(result.ks).toBeCloseTo(0.5, 12);
    expect(result.atScore).toBe(10);
  });

  it('never splits a tie: thresholds lie between distinct scores', () => {
    // All four rows at 50: the only threshold leaves both CDFs at 1, so KS = 0.
    const result = ksStatistic(new Float64Array([50, 50, 50, 50]), new Uint8Array([1, 0, 1, 0]));
    expect(result.ks).toBe(0);
  });

  it('equals the brute-force maximum on random data, for several seeds', () => {
    for (const seed of [21, 22, 23]) {
      const { values, churned } = randomColumn(seed, 400);
      expect(ksStatistic(values, churned).ks).toBeCloseTo(bruteForceKs(values, churned), 12);
    }
  });

  it('is NaN without both classes', () => {
    const result = ksOfGroups(groupByValue(new Float64Array([1, 2]), new Uint8Array([0, 0])));
    expect(result.ks).toBeNaN();
    expect(result.atScore).toBeNaN();
  });
});

describe('liftByDecile', () => {
  it('gives the lift and gains of a table built to a known answer', () => {
    // 20 rows scored 1..20, two per decile. Churners at scores 1, 2, 3 and 15:
    // decile 1 (1,2) 2 of 2, decile 2 (3,4) 1 of 2, decile 8 (15,16) 1 of 2.
    // Overall rate 4/20 = 0.2 → lifts 1/0.2 = 5, 0.5/0.2 = 2.5, 2.5.
    // Gains 2/4, 3/4, …, 4/4 from decile 8; cumulative lift at decile 2 = 0.75 / 0.2 = 3.75.
    const values = Float64Array.from({ length: 20 }, (_, i) => i + 1);
    const churned = Uint8Array.from(values, (v) => ([1, 2, 3, 15].includes(v) ? 1 : 0));
    const table = liftByDecile(groupByValue(values, churned));

    expect(table.map((row) => row.rows)).toEqual([2, 2, 2, 2, 2, 2, 2, 2, 2, 2]);
    expect(table.map((row) => row.churned)).toEqual([2, 1, 0, 0, 0, 0, 0, 1, 0, 0]);
    expect(table[0]!.lift).toBeCloseTo(5, 12);
    expect(table[1]!.lift).toBeCloseTo(2.5, 12);
    expect(table[2]!.lift).toBe(0);
    expect(table[7]!.lift).toBeCloseTo(2.5, 12);
    expect(table.map((row) => row.gains)).toEqual([
      0.5, 0.75, 0.75, 0.75, 0.75, 0.75, 0.75, 1, 1, 1,
    ]);
    expect(table[1]!.cumulativeLift).toBeCloseTo(3.75, 12);
    expect(table[9]!.cumulativeLift).toBeCloseTo(1, 12);
    expect([table[0]!.minScore, table[0]!.maxScore, table[9]!.maxScore]).toEqual([1, 2, 20]);
  });

  it('puts a tie wholly in the decile of its mid-rank', () => {
    // Ten rows: scores 1, 2, 2, 3, …, 9. The 2s hold ranks 2 and 3, mid-rank 2.5,
    // decile ⌈10·2.5/10⌉ = 3; decile 2 stays empty, every other rank r is decile r.
    const values = new Float64Array([1, 2, 2, 3, 4, 5, 6, 7, 8, 9]);
    const table = liftByDecile(groupByValue(values, new Uint8Array(10)));
    expect(table.map((row) => row.rows)).toEqual([1, 0, 2, 1, 1, 1, 1, 1, 1, 1]);
    expect(table[1]!.churnRate).toBeNull();
    expect(table[1]!.minScore).toBeNull();
  });

  it('keeps a tie at the bottom together: three 5s out of ten have mid-rank 2, decile 2', () => {
    const values = new Float64Array([5, 5, 5, 6, 7, 8, 9, 10, 11, 12]);
    const churned = new Uint8Array([1, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    const table = liftByDecile(groupByValue(values, churned));
    expect(table.map((row) => row.rows)).toEqual([0, 3, 0, 1, 1, 1, 1, 1, 1, 1]);
    // Decile 2: 1 churner of 3 against 2 of 10 overall → lift (1/3)/(2/10) = 5/3.
    expect(table[1]!.lift).toBeCloseTo(5 / 3, 12);
  });

  it('returns ten empty deciles for no rows, and null lift without churners', () => {
    const empty = liftByDecile(groupByValue(new Float64Array(0), new Uint8Array(0)));
    expect(empty).toHaveLength(10);
    expect(empty.every((row) => row.rows === 0 && row.gains === null)).toBe(true);
    const noChurn = liftByDecile(groupByValue(new Float64Array([1, 2, 3]), new Uint8Array(3)));
    expect(noChurn.every((row) => row.lift === null && row.gains === null)).toBe(true);
  });

  it('agrees with aucOfGroups on the same groups (a row count check)', () => {
    const { values, churned } = randomColumn(31, 300);
    const groups = groupByValue(values, churned);
    const table = liftByDecile(groups);
    expect(table.reduce((sum, row) => sum + row.rows, 0)).toBe(
      groups.totalChurned + groups.totalRetained,
    );
    expect(aucOfGroups(groups)).toBeCloseTo(bruteForceAuc(values, churned), 12);
  });
});

describe('scoreHistogram', () => {
  it('bins by tens, the last bin including 100, NaN left out', () => {
    const scores = new Float64Array([0, 9.9, 10, 55, 89.9, 90, 99.9, 100, Number.NaN]);
    expect(Array.from(scoreHistogram(scores))).toEqual([2, 1, 0, 0, 0, 1, 0, 0, 1, 3]);
    expect([scoreBin(0), scoreBin(19.99), scoreBin(20), scoreBin(100)]).toEqual([0, 1, 2, 9]);
  });

  it('throws on a score outside 0..100', () => {
    expect(() => scoreHistogram(new Float64Array([100.1]))).toThrow(RangeError);
    expect(() => scoreHistogram(new Float64Array([-0.1]))).toThrow(RangeError);
  });
});

describe('populationStabilityIndex', () => {
  it('computes Σ (a − e)·ln(a / e) by hand', () => {
    // a = (50, 30, 20)/100 = .5 .3 .2, e = (40, 40, 20)/100 = .4 .4 .2
    // (.5−.4)·ln(1.25) + (.3−.4)·ln(.75) + 0 = .1·0.22314355 + .1·0.28768207 = 0.05108256
    expect(populationStabilityIndex([50, 30, 20], [40, 40, 20])).toBeCloseTo(0.0510825624, 9);
  });

  it('replaces an empty share by 0.0001 without renormalising', () => {
    // a = (0, 10)/10 → (0.0001, 1); e = (5, 5)/10 = (.5, .5)
    // (0.0001 − .5)·ln(0.0002) + (1 − .5)·ln(2)
    // = (−0.4999)·(−8.5171931914) + 0.5·0.6931471806 = 4.2577448764 + 0.3465735903 = 4.6043184667
    expect(populationStabilityIndex([0, 10], [5, 5])).toBeCloseTo(4.6043184667, 8);
    // Both empty in a bin: (0.0001 − 0.0001)·ln 1 = 0, so only the other bins count.
    expect(populationStabilityIndex([50, 30, 20, 0], [40, 40, 20, 0])).toBeCloseTo(0.0510825624, 9);
  });

  it('is 0 for identical shares and NaN for an empty histogram', () => {
    expect(populationStabilityIndex([1, 2, 3], [2, 4, 6])).toBe(0);
    expect(populationStabilityIndex([0, 0], [1, 1])).toBeNaN();
    expect(populationStabilityIndex([1, 1], [0, 0])).toBeNaN();
  });
});

describe('psiVerdict', () => {
  it('puts 0.10 and 0.25 in the moderate band', () => {
    expect(psiVerdict(0)).toBe('stable');
    expect(psiVerdict(0.0999999)).toBe('stable');
    expect(psiVerdict(0.1)).toBe('moderate_shift');
    expect(psiVerdict(0.25)).toBe('moderate_shift');
    expect(psiVerdict(0.2500001)).toBe('major_shift');
    expect(psiVerdict(Number.NaN)).toBeNull();
  });
});

describe('median', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([30, 10, 20])).toBe(20);
    expect(median([40, 10, 30, 20])).toBe(25);
    expect(median([])).toBeNaN();
  });
});

describe('largestRemainderPercentages', () => {
  it('sums to exactly 100, the leftover points going to the largest remainders', () => {
    // 33.33 each: floors 33+33+33 = 99, the point left goes to the first on the tie.
    expect(largestRemainderPercentages([1, 1, 1])).toEqual([34, 33, 33]);
    // 66.67 and 33.33: floors 66 + 33, the larger remainder (.67) takes the point.
    expect(largestRemainderPercentages([2, 1])).toEqual([67, 33]);
    // 12.5, 37.5, 50: floors 12 + 37 + 50 = 99; remainders .5 and .5 → the earlier one.
    expect(largestRemainderPercentages([0.125, 0.375, 0.5])).toEqual([13, 37, 50]);
    expect(largestRemainderPercentages([0.3, 0, 0.7])).toEqual([30, 0, 70]);
  });

  it('returns null for weights that sum to 0 or include a negative', () => {
    expect(largestRemainderPercentages([0, 0])).toBeNull();
    expect(largestRemainderPercentages([1, -1])).toBeNull();
    expect(largestRemainderPercentages([])).toBeNull();
  });
});
