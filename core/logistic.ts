/**
 * L2-regularised logistic regression fitted by Newton's method (iteratively
 * reweighted least squares) with step halving. Small and exact enough for a handful
 * of features over a few hundred thousand rows; the backtest uses it to suggest
 * layer weights.
 */

export interface LogisticOptions {
  /** Ridge strength λ on the coefficients (never the intercept); default 0.01. */
  readonly l2?: number;
  /** Newton iterations before giving up; default 100. */
  readonly maxIterations?: number;
  /** Converged when every gradient component is below this in absolute value; default 1e-9. */
  readonly tolerance?: number;
}

export interface LogisticFit {
  readonly intercept: number;
  /** One coefficient per feature column, on the scale of that column (log-odds per unit). */
  readonly coefficients: Float64Array;
  readonly iterations: number;
  readonly converged: boolean;
  /** The penalised objective at the solution (mean log-loss + λ/2·Σβ²). */
  readonly objective: number;
}

const DEFAULT_L2 = 0.01;
const DEFAULT_MAX_ITERATIONS = 100;
const DEFAULT_TOLERANCE = 1e-9;
const MAX_STEP_HALVINGS = 40;

/**
 * Fits P(outcome = 1) = 1 / (1 + e^−(b₀ + Σ bⱼ·xⱼ)) by minimising the mean negative
 * log-likelihood plus λ/2·Σ bⱼ² (the intercept b₀ is not penalised). `features` are
 * columns of equal length n; `outcome` holds 0 or 1 per row. Throws a RangeError for
 * empty or ragged input and an Error when the Newton system is singular (possible
 * only with λ = 0 and collinear or constant features).
 */
export function fitLogistic(
  features: readonly Float64Array[],
  outcome: ArrayLike<number>,
  options: LogisticOptions = {},
): LogisticFit {
  const l2 = options.l2 ?? DEFAULT_L2;
  const maxIterations = options.maxIterations ?? DEFAULT_MAX_ITERATIONS;
  const tolerance = options.tolerance ?? DEFAULT_TOLERANCE;
  const rows = outcome.length;
  const width = features.length + 1;
  if (rows === 0) throw new RangeError('logistic regression needs at least one row');
  for (const column of features) {
    if (column.length !== rows)
      throw new RangeError('feature columns and outcome differ in length');
  }

  const data = mergeIdenticalRows(features, outcome);

  // Starting from the base rate as intercept saves a Newton step or two.
  let beta = new Float64Array(width);
  let positives = 0;
  for (let r = 0; r < rows; r++) positives += outcome[r]!;
  if (positives > 0 && positives < rows) beta[0] = Math.log(positives / (rows - positives));
  let state = evaluate(data, beta, l2);
  let iterations = 0;
  let converged = maxAbs(state.gradient) < tolerance;
  while (!converged && iterations < maxIterations) {
    iterations++;
    const step = solve(state.hessian, state.gradient, width);
    let scale = 1;
    let candidate = beta;
    let candidateState = state;
    for (let halving = 0; halving <= MAX_STEP_HALVINGS; halving++) {
      candidate = beta.map((value, j) => value - scale * step[j]!);
      candidateState = evaluate(data, candidate, l2);
      if (notWorse(candidateState.objective, state.objective)) break;
      scale /= 2;
    }
    if (!notWorse(candidateState.objective, state.objective)) break;
    beta = candidate;
    state = candidateState;
    converged = maxAbs(state.gradient) < tolerance;
  }

  return {
    intercept: beta[0]!,
    coefficients: beta.slice(1),
    iterations,
    converged,
    objective: state.objective,
  };
}

/**
 * Rows merged by identical features and outcome, each with its count: the mean
 * log-loss is unchanged, and layer scores built from band points repeat so often that
 * the Newton passes then run over far fewer rows.
 */
interface MergedRows {
  /** Row-major, width columns, the first a 1 for the intercept. */
  readonly design: Float64Array;
  readonly outcome: Uint8Array;
  readonly count: Float64Array;
  readonly distinct: number;
  readonly width: number;
  /** Rows before merging: the divisor of the mean. */
  readonly rows: number;
}

function mergeIdenticalRows(
  features: readonly Float64Array[],
  outcome: ArrayLike<number>,
): MergedRows {
  const rows = outcome.length;
  const width = features.length + 1;
  let tableSize = 1;
  while (tableSize < 2 * rows) tableSize *= 2;
  const table = new Int32Array(tableSize).fill(-1);
  const design = new Float64Array(rows * width);
  const merged = new Uint8Array(rows);
  const count = new Float64Array(rows);
  const bits = new Float64Array(1);
  const words = new Uint32Array(bits.buffer);
  let distinct = 0;
  for (let r = 0; r < rows; r++) {
    const label = outcome[r] === 1 ? 1 : 0;
    let hash = label;
    for (let j = 0; j < features.length; j++) {
      bits[0] = features[j]![r]!;
      hash = Math.imul(hash ^ words[0]!, 0x9e3779b1) ^ Math.imul(words[1]!, 0x85ebca6b);
    }
    let slot = (hash ^ (hash >>> 15)) & (tableSize - 1);
    for (;;) {
      const found = table[slot]!;
      if (found === -1) {
        table[slot] = distinct;
        design[distinct * width] = 1;
        for (let j = 1; j < width; j++) design[distinct * width + j] = features[j - 1]![r]!;
        merged[distinct] = label;
        count[distinct] = 1;
        distinct++;
        break;
      }
      if (merged[found] === label && sameFeatures(design, found * width, features, r)) {
        count[found]!++;
        break;
      }
      slot = (slot + 1) & (tableSize - 1);
    }
  }
  return { design, outcome: merged, count, distinct, width, rows };
}

function sameFeatures(
  design: Float64Array,
  offset: number,
  features: readonly Float64Array[],
  row: number,
): boolean {
  for (let j = 0; j < features.length; j++) {
    if (design[offset + 1 + j] !== features[j]![row]) return false;
  }
  return true;
}

/** True when a candidate objective is no worse than the current one, up to rounding noise. */
function notWorse(candidate: number, current: number): boolean {
  return candidate <= current + 1e-12 * Math.max(1, Math.abs(current));
}

interface NewtonState {
  readonly objective: number;
  readonly gradient: Float64Array;
  /** Full symmetric Hessian, row-major width × width. */
  readonly hessian: Float64Array;
}

/** Objective, gradient and Hessian of the penalised mean log-loss at beta, in one pass. */
function evaluate(data: MergedRows, beta: Float64Array, l2: number): NewtonState {
  const { design, outcome, count, distinct, width, rows } = data;
  const gradient = new Float64Array(width);
  const hessian = new Float64Array(width * width);
  let loss = 0;
  for (let r = 0; r < distinct; r++) {
    const base = r * width;
    let eta = 0;
    for (let j = 0; j < width; j++) eta += design[base + j]! * beta[j]!;
    const y = outcome[r]!;
    const times = count[r]!;
    // One exponential serves both the log-loss and the probability, without overflow.
    const e = Math.exp(-Math.abs(eta));
    loss += times * ((eta > 0 ? eta : 0) + Math.log1p(e) - y * eta);
    const p = eta >= 0 ? 1 / (1 + e) : e / (1 + e);
    const residual = times * (p - y);
    const weight = times * p * (1 - p);
    for (let j = 0; j < width; j++) {
      const xj = design[base + j]!;
      gradient[j] = gradient[j]! + residual * xj;
      const wxj = weight * xj;
      for (let k = 0; k <= j; k++) {
        hessian[j * width + k] = hessian[j * width + k]! + wxj * design[base + k]!;
      }
    }
  }

  let penalty = 0;
  for (let j = 0; j < width; j++) {
    gradient[j] = gradient[j]! / rows;
    for (let k = 0; k <= j; k++) {
      const value = hessian[j * width + k]! / rows;
      hessian[j * width + k] = value;
      hessian[k * width + j] = value;
    }
    if (j > 0) {
      const b = beta[j]!;
      penalty += b * b;
      gradient[j] = gradient[j]! + l2 * b;
      hessian[j * width + j] = hessian[j * width + j]! + l2;
    }
  }
  return { objective: loss / rows + (l2 / 2) * penalty, gradient, hessian };
}

function maxAbs(values: Float64Array): number {
  let largest = 0;
  for (const value of values) largest = Math.max(largest, Math.abs(value));
  return largest;
}

/** Solves A·x = b by Gaussian elimination with partial pivoting (A is width × width, row-major). */
function solve(matrix: Float64Array, rhs: Float64Array, width: number): Float64Array {
  const a = matrix.slice();
  const b = rhs.slice();
  let scale = 0;
  for (let k = 0; k < width; k++) scale = Math.max(scale, Math.abs(a[k * width + k]!));
  for (let column = 0; column < width; column++) {
    let pivot = column;
    for (let row = column + 1; row < width; row++) {
      if (Math.abs(a[row * width + column]!) > Math.abs(a[pivot * width + column]!)) {
        pivot = row;
      }
    }
    const pivotValue = a[pivot * width + column]!;
    if (!(Math.abs(pivotValue) > scale * 1e-13)) {
      throw new Error(
        'logistic regression: singular Newton system (constant or collinear features)',
      );
    }
    if (pivot !== column) {
      for (let k = 0; k < width; k++) {
        const held = a[column * width + k]!;
        a[column * width + k] = a[pivot * width + k]!;
        a[pivot * width + k] = held;
      }
      const held = b[column]!;
      b[column] = b[pivot]!;
      b[pivot] = held;
    }
    for (let row = column + 1; row < width; row++) {
      const factor = a[row * width + column]! / pivotValue;
      if (factor === 0) continue;
      for (let k = column; k < width; k++) {
        a[row * width + k] = a[row * width + k]! - factor * a[column * width + k]!;
      }
      b[row] = b[row]! - factor * b[column]!;
    }
  }

  const x = new Float64Array(width);
  for (let row = width - 1; row >= 0; row--) {
    let sum = b[row]!;
    for (let k = row + 1; k < width; k++) sum -= a[row * width + k]! * x[k]!;
    x[row] = sum / a[row * width + row]!;
  }
  return x;
}
