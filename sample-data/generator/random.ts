/**
 * A seeded pseudo-random source (xoshiro128**, seeded through splitmix32) and the few
 * distributions the generator needs. `Math.random` is never used: every dataset must
 * be reproducible byte for byte from its seed, and every account draws from its own
 * stream so that adding a table or a draw to one account cannot shift another.
 */

const TWO_TO_32 = 4_294_967_296;

/** Hashes a seed and labels to 32 bits (FNV-1a over their text), to name a stream. */
export function streamKey(seed: number, ...labels: readonly (string | number)[]): number {
  const text = [seed, ...labels].join(':');
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export class SeededRandom {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  /** A stream for a seed and labels, e.g. `new SeededRandom(7, 'account', 12)`. */
  constructor(seed: number, ...labels: readonly (string | number)[]) {
    // splitmix32 spreads one 32-bit key over the 128-bit state, which must not be all zero.
    let key = streamKey(seed, ...labels);
    const split = (): number => {
      key = (key + 0x9e3779b9) >>> 0;
      let z = key;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s0 = split();
    this.s1 = split();
    this.s2 = split();
    this.s3 = split() | 1;
  }

  /** A uniform number in [0, 1). */
  next(): number {
    const result = Math.imul(rotateLeft(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const shifted = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= shifted;
    this.s3 = rotateLeft(this.s3, 11);
    return result / TWO_TO_32;
  }

  /** A uniform number in [low, high). */
  uniform(low: number, high: number): number {
    return low + (high - low) * this.next();
  }

  /** A uniform whole number in [low, high], both ends included. */
  integer(low: number, high: number): number {
    return low + Math.floor(this.next() * (high - low + 1));
  }

  /** True with probability `probability`. */
  chance(probability: number): boolean {
    return this.next() < probability;
  }

  /** A standard normal draw (Box–Muller; the second value is discarded to keep streams simple). */
  normal(): number {
    const radius = Math.sqrt(-2 * Math.log(1 - this.next()));
    return radius * Math.cos(2 * Math.PI * this.next());
  }

  /** A log-normal draw whose median is `median` and whose log has standard deviation `spread`. */
  logNormal(median: number, spread: number): number {
    return median * Math.exp(spread * this.normal());
  }

  /** An exponential draw with the given mean. */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.next());
  }

  /** A Poisson count with mean `mean` (Knuth's product method; normal approximation above 12). */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean > 12) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()));
    const limit = Math.exp(-mean);
    let count = 0;
    let product = this.next();
    while (product > limit) {
      count += 1;
      product *= this.next();
    }
    return count;
  }

  /** A binomial count of successes in `trials` tries (exact below 40 trials, normal above). */
  binomial(trials: number, probability: number): number {
    if (trials <= 0 || probability <= 0) return 0;
    if (probability >= 1) return trials;
    if (trials > 40) {
      const mean = trials * probability;
      const spread = Math.sqrt(mean * (1 - probability));
      return Math.min(trials, Math.max(0, Math.round(mean + spread * this.normal())));
    }
    let successes = 0;
    for (let trial = 0; trial < trials; trial += 1) if (this.next() < probability) successes += 1;
    return successes;
  }

  /** One element of a non-empty list, uniformly. */
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  /** One key of a table of relative weights, with probability proportional to its weight. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
    const entries = Object.entries(weights) as [K, number][];
    const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
    let remaining = this.next() * total;
    for (const [key, weight] of entries) {
      remaining -= weight;
      if (remaining < 0) return key;
    }
    const last = entries[entries.length - 1];
    if (!last) throw new Error('weighted pick from an empty table');
    return last[0];
  }
}

function rotateLeft(value: number, bits: number): number {
  return (value << bits) | (value >>> (32 - bits));
}

/** The logistic function 1 / (1 + e^-x), mapping any real to (0, 1). */
export function logistic(x: number): number {
  return 1 / (1 + Math.exp(-x));
}
