/**
 * How far a running import is, for its progress bar: each step of the import gets
 * a share of the bar in proportion to its usual cost (reading and checking rows
 * dominate; writing the chosen files and swapping the tables are quick).
 */
import type { ImportProgress } from '../../../core/api.ts';

const STEPS: readonly { step: ImportProgress['step']; share: number; label: string }[] = [
  { step: 'write', share: 0.1, label: 'Receiving the files' },
  { step: 'read', share: 0.4, label: 'Reading the files' },
  { step: 'check', share: 0.4, label: 'Checking every row' },
  { step: 'replace', share: 0.1, label: "Replacing the workspace's tables" },
];

/** The share of the import done, from 0 to 1; a step with nothing to do counts as done. */
export function progressFraction(progress: ImportProgress): number {
  let before = 0;
  for (const { step, share } of STEPS) {
    if (step === progress.step) {
      const within = progress.total === 0 ? 1 : Math.min(1, progress.done / progress.total);
      return before + share * within;
    }
    before += share;
  }
  return before;
}

/** What the import is doing, in words: "Checking every row (1 of 2 tables)". */
export function progressLabel(progress: ImportProgress): string {
  const label = STEPS.find((entry) => entry.step === progress.step)?.label ?? progress.step;
  const unit = progress.step === 'write' || progress.step === 'read' ? 'files' : 'tables';
  return progress.total === 0 ? label : `${label} (${progress.done} of ${progress.total} ${unit})`;
}
