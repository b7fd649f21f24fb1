import { describe, expect, it } from 'vitest';
import { fitLogistic } from './logistic.ts';

/** The penalised objective and its gradient, written out independently of the fitter. */
function objectiveAndGradient(
  features: Float64Array[],
  outcome: number[],
  intercept: number,
  coefficients: ArrayLike<number>,
  l2: number,
): { objective: number; gradient: number[] } {
  const n = outcome.length;
  const gradient = new Array<number>(features.length + 1).fill(0);
  let objective = 0;
  for (let r = 0; r < n; r++) {
    let eta = intercept;
    features.forEach((column, j) => (eta += coefficients[j]! * column[r]!));
    const p = 1 / (1 + Math.exp(-eta));
    const y = outcome[r]!;
    objective -= (y * Math.log(p) + (1 - y) * Math.log(1 - p)) / n;
    gradient[0]! += (p - y) / n;
    features.forEach((column, j) => (gradient[j + 1]! += ((p - y) * column[r]!) / n));
  }
  features.forEach((_, j) => {
    objective += (l2 / 2) * coefficients[j]! ** 2;
    gradient[j + 1]! += l2 * coefficients[j]!;
  });
  return { objective, gradient };
}

describe('fitLogistic', () => {
  it('solves the symmetric two-point case derived by hand', () => {
    // x = (−1, +1), y = (0, 1). By symmetry b₀ = 0. Each point's loss is log(1 + e^−β),
    // so the objective is log(1 + e^−β) + λβ²/2 and its derivative −1/(1 + e^β) + λβ = 0.
    // Choosing λ = (1/4)/ln 3 makes β = ln 3 the root: 1/(1 + 3) = 1/4 = λ·ln 3.
    const l2 = 0.25 / Math.log(3);
    const fit = fitLogistic([new Float64Array([-1, 1])], [0, 1], { l2 });
    expect(fit.converged).toBe(true);
    expect(fit.intercept).toBeCloseTo(0, 10);
    expect(fit.coefficients[0]).toBeCloseTo(Math.log(3), 10);
  });

  it('recovers the log-odds of a 2×2 table without a penalty', () => {
    // x = 0: 1 churner of 4 → b₀ = logit(1/4) = ln(1/3) = −ln 3.
    // x = 1: 3 churners of 4 → b₀ + b₁ = logit(3/4) = ln 3, so b₁ = 2·ln 3.
    const x = new Float64Array([0, 0, 0, 0, 1, 1, 1, 1]);
    const fit = fitLogistic([x], [1, 0, 0, 0, 1, 1, 1, 0], { l2: 0 });
    expect(fit.intercept).toBeCloseTo(-Math.log(3), 9);
    expect(fit.coefficients[0]).toBeCloseTo(2 * Math.log(3), 9);
  });

  it('finds the finite penalised optimum of perfectly separable data (gradient ≈ 0)', () => {
    const x1 = new Float64Array([1, 2, 3, 4, 5, 6]);
    const x2 = new Float64Array([0.5, -1, 2, 0, 1.5, -0.5]);
    const outcome = [0, 0, 0, 1, 1, 1];
    const l2 = 0.05;
    const fit = fitLogistic([x1, x2], outcome, { l2 });
    expect(fit.converged).toBe(true);
    expect(Number.isFinite(fit.coefficients[0]!)).toBe(true);

    const at = objectiveAndGradient([x1, x2], outcome, fit.intercept, fit.coefficients, l2);
    for (const component of at.gradient) expect(Math.abs(component)).toBeLessThan(1e-8);
    expect(fit.objective).toBeCloseTo(at.objective, 10);
    for (const [d0, d1, d2] of [
      [0.01, 0, 0],
      [0, 0.01, 0],
      [0, 0, -0.01],
    ] as const) {
      const moved = objectiveAndGradient(
        [x1, x2],
        outcome,
        fit.intercept + d0,
        [fit.coefficients[0]! + d1, fit.coefficients[1]! + d2],
        l2,
      );
      expect(moved.objective).toBeGreaterThan(at.objective);
    }
  });

  it('shrinks coefficients as the penalty grows', () => {
    const x = new Float64Array([-2, -1, 0, 1, 2, -1.5, 0.5, 1.5]);
    const outcome = [0, 0, 1, 1, 1, 0, 0, 1];
    const light = fitLogistic([x], outcome, { l2: 0.01 }).coefficients[0]!;
    const heavy = fitLogistic([x], outcome, { l2: 1 }).coefficients[0]!;
    expect(light).toBeGreaterThan(heavy);
    expect(heavy).toBeGreaterThan(0);
  });

  it('rejects empty and ragged input, and a singular system without a penalty', () => {
    expect(() => fitLogistic([new Float64Array(0)], [])).toThrow(RangeError);
    expect(() => fitLogistic([new Float64Array([1, 2])], [0, 1, 1])).toThrow(RangeError);
    const x = new Float64Array([1, 2, 3, 4]);
    const twice = new Float64Array([2, 4, 6, 8]);
    expect(() => fitLogistic([x, twice], [0, 1, 0, 1], { l2: 0 })).toThrow(/singular/);
    // With a penalty the fit is unique: the smallest (b₁, b₂) with b₁ + 2·b₂ fixed is ∝ (1, 2).
    const fit = fitLogistic([x, twice], [0, 1, 0, 1], { l2: 0.1 });
    expect(fit.coefficients[1]! / fit.coefficients[0]!).toBeCloseTo(2, 8);
  });
});
