import { describe, expect, it } from 'vitest';
import { rebalanceWeights } from '../../renderer/src/calibration/weights.ts';

const DEFAULT_LAYERS = { usage: 40, engagement: 25, relationship: 20, outcome: 15 };

describe('rebalanceWeights', () => {
  it('shares the rest in proportion, whole numbers by largest remainder', () => {
    // usage 50 leaves 50 for 25:20:15 (of 60): 20.833, 16.667, 12.5 → floors 20, 16, 12 (48);
    // the 2 left go to the largest remainders .833 (engagement) and .667 (relationship).
    expect(rebalanceWeights(DEFAULT_LAYERS, 'usage', 50)).toEqual({
      usage: 50,
      engagement: 21,
      relationship: 17,
      outcome: 12,
    });
    // usage 0 leaves 100: 41.667, 33.333, 25 → 41, 33, 25 (99); the 1 left goes to .667.
    expect(rebalanceWeights(DEFAULT_LAYERS, 'usage', 0)).toEqual({
      usage: 0,
      engagement: 42,
      relationship: 33,
      outcome: 25,
    });
  });

  it('gives the others nothing when one layer takes 100', () => {
    expect(rebalanceWeights(DEFAULT_LAYERS, 'outcome', 100)).toEqual({
      usage: 0,
      engagement: 0,
      relationship: 0,
      outcome: 100,
    });
  });

  it('shares equally when every other weight is 0', () => {
    // 60 over two layers at 0: 30 each.
    expect(rebalanceWeights({ a: 100, b: 0, c: 0 }, 'a', 40)).toEqual({ a: 40, b: 30, c: 30 });
  });

  it('breaks remainder ties in key order', () => {
    // 100 over three equal weights: 33.333 each → 33, 33, 33; the 1 left goes to b, the first.
    expect(rebalanceWeights({ a: 0, b: 1, c: 1, d: 1 }, 'a', 0)).toEqual({
      a: 0,
      b: 34,
      c: 33,
      d: 33,
    });
  });

  it('clamps to 0..100 and rounds the value moved', () => {
    expect(rebalanceWeights(DEFAULT_LAYERS, 'usage', 130).usage).toBe(100);
    expect(rebalanceWeights(DEFAULT_LAYERS, 'usage', -5).usage).toBe(0);
    expect(rebalanceWeights(DEFAULT_LAYERS, 'usage', 12.6).usage).toBe(13);
  });

  it('always sums to 100, whatever the weights and the value', () => {
    let seed = 7;
    const next = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    for (let trial = 0; trial < 2_000; trial += 1) {
      const weights = {
        usage: Math.floor(next() * 101),
        engagement: Math.floor(next() * 101),
        relationship: Math.floor(next() * 101),
        outcome: Math.floor(next() * 101),
      };
      const keys = Object.keys(weights) as (keyof typeof weights)[];
      const changed = keys[Math.floor(next() * 4)]!;
      const value = next() * 120 - 10;
      const result = rebalanceWeights(weights, changed, value);
      const sum = Object.values(result).reduce((total, weight) => total + weight, 0);
      expect(sum).toBe(100);
      for (const weight of Object.values(result)) {
        expect(Number.isInteger(weight) && weight >= 0).toBe(true);
      }
    }
  });
});
