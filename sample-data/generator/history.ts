/**
 * What the simulation of one account leaves behind: its latent daily state and the
 * dated records from which every table of the dataset is written. Days are day
 * numbers; instants are whole minutes since the epoch (UTC).
 */
import type { ContactLevel, ContactRole } from './catalog.ts';
import type { AccountPlan } from './plan.ts';

export type Sentiment = 'positive' | 'neutral' | 'negative';
export type MeetingKind = 'qbr' | 'csm_call' | 'training' | 'webinar' | 'other';
export type Participation = 'active' | 'passive' | 'absent';
export type RenewalOutcome = 'renewed' | 'churned' | 'downgraded' | 'pending';

export interface ContactRecord {
  readonly id: string;
  readonly role: ContactRole;
  readonly level: ContactLevel;
  readonly startedOn: number;
  /** First day the contact is gone; Infinity while still there. */
  leftOn: number;
  sentiment: Sentiment | null;
}

export interface UserRecord {
  readonly id: string;
  /** Chance of being active on a working day at full engagement. */
  readonly activity: number;
  /** Mean events on an active day at full engagement. */
  readonly events: number;
  readonly workflowRate: number;
  readonly recordRate: number;
  readonly joinDay: number;
  /** First day without the user; Infinity while still there. */
  leaveDay: number;
  abandoning: boolean;
}

export interface IntegrationRecord {
  readonly name: string;
  readonly connectedOn: number;
  disconnectedOn: number;
}

export interface FeatureAdoption {
  readonly feature: string;
  readonly isCore: boolean;
  /** Mean uses per active user and day at full engagement. */
  readonly rate: number;
  readonly adoptedOn: number;
  droppedOn: number;
}

export interface TicketRecord {
  readonly id: string;
  readonly openedAt: number;
  closedAt: number | null;
  readonly sentiment: Sentiment | null;
  readonly priority: string;
}

export interface EscalationRecord {
  readonly openedAt: number;
  resolvedAt: number | null;
  readonly reason: string;
}

export interface EmailRecord {
  readonly contactId: string | null;
  readonly sentAt: number;
  repliedAt: number | null;
}

export interface MeetingRecord {
  readonly contactId: string | null;
  readonly scheduledAt: number;
  readonly kind: MeetingKind;
  readonly attended: boolean;
  readonly participation: Participation | null;
}

export interface NpsRecord {
  readonly contactId: string | null;
  readonly respondedAt: number;
  readonly score: number;
}

export interface OutcomeRecord {
  readonly recordedAt: number;
  readonly roiDocumented: boolean | null;
  readonly goalsOnTrack: 'on_track' | 'at_risk' | 'off_track' | null;
  readonly reportedValue: Sentiment | null;
  readonly renewalIntent: 'yes' | 'unsure' | 'no' | null;
}

export interface RenewalRecord {
  readonly day: number;
  readonly outcome: RenewalOutcome;
}

export interface AccountHistory {
  readonly plan: AccountPlan;
  /** First simulated day; the daily arrays are indexed by `day - from`. */
  readonly from: number;
  /** Last day on which the account can produce activity (the day before churn, or the data end). */
  readonly lastActiveDay: number;
  readonly churnedOn: number | null;
  /** Seats and ARR today (after downgrades and expansions), and the next renewal if active. */
  readonly seats: number;
  readonly arr: number;
  readonly nextRenewal: number | null;
  readonly health: Float32Array;
  readonly engagement: Float32Array;
  /** Multiplier on usage: below 1 while a leaving account winds down, rising again after a save. */
  readonly usageFactor: Float32Array;
  readonly contacts: readonly ContactRecord[];
  readonly users: readonly UserRecord[];
  readonly integrations: readonly IntegrationRecord[];
  readonly features: readonly FeatureAdoption[];
  readonly tickets: readonly TicketRecord[];
  readonly escalations: readonly EscalationRecord[];
  readonly emails: readonly EmailRecord[];
  readonly meetings: readonly MeetingRecord[];
  readonly nps: readonly NpsRecord[];
  readonly outcomes: readonly OutcomeRecord[];
  readonly renewals: readonly RenewalRecord[];
}
