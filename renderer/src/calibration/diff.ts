/**
 * What changed between two model configs, in words an analyst can read aloud:
 * "usage weight 40 → 50", "login_frequency enabled", "rag greenFrom 70 → 75".
 */
import { LAYER_IDS, SIGNAL_IDS } from '../../../core/catalogue.ts';
import type { ModelConfig } from '../../../core/config.ts';

function leafDifferences(path: string, before: unknown, after: unknown, out: string[]): void {
  if (Array.isArray(before) && Array.isArray(after)) {
    // Every array of a config is a ladder of tiers; its items read "tier 1", "tier 2".
    const base = path.endsWith(' tiers') ? path.slice(0, -' tiers'.length) : path;
    if (before.length !== after.length) {
      out.push(`${base}: ${before.length} → ${after.length} tiers`);
      return;
    }
    before.forEach((item, index) =>
      leafDifferences(`${base} tier ${index + 1}`, item, after[index], out),
    );
    return;
  }
  if (
    typeof before === 'object' &&
    before !== null &&
    typeof after === 'object' &&
    after !== null
  ) {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    for (const key of keys) {
      leafDifferences(
        path === '' ? key : `${path} ${key}`,
        (before as Record<string, unknown>)[key],
        (after as Record<string, unknown>)[key],
        out,
      );
    }
    return;
  }
  if (before === after) return;
  if (typeof before === 'boolean' && typeof after === 'boolean') {
    const subject = path.endsWith(' enabled') ? path.slice(0, -' enabled'.length) : path;
    out.push(`${subject} ${after ? 'enabled' : 'disabled'}`);
    return;
  }
  out.push(`${path} ${String(before)} → ${String(after)}`);
}

/**
 * Every difference from `before` to `after`, one phrase each, in a fixed order:
 * layer weights, signal switches and weights, band edges and points, overrides,
 * RAG thresholds, then the remaining settings. The name is not a difference.
 * Empty when the models score alike.
 */
export function configDifferences(before: ModelConfig, after: ModelConfig): string[] {
  const out: string[] = [];
  for (const layer of LAYER_IDS) {
    const from = before.layers[layer].weight;
    const to = after.layers[layer].weight;
    if (from !== to) out.push(`${layer} weight ${from} → ${to}`);
  }
  for (const signal of SIGNAL_IDS) {
    const from = before.signals[signal];
    const to = after.signals[signal];
    if (from.enabled !== to.enabled) out.push(`${signal} ${to.enabled ? 'enabled' : 'disabled'}`);
    if (from.weight !== to.weight) out.push(`${signal} weight ${from.weight} → ${to.weight}`);
  }
  leafDifferences('', before.bands, after.bands, out);
  leafDifferences('overrides', before.overrides, after.overrides, out);
  leafDifferences('rag', before.rag, after.rag, out);
  leafDifferences(
    'lowCoverageBelowPercent',
    before.lowCoverageBelowPercent,
    after.lowCoverageBelowPercent,
    out,
  );
  leafDifferences('urgentVelocityDrop', before.urgentVelocityDrop, after.urgentVelocityDrop, out);
  return out;
}
