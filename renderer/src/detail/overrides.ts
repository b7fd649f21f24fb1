import type { ModelConfig } from '../../../core/config.ts';
import type { OverrideName } from '../../../core/score.ts';

/** What an override rule did to the score, in words, with the model's own numbers. */
export function overrideEffect(name: OverrideName, config: ModelConfig): string {
  const rules = config.overrides;
  switch (name) {
    case 'zero_usage':
      return `No usage in the last 14 days: the score is set to ${rules.zeroUsage.score}.`;
    case 'champion_departed':
      return `The champion left and no other champion is active: the score is capped at ${rules.championDeparted.cap}.`;
    case 'active_escalation':
      return `An escalation is open: the score is capped at ${rules.activeEscalation.cap}.`;
    case 'renewal_risk':
      return `A renewal falls within ${rules.renewalRisk.windowDays} days while the score is below ${rules.renewalRisk.scoreBelow}.`;
  }
}
