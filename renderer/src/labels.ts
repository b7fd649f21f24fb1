/** The words the views use for bands and override rules. */
import type { RagName } from '../../core/rag.ts';
import type { OverrideName } from '../../core/score.ts';

export const RAG_LABELS: Readonly<Record<RagName, string>> = {
  red: 'Red',
  yellow: 'Yellow',
  green: 'Green',
  unscored: 'Unscored',
};

export const OVERRIDE_LABELS: Readonly<Record<OverrideName, string>> = {
  zero_usage: 'Zero usage',
  champion_departed: 'Champion departed',
  active_escalation: 'Active escalation',
  renewal_risk: 'Renewal risk',
};
