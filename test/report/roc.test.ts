import { describe, expect, it } from 'vitest';
import { rocAuc } from '../../core/metrics.ts';
import { areaUnderPoints, rocCurve } from '../../renderer/src/evidence/roc.ts';

/** A small deterministic generator (mulberry32), so the random cases repeat. */
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

describe('rocCurve', () => {
  it('steps through a hand-checked case with a tie', () => {
    // Churners score 10 and 20, stayers 20 and 30 (lower = riskier). Thresholds:
    // ≤10 flags 1 of 2 churners, 0 of 2 stayers; ≤20 flags both churners and 1 stayer.
    const curve = rocCurve([10, 20, 20, 30], [1, 1, 0, 0])!;
    expect(curve.points.map((p) => [p.falsePositiveRate, p.truePositiveRate, p.threshold])).toEqual(
      [
        [0, 0, null],
        [0, 0.5, 10],
        [0.5, 1, 20],
        [1, 1, 30],
      ],
    );
    // Trapezoids: 0 + 0.5·(0.5 + 1)/2 + 0.5·(1 + 1)/2 = 0.375 + 0.5 = 0.875; pairwise:
    // (10,20) 1 + (10,30) 1 + (20,20) ½ + (20,30) 1 = 3.5 of 4 pairs.
    expect(areaUnderPoints(curve.points)).toBe(0.875);
    expect(curve.churned).toBe(2);
    expect(curve.retained).toBe(2);
  });

  it('skips NaN scores and rows not listed', () => {
    const curve = rocCurve([Number.NaN, 40, 10, 70, 5], [1, 1, 0, 0, 1], [0, 1, 2, 3])!;
    // Left: 40 churned, 10 and 70 stayed. ≤10 flags a stayer, ≤40 the churner.
    expect(curve.points.map((p) => [p.falsePositiveRate, p.truePositiveRate])).toEqual([
      [0, 0],
      [0.5, 0],
      [0.5, 1],
      [1, 1],
    ]);
    expect(areaUnderPoints(curve.points)).toBe(0.5);
  });

  it('is null without a churner or without a stayer', () => {
    expect(rocCurve([1, 2, 3], [0, 0, 0])).toBeNull();
    expect(rocCurve([1, 2, 3], [1, 1, 1])).toBeNull();
    expect(rocCurve([Number.NaN, 2], [1, 0])).toBeNull();
  });

  it('has an area equal to core’s AUC on random data with many ties', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const next = random(seed);
      const size = 500 + seed * 300;
      const score = new Float64Array(size);
      const churned = new Uint8Array(size);
      for (let i = 0; i < size; i++) {
        // Scores on a coarse grid of 21 values so ties are everywhere; churn likelier when low.
        score[i] = next() < 0.05 ? Number.NaN : Math.round(next() * 20) * 5;
        churned[i] = next() < (Number.isNaN(score[i]!) ? 0.2 : 0.35 - score[i]! / 400) ? 1 : 0;
      }
      const curve = rocCurve(score, churned)!;
      expect(curve.points.at(-1)).toMatchObject({ falsePositiveRate: 1, truePositiveRate: 1 });
      expect(areaUnderPoints(curve.points)).toBeCloseTo(rocAuc(score, churned), 12);
    }
  });
});
