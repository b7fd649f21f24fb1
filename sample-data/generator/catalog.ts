/**
 * The fixed vocabularies of the generated world: company name parts, CSM names, the
 * product's feature catalogue, the tools a customer can connect, escalation reasons.
 * All invented for this generator.
 */

export type Segment = 'SMB' | 'Mid-Market' | 'Enterprise';

const NAME_STEMS = [
  'Amberly',
  'Birchway',
  'Cobalt',
  'Dunmore',
  'Emberline',
  'Fjordic',
  'Granite',
  'Harborview',
  'Ironleaf',
  'Juniper',
  'Kestrel',
  'Lumenar',
  'Maplecrest',
  'Nimbus',
  'Orchard',
  'Pinecroft',
  'Quarry',
  'Redfern',
  'Saltmarsh',
  'Tidewater',
  'Upland',
  'Verdant',
  'Westgate',
  'Yellowpine',
  'Zenith',
  'Ashgrove',
  'Bluestone',
  'Cedarfield',
  'Driftwood',
  'Eastbrook',
  'Foxhollow',
  'Glenmoor',
  'Highmark',
  'Islefield',
  'Larkspur',
  'Moonbridge',
  'Northcote',
  'Oakhaven',
  'Pebblebay',
  'Rivermill',
] as const;

const NAME_TRADES = [
  'Analytics',
  'Foods',
  'Health',
  'Logistics',
  'Labs',
  'Systems',
  'Partners',
  'Energy',
  'Retail',
  'Finance',
  'Media',
  'Robotics',
  'Travel',
  'Insurance',
  'Studios',
  'Manufacturing',
  'Clinics',
  'Freight',
  'Software',
  'Outfitters',
] as const;

const NAME_FORMS = ['Inc', 'Ltd', 'Group', 'Co', 'GmbH', 'LLC', 'Holdings', 'AG'] as const;

const DISTINCT_NAMES = NAME_STEMS.length * NAME_TRADES.length * NAME_FORMS.length;

/** A company name for the account at `index`; the first 6,400 indices get distinct names. */
export function companyName(index: number): string {
  // 7919 is prime and does not divide 6400, so this walk visits every combination once
  // while keeping neighbouring accounts from sharing a stem.
  const slot = (index * 7919) % DISTINCT_NAMES;
  const stem = NAME_STEMS[slot % NAME_STEMS.length];
  const trade = NAME_TRADES[Math.floor(slot / NAME_STEMS.length) % NAME_TRADES.length];
  const form = NAME_FORMS[Math.floor(slot / (NAME_STEMS.length * NAME_TRADES.length))];
  const round = Math.floor(index / DISTINCT_NAMES);
  return `${stem} ${trade} ${form}${round > 0 ? ` ${round + 1}` : ''}`;
}

/** Customer success managers, by the segment they cover. SMB accounts may have no named CSM. */
export const CSM_TEAMS: Readonly<Record<Segment, readonly string[]>> = {
  Enterprise: ['Amara Okafor', 'Dmitri Volkov', 'Hana Sato', 'Lena Fischer'],
  'Mid-Market': [
    'Ben Hollis',
    'Carla Mendes',
    'Farah Haddad',
    'Gustavo Lima',
    'Isaac Turner',
    'Jasmine Cole',
  ],
  SMB: ['Kofi Mensah', 'Priya Raman', 'Owen Gallagher'],
};

export interface Feature {
  readonly name: string;
  readonly isCore: boolean;
}

/** The product's feature catalogue; six features are core (adoption depth counts those). */
export const FEATURES: readonly Feature[] = [
  { name: 'dashboards', isCore: true },
  { name: 'workflow_builder', isCore: true },
  { name: 'reports', isCore: true },
  { name: 'data_import', isCore: true },
  { name: 'alerts', isCore: true },
  { name: 'shared_workspaces', isCore: true },
  { name: 'api_console', isCore: false },
  { name: 'single_sign_on', isCore: false },
  { name: 'audit_log', isCore: false },
  { name: 'templates', isCore: false },
  { name: 'forecasting', isCore: false },
  { name: 'mobile_app', isCore: false },
  { name: 'approvals', isCore: false },
  { name: 'custom_fields', isCore: false },
  { name: 'sandbox', isCore: false },
  { name: 'assistant', isCore: false },
];

export const INTEGRATIONS = [
  'salesforce',
  'hubspot',
  'slack',
  'microsoft_teams',
  'jira',
  'zendesk',
  'snowflake',
  'google_drive',
  'okta',
  'github',
  'netsuite',
  'zapier',
] as const;

export const ESCALATION_REASONS = [
  'outage',
  'bug_backlog',
  'billing_dispute',
  'missed_sla',
  'data_quality',
  'executive_complaint',
] as const;

export type ContactRole = 'champion' | 'exec_sponsor' | 'admin' | 'user';
export type ContactLevel = 'c_level' | 'vp' | 'director' | 'manager' | 'ic';

/** How likely each seniority is for a contact in each role. */
export const LEVELS_BY_ROLE: Readonly<Record<ContactRole, Readonly<Record<ContactLevel, number>>>> =
  {
    champion: { c_level: 0, vp: 0.1, director: 0.5, manager: 0.4, ic: 0 },
    exec_sponsor: { c_level: 0.5, vp: 0.5, director: 0, manager: 0, ic: 0 },
    admin: { c_level: 0, vp: 0, director: 0, manager: 0.4, ic: 0.6 },
    user: { c_level: 0, vp: 0, director: 0, manager: 0.2, ic: 0.8 },
  };
