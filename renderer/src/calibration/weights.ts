/**
 * Layer weights that always read as shares of 100: moving one layer's weight
 * hands the rest to the other layers in proportion to what they had.
 */

/**
 * Sets `weights[changed]` to `value` (clamped to 0..100, rounded to a whole number)
 * and shares 100 − value among the other keys in proportion to their weights, in
 * whole numbers by largest remainder (ties go to the earlier key). When every other
 * weight is 0 the rest is shared equally. The result always sums to 100.
 */
export function rebalanceWeights<Key extends string>(
  weights: Readonly<Record<Key, number>>,
  changed: NoInfer<Key>,
  value: number,
): Record<Key, number> {
  const keys = Object.keys(weights) as Key[];
  const target = Math.min(100, Math.max(0, Math.round(value)));
  const others = keys.filter((key) => key !== changed);
  const rest = 100 - target;
  const result = { ...weights, [changed]: target } as Record<Key, number>;
  if (others.length === 0) {
    result[changed] = 100;
    return result;
  }

  const total = others.reduce((sum, key) => sum + Math.max(0, weights[key]), 0);
  const exact = others.map((key) =>
    total > 0 ? (rest * Math.max(0, weights[key])) / total : rest / others.length,
  );
  const whole = exact.map((share) => Math.floor(share + 1e-9));
  let left = rest - whole.reduce((sum, share) => sum + share, 0);
  const byRemainder = exact
    .map((share, index) => ({ index, remainder: share - (whole[index] as number) }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of byRemainder) {
    if (left <= 0) break;
    whole[index] = (whole[index] as number) + 1;
    left -= 1;
  }
  others.forEach((key, index) => {
    result[key] = whole[index] as number;
  });
  return result;
}
