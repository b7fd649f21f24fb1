/**
 * The signal catalogue: every signal the workbench can score, grouped into the four
 * layers of the health score. The model config switches signals on and weights them;
 * this file only names and describes them, so the editor, the exports and the docs
 * all show the same words.
 */

export const LAYER_IDS = ['usage', 'engagement', 'relationship', 'outcome'] as const;

export type LayerId = (typeof LAYER_IDS)[number];

export const SIGNAL_IDS = [
  'usage_trend',
  'license_utilization',
  'feature_adoption_depth',
  'login_frequency',
  'workflow_completion',
  'data_volume_trend',
  'integration_activity',
  'email_response_time',
  'email_response_trend',
  'meeting_attendance',
  'support_sentiment',
  'csm_call_participation',
  'community_participation',
  'training_attendance',
  'champion_active',
  'exec_sponsor_engaged',
  'multi_threaded',
  'stakeholder_sentiment',
  'leadership_stable',
  'roi_documented',
  'goals_on_track',
  'reported_value',
  'renewal_intent',
  'nps',
] as const;

export type SignalId = (typeof SIGNAL_IDS)[number];

export interface LayerInfo {
  readonly id: LayerId;
  readonly label: string;
  readonly question: string;
}

export interface SignalInfo {
  readonly id: SignalId;
  readonly layer: LayerId;
  readonly label: string;
  readonly description: string;
}

export const LAYERS: Readonly<Record<LayerId, LayerInfo>> = {
  usage: {
    id: 'usage',
    label: 'Product usage',
    question: 'Are they using the product, how deeply, and is it trending up or down?',
  },
  engagement: {
    id: 'engagement',
    label: 'Engagement',
    question: 'Are they engaged with us: responsive, attending, positive in support?',
  },
  relationship: {
    id: 'relationship',
    label: 'Relationship',
    question: 'Do we have the right people on their side, and are they still there?',
  },
  outcome: {
    id: 'outcome',
    label: 'Outcome',
    question: 'Are they achieving what they bought the product for?',
  },
};

export const SIGNALS: Readonly<Record<SignalId, SignalInfo>> = {
  usage_trend: {
    id: 'usage_trend',
    layer: 'usage',
    label: 'Usage trend (14 days)',
    description:
      'Events of the last 14 days against the 14 days before: expanding, stable, declining or dead.',
  },
  license_utilization: {
    id: 'license_utilization',
    layer: 'usage',
    label: 'License utilization',
    description: 'Distinct active users of the last 28 days as a share of paid seats.',
  },
  feature_adoption_depth: {
    id: 'feature_adoption_depth',
    layer: 'usage',
    label: 'Feature adoption depth',
    description: 'Share of the core features used in the last 28 days.',
  },
  login_frequency: {
    id: 'login_frequency',
    layer: 'usage',
    label: 'Login frequency (stickiness)',
    description:
      'Mean daily active users over 28 days divided by the distinct active users (DAU/MAU).',
  },
  workflow_completion: {
    id: 'workflow_completion',
    layer: 'usage',
    label: 'Core workflow completion',
    description: 'Workflows completed as a share of workflows started in the last 28 days.',
  },
  data_volume_trend: {
    id: 'data_volume_trend',
    layer: 'usage',
    label: 'Data volume trend (14 days)',
    description: 'Records created in the last 14 days against the 14 days before.',
  },
  integration_activity: {
    id: 'integration_activity',
    layer: 'usage',
    label: 'Integration activity',
    description: 'Integrations connected today, and API calls in the last 28 days.',
  },
  email_response_time: {
    id: 'email_response_time',
    layer: 'engagement',
    label: 'Email response time',
    description: 'Median hours until the customer answers CSM emails sent in the last 90 days.',
  },
  email_response_trend: {
    id: 'email_response_trend',
    layer: 'engagement',
    label: 'Email response trend',
    description: 'Median reply time of the last 30 days against that of the 90 days before.',
  },
  meeting_attendance: {
    id: 'meeting_attendance',
    layer: 'engagement',
    label: 'Meeting attendance',
    description: 'Share of the meetings scheduled in the last 90 days that the customer attended.',
  },
  support_sentiment: {
    id: 'support_sentiment',
    layer: 'engagement',
    label: 'Support ticket sentiment',
    description: 'Mean sentiment of the support tickets opened in the last 90 days.',
  },
  csm_call_participation: {
    id: 'csm_call_participation',
    layer: 'engagement',
    label: 'CSM call participation',
    description: 'How the customer took part in the latest CSM call of the last 90 days.',
  },
  community_participation: {
    id: 'community_participation',
    layer: 'engagement',
    label: 'Community participation',
    description: 'Posting, only viewing, or absent in the community over the last 90 days.',
  },
  training_attendance: {
    id: 'training_attendance',
    layer: 'engagement',
    label: 'Training and webinar attendance',
    description: 'Trainings and webinars attended in the last 180 days.',
  },
  champion_active: {
    id: 'champion_active',
    layer: 'relationship',
    label: 'Champion identified and active',
    description: 'A champion contact has started and not left.',
  },
  exec_sponsor_engaged: {
    id: 'exec_sponsor_engaged',
    layer: 'relationship',
    label: 'Executive sponsor engaged',
    description: 'An active executive sponsor attended a meeting or answered an email in 90 days.',
  },
  multi_threaded: {
    id: 'multi_threaded',
    layer: 'relationship',
    label: 'Multi-threaded',
    description: 'Enough active contacts that the account does not hang on one person.',
  },
  stakeholder_sentiment: {
    id: 'stakeholder_sentiment',
    layer: 'relationship',
    label: 'Stakeholder sentiment positive',
    description: 'The mean sentiment of the active contacts is positive.',
  },
  leadership_stable: {
    id: 'leadership_stable',
    layer: 'relationship',
    label: 'Leadership stable',
    description: 'No active C-level or VP contact started in the last 90 days.',
  },
  roi_documented: {
    id: 'roi_documented',
    layer: 'outcome',
    label: 'ROI documented',
    description: 'The latest outcome review of the last 180 days confirms a documented ROI.',
  },
  goals_on_track: {
    id: 'goals_on_track',
    layer: 'outcome',
    label: 'Success plan goals on track',
    description: 'The latest outcome review of the last 180 days rates the goals on track.',
  },
  reported_value: {
    id: 'reported_value',
    layer: 'outcome',
    label: 'Customer-reported value',
    description: 'The value the customer reported in the latest outcome review of 180 days.',
  },
  renewal_intent: {
    id: 'renewal_intent',
    layer: 'outcome',
    label: 'Renewal intent',
    description: 'The renewal intent logged in the latest outcome review of 180 days.',
  },
  nps: {
    id: 'nps',
    layer: 'outcome',
    label: 'Net Promoter Score',
    description: 'Percent promoters minus percent detractors over survey answers of 180 days.',
  },
};

/** The signals of one layer, in catalogue order. */
export function signalsOfLayer(layer: LayerId): SignalId[] {
  return SIGNAL_IDS.filter((signal) => SIGNALS[signal].layer === layer);
}
