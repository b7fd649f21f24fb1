/**
 * The plain-language sentences under each figure, for readers who do not think in
 * AUC or PSI. Shared by the views and the exported report.
 */
import type { LabelMetrics, LeadTimeReport } from '../../../core/backtest.ts';
import type { DriftReport } from '../../../core/drift.ts';
import { formatDate, formatDays, formatMetric, formatWholeRate } from './format.ts';

/** "Of accounts flagged red, 11% churned within 90 days; of yellow, 4%; of green, 1%." */
export function bandCaption(metrics: LabelMetrics, horizonDays: number): string {
  const { red, yellow, green } = metrics.bands;
  return (
    `Of accounts flagged red, ${formatWholeRate(red.churnRate)} churned within ` +
    `${horizonDays} days; of yellow, ${formatWholeRate(yellow.churnRate)}; of green, ` +
    `${formatWholeRate(green.churnRate)}.`
  );
}

/** What red caught and how often green held. */
export function outcomeCaption(metrics: LabelMetrics): string {
  return (
    `Red caught ${formatWholeRate(metrics.redRecall)} of the accounts that went on to churn, ` +
    `and ${formatWholeRate(metrics.redPrecision)} of red accounts did churn. ` +
    `${formatWholeRate(metrics.greenRenewed)} of green accounts stayed.`
  );
}

/** The AUC as a pairwise chance. */
export function aucCaption(auc: number | null): string {
  if (auc === null)
    return 'The AUC needs both churned and retained accounts in the labelled history.';
  return (
    `AUC ${formatMetric(auc)}: take one account that churned and one that stayed; ` +
    `${formatWholeRate(auc)} of the time the one that churned had the lower score. ` +
    `0.5 is a coin toss, 1.0 a perfect ranking.`
  );
}

/** How early the score warned, in days before churn. */
export function leadTimeCaption(leadTime: LeadTimeReport): string {
  if (leadTime.churnedAccounts === 0) return 'No account churned within the searched history.';
  return (
    `Of ${leadTime.churnedAccounts} accounts that churned, ${leadTime.withRed} were red at a ` +
    `snapshot in the ${leadTime.windowDays ?? 'whole'} days before; half of those turned red ` +
    `at least ${formatDays(leadTime.medianDaysFromRed)} ahead. ${leadTime.withNonGreen} left ` +
    `green first (median ${formatDays(leadTime.medianDaysFromNonGreen)} ahead).`
  );
}

/** Which snapshots moved away from the baseline. */
export function driftCaption(drift: DriftReport): string {
  const major = drift.snapshots.filter((snapshot) => snapshot.psiVerdict === 'major_shift');
  const moderate = drift.snapshots.filter((snapshot) => snapshot.psiVerdict === 'moderate_shift');
  const base = `Against the baseline of ${formatDate(drift.baselineAsOf)}, `;
  if (major.length === 0 && moderate.length === 0) {
    return `${base}every snapshot is stable (PSI below 0.10): the score distribution held.`;
  }
  return (
    `${base}${major.length} snapshot${major.length === 1 ? '' : 's'} shifted strongly ` +
    `(PSI above 0.25) and ${moderate.length} moderately (0.10 to 0.25). A shift says the ` +
    `population or the data changed, not that the model is wrong; check the flagged months.`
  );
}
