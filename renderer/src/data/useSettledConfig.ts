/**
 * Rescoring the Accounts view and the account detail follows every edit of the
 * model, but never at the cost of the edit itself: while a rescoring fits in a
 * frame it happens at once, and once one took longer (a large workspace), the
 * views wait until the edits pause, so a slider keeps up with the hand, or,
 * while they are not on screen, until they are shown again.
 */
import { useEffect, useRef, useState, type RefObject } from 'react';
import type { ModelConfig } from '../../../core/config.ts';

/** One frame at 60 Hz, in milliseconds: the most a rescoring may take to follow every edit. */
export const FRAME_MS = 16;

/** How long the edits must pause before a slow rescoring runs, in milliseconds. */
export const SETTLE_MS = 250;

/** After the views are shown, time for a frame with the old rows and "Scoring…", in milliseconds. */
const SHOWN_DELAY_MS = 20;

export interface SettledConfig {
  /** The config to score with: the edited one, or the last one the edits paused at. */
  readonly config: ModelConfig;
  /** The edited config is newer than the one scored with. */
  readonly settling: boolean;
}

/**
 * The config to score with, given the edited one, what the last rescoring cost
 * (milliseconds) and whether the views scored are on screen: the edited config
 * itself while that cost is within a frame; otherwise the edited config once it
 * has stayed unchanged for SETTLE_MS while shown, and the last one scored while
 * hidden (the edits in Calibration then cost the Accounts view nothing).
 */
export function useSettledConfig(
  config: ModelConfig,
  lastCostMs: number,
  shown: boolean,
): SettledConfig {
  const [settled, setSettled] = useState(config);
  const wasShown = useRef(shown);
  const immediate = lastCostMs <= FRAME_MS;
  // Kept level with the edits while they are cheap, so a switch to waiting starts from the latest.
  if (immediate && settled !== config) setSettled(config);

  useEffect(() => {
    const justShown = shown && !wasShown.current;
    wasShown.current = shown;
    if (immediate || settled === config || !shown) return;
    const timer = setTimeout(() => setSettled(config), justShown ? SHOWN_DELAY_MS : SETTLE_MS);
    return () => clearTimeout(timer);
  }, [immediate, settled, config, shown]);

  const current = immediate ? config : settled;
  return { config: current, settling: current !== config };
}

/**
 * Measures updates: whenever one of `values` is a new object, the time from
 * `renderStarted` (a `performance.now()` taken at the top of the render that
 * produced it) to the effects after that render was committed, the children's
 * (the grid taking its new rows) included, is written to `cost` in milliseconds.
 */
export function useUpdateCost(
  values: readonly unknown[],
  renderStarted: number,
  cost: RefObject<number>,
): void {
  const previous = useRef<readonly unknown[]>([]);
  const started = useRef<number | null>(null);
  if (
    values.length !== previous.current.length ||
    values.some((v, i) => v !== previous.current[i])
  ) {
    previous.current = values;
    started.current = renderStarted;
  }
  useEffect(() => {
    if (started.current === null) return;
    cost.current = performance.now() - started.current;
    started.current = null;
  });
}
