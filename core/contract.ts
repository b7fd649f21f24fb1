/**
 * The data contract: the tables a dataset may hold, their columns, types and keys.
 * Import validation, the workspace schema, the mapping editor and the docs all read
 * this one description, so a column is named and typed in exactly one place.
 */

export type ColumnType =
  'string' | 'date' | 'timestamp' | 'integer' | 'number' | 'money' | 'bool' | 'enum';

export interface ColumnSpec {
  readonly name: string;
  readonly type: ColumnType;
  readonly required?: boolean;
  /** Allowed values (lower case) for `enum` columns. */
  readonly values?: readonly string[];
  /** Smallest allowed value for numeric columns (counts may not be negative). */
  readonly min?: number;
  /** Largest allowed value for numeric columns. */
  readonly max?: number;
}

export interface TableSpec {
  readonly name: TableName;
  readonly required: boolean;
  readonly columns: readonly ColumnSpec[];
  /** Columns that together must be unique. */
  readonly key?: readonly string[];
  /** Whether rows carry an account_id that must exist in accounts. */
  readonly referencesAccounts: boolean;
  /** Pairs [earlier, later]: when both are present, later must not precede earlier. */
  readonly ordered?: readonly (readonly [string, string])[];
  readonly oneRowIs: string;
}

export const TABLE_NAMES = [
  'accounts',
  'usage',
  'feature_usage',
  'features',
  'integrations',
  'emails',
  'meetings',
  'community',
  'tickets',
  'escalations',
  'contacts',
  'nps',
  'outcomes',
  'renewals',
] as const;

export type TableName = (typeof TABLE_NAMES)[number];

const SENTIMENT = ['positive', 'neutral', 'negative'] as const;

export const CONTRACT: readonly TableSpec[] = [
  {
    name: 'accounts',
    required: true,
    referencesAccounts: false,
    key: ['account_id'],
    oneRowIs: 'one customer account',
    columns: [
      { name: 'account_id', type: 'string', required: true },
      { name: 'account_name', type: 'string' },
      { name: 'segment', type: 'string' },
      { name: 'csm_owner', type: 'string' },
      { name: 'arr', type: 'money', min: 0 },
      { name: 'paid_seats', type: 'integer', min: 0 },
      { name: 'contract_start', type: 'date', required: true },
      { name: 'renewal_date', type: 'date' },
      { name: 'churned_on', type: 'date' },
    ],
    ordered: [['contract_start', 'churned_on']],
  },
  {
    name: 'usage',
    required: true,
    referencesAccounts: true,
    oneRowIs: "one user's activity on one day",
    columns: [
      { name: 'account_id', type: 'string', required: true },
      { name: 'user_id', type: 'string' },
      { name: 'date', type: 'date', required: true },
      { name: 'events', type: 'integer', required: true, min: 0 },
      { name: 'workflows_started', type: 'integer', min: 0 },
      { name: 'workflows_completed', type: 'integer', min: 0 },
      { name: 'records_created', type: 'integer', min: 0 },
      { name: 'api_calls', type: 'integer', min: 0 },
    ],
  },
  {
    name: 'feature_usage',
    required: false,
    referencesAccounts: true,
    oneRowIs: 'use of one feature on one day',
    columns: [
      { name: 'account_id', type: 'string', required: true },
      { name: 'date', type: 'date', required: true },
      { name: 'feature', type: 'string', required: true },
      { name: 'events', type: 'integer', min: 0 },
    ],
  },
  {
    name: 'features',
    required: false,
    referencesAccounts: false,
    key: ['feature'],
    oneRowIs: 'one feature of the catalogue',
    columns: [
      { name: 'feature', type: 'string', required: true },
      { name: 'is_core', type: 'bool', required: true },
    ],
  },
  {
    name: 'integrations',
    required: false,
    referencesAccounts: true,
    oneRowIs: 'one connected tool',
    columns: [
      { name: 'account_id', type: 'string', required: true },
      { name: 'integration', type: 'string', required: true },
      { name: 'connected_on', type: 'date', required: true },
      { name: 'disconnected_on', type: 'date' },
    ],
    ordered: [['connected_on', 'disconnected_on']],
  },
  {
    name: 'emails',
    required: false,
    referencesAccounts: true,
    oneRowIs: 'one email from the CSM to the customer',
    columns: [
      { name: 'account_id', type: 'string', required: true },
      { name: 'contact_id', type: 'string' },
      { name: 'sent_at', type: 'timestamp', required: true },
      { name: 'replied_at', type: 'timestamp' },
    ],
    ordered: [['sent_at', 'replied_at']],
  },
  {
    name: 'meetings',
    required: false,
    referencesAccounts: true,
    oneRowIs: 'one scheduled meeting',
    columns: [
      { name: 'account_id', type: 'string', required: true },
      { name: 'contact_id', type: 'string' },
      { name: 'scheduled_at', type: 'timestamp', required: true },
      {
        name: 'kind',
        type: 'enum',
        required: true,
        values: ['qbr', 'csm_call', 'training', 'webinar', 'other'],
      },
      { name: 'attended', type: 'bool', required: true },
      { name: 'participation', type: 'enum', values: ['active', 'passive', 'absent'] },
    ],
  },
  {
    name: 'community',
    required: false,
    referencesAccounts: true,
    oneRowIs: 'one community action',
    columns: [
      { name: 'account_id', type: 'string', required: true },
      { name: 'date', type: 'date', required: true },
      { name: 'action', type: 'enum', required: true, values: ['post', 'view'] },
    ],
  },
  {
    name: 'tickets',
    required: false,
    referencesAccounts: true,
    key: ['ticket_id'],
    oneRowIs: 'one support ticket',
    columns: [
      { name: 'account_id', type: 'string', required: true },
      { name: 'ticket_id', type: 'string', required: true },
      { name: 'opened_at', type: 'timestamp', required: true },
      { name: 'closed_at', type: 'timestamp' },
      { name: 'sentiment', type: 'enum', values: SENTIMENT },
      { name: 'priority', type: 'string' },
    ],
    ordered: [['opened_at', 'closed_at']],
  },
  {
    name: 'escalations',
    required: false,
    referencesAccounts: true,
    oneRowIs: 'one escalation',
    columns: [
      { name: 'account_id', type: 'string', required: true },
      { name: 'opened_at', type: 'timestamp', required: true },
      { name: 'resolved_at', type: 'timestamp' },
      { name: 'reason', type: 'string' },
    ],
    ordered: [['opened_at', 'resolved_at']],
  },
  {
    name: 'contacts',
    required: false,
    referencesAccounts: true,
    key: ['account_id', 'contact_id'],
    oneRowIs: 'one person at the customer',
    columns: [
      { name: 'account_id', type: 'string', required: true },
      { name: 'contact_id', type: 'string', required: true },
      { name: 'role', type: 'enum', values: ['champion', 'exec_sponsor', 'admin', 'user'] },
      { name: 'level', type: 'enum', values: ['c_level', 'vp', 'director', 'manager', 'ic'] },
      { name: 'started_on', type: 'date', required: true },
      { name: 'left_on', type: 'date' },
      { name: 'sentiment', type: 'enum', values: SENTIMENT },
    ],
    ordered: [['started_on', 'left_on']],
  },
  {
    name: 'nps',
    required: false,
    referencesAccounts: true,
    oneRowIs: 'one survey answer',
    columns: [
      { name: 'account_id', type: 'string', required: true },
      { name: 'contact_id', type: 'string' },
      { name: 'responded_at', type: 'timestamp', required: true },
      { name: 'score', type: 'integer', required: true, min: 0, max: 10 },
    ],
  },
  {
    name: 'outcomes',
    required: false,
    referencesAccounts: true,
    oneRowIs: 'one CSM assessment (QBR, success plan review)',
    columns: [
      { name: 'account_id', type: 'string', required: true },
      { name: 'recorded_at', type: 'timestamp', required: true },
      { name: 'roi_documented', type: 'bool' },
      { name: 'goals_on_track', type: 'enum', values: ['on_track', 'at_risk', 'off_track'] },
      { name: 'reported_value', type: 'enum', values: SENTIMENT },
      { name: 'renewal_intent', type: 'enum', values: ['yes', 'unsure', 'no'] },
    ],
  },
  {
    name: 'renewals',
    required: false,
    referencesAccounts: true,
    oneRowIs: 'one renewal event',
    columns: [
      { name: 'account_id', type: 'string', required: true },
      { name: 'renewal_date', type: 'date', required: true },
      {
        name: 'outcome',
        type: 'enum',
        required: true,
        values: ['renewed', 'churned', 'downgraded', 'pending'],
      },
    ],
  },
];

export function tableSpec(name: TableName): TableSpec {
  const spec = CONTRACT.find((table) => table.name === name);
  if (!spec) throw new Error(`No contract table named ${name}`);
  return spec;
}
