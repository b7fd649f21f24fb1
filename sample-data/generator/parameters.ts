/**
 * The main parameters of the generative model (the coefficients of each observation
 * sit beside it in touchpoints.ts). sample-data/README.md explains them all; the
 * churn-hazard base was calibrated so that 10–15 % of the accounts active on
 * January 1 churn during that year.
 */
import type { Segment } from './catalog.ts';

export interface SegmentProfile {
  readonly share: number;
  readonly seats: readonly [number, number];
  /** List price per seat and year, in dollars. */
  readonly pricePerSeat: readonly [number, number];
  /** Yearly platform fee of a contract that counts no seats, in dollars. */
  readonly platformFee: readonly [number, number];
  /** Share of contracts that count no seats at all. */
  readonly seatlessShare: number;
  /** Share of contracts signed for 24 instead of 12 months. */
  readonly twoYearShare: number;
  /** Share of accounts with a named CSM (the rest are served by a pooled digital team). */
  readonly namedCsmShare: number;
  /** Mean CSM emails per working day. */
  readonly emailsPerWorkday: number;
  /** Days between CSM calls. */
  readonly callInterval: number;
  readonly holdsQbrs: boolean;
  /** Mean number of tools connected once onboarded. */
  readonly integrations: number;
  /** Probability that each supporting role exists at the start: exec sponsor, admins, users. */
  readonly execSponsorShare: number;
  readonly admins: readonly [number, number];
  readonly endUsers: readonly [number, number];
  /** Share of accounts that call the API directly (account-level usage rows). */
  readonly apiShare: number;
  /** Health offset: larger customers are slightly stickier. */
  readonly healthOffset: number;
}

export const SEGMENTS: Readonly<Record<Segment, SegmentProfile>> = {
  SMB: {
    share: 0.55,
    seats: [2, 15],
    pricePerSeat: [360, 600],
    platformFee: [6_000, 15_000],
    seatlessShare: 0.06,
    twoYearShare: 0,
    namedCsmShare: 0.65,
    emailsPerWorkday: 0.06,
    callInterval: 45,
    holdsQbrs: false,
    integrations: 1.2,
    execSponsorShare: 0.2,
    admins: [0, 1],
    endUsers: [0, 2],
    apiShare: 0.2,
    healthOffset: -0.1,
  },
  'Mid-Market': {
    share: 0.3,
    seats: [10, 45],
    pricePerSeat: [480, 780],
    platformFee: [20_000, 60_000],
    seatlessShare: 0.08,
    twoYearShare: 0.1,
    namedCsmShare: 1,
    emailsPerWorkday: 0.15,
    callInterval: 21,
    holdsQbrs: true,
    integrations: 2.2,
    execSponsorShare: 0.6,
    admins: [1, 2],
    endUsers: [1, 4],
    apiShare: 0.4,
    healthOffset: 0.05,
  },
  Enterprise: {
    share: 0.15,
    seats: [35, 160],
    pricePerSeat: [600, 950],
    platformFee: [80_000, 250_000],
    seatlessShare: 0.1,
    twoYearShare: 0.3,
    namedCsmShare: 1,
    emailsPerWorkday: 0.3,
    callInterval: 14,
    holdsQbrs: true,
    integrations: 3.5,
    execSponsorShare: 0.85,
    admins: [1, 3],
    endUsers: [2, 6],
    apiShare: 0.65,
    healthOffset: 0.15,
  },
};

export const MODEL = {
  /** Share of accounts that were already customers on the first day of the data. */
  existingShare: 0.6,
  /** Existing customers signed up to this many days before the data starts. */
  existingTenureDays: 1400,
  /** New customers stop joining this many days before the data ends. */
  lastJoinMargin: 30,
  /** Days simulated before the data starts so that a renewal decision can already be under way. */
  warmUpDays: 150,

  health: {
    /** Mean and spread of the account's long-run health (latent, about N(0.3, 0.8)). */
    mean: 0.3,
    spread: 0.8,
    /** Daily pull of health towards its target (mean reversion; 1/0.03 ≈ 33 days). */
    reversion: 0.03,
    /** Daily noise of health. */
    volatility: 0.07,
    /** Engagement = logistic(slope · health + intercept). */
    engagementSlope: 1.1,
    engagementIntercept: 0.4,
    /** Target offsets while a condition holds. */
    championGone: -0.7,
    neverHadChampion: -0.2,
    openEscalation: -0.35,
    newExecSponsor: -0.2,
    onboarding: -0.3,
    afterSave: 0.3,
    /** Offset reached at the renewal a leaving account will not sign (linear in progress). */
    leaving: -1.8,
    /** Random shocks (reorganisation, outage): hazard per day, size, days to fade. */
    shockHazard: 1 / 400,
    shockSize: -0.8,
    shockFadeDays: 60,
  },

  churn: {
    /** A renewal decision is made 60–120 days before the renewal it concerns. */
    decisionLeadMin: 60,
    decisionLeadMax: 120,
    /** Daily hazard of deciding to leave inside that window, before the risk multiplier. */
    baseHazard: 0.001,
    /** Risk = exp(-healthWeight·health + Σ factor while the condition holds). */
    healthWeight: 1.3,
    championGone: 0.9,
    openEscalation: 0.7,
    slowReplies: 0.5,
    detractor: 0.5,
    /** Share of leaving accounts that the CSM saves, and when (days after the decision). */
    saveShare: 0.25,
    saveAfter: [20, 50] as const,
    /** Share of usage left at the renewal a leaving account does not sign. */
    usageLeftAtChurn: 0.25,
    /** Probability per renewal of a churn with no warning (budget cut, acquisition). */
    abruptShare: 0.012,
    /** At a signed renewal: downgrade chances, and expansion for healthy accounts. */
    downgradeAfterSave: 0.5,
    downgradeWhenWeak: 0.35,
    weakHealth: -0.4,
    expansionShare: 0.3,
    strongHealth: 0.9,
  },

  people: {
    /** Daily departure hazard of a contact, by role. */
    championLeaves: 1 / 1100,
    execLeaves: 1 / 1400,
    otherLeaves: 1 / 1000,
    /** Chance that a departed champion is replaced, and after how many days. */
    championReplaced: 0.6,
    championGap: [20, 150] as const,
    otherReplaced: 0.7,
    otherGap: [15, 120] as const,
    /** Daily chance that a new contact joins the conversation, when health is positive. */
    newContact: 1 / 500,
    /** Share of accounts whose contacts are tracked in the CRM. */
    tracked: 0.88,
    championAtStart: 0.85,
  },

  users: {
    /** Share of paid seats given to named users, drawn uniformly. */
    seatFill: [0.65, 1.05] as const,
    /** User kinds: share, chance of being active on a working day at full engagement, events. */
    kinds: {
      power: { share: 0.15, activity: 0.9, events: 24 },
      regular: { share: 0.5, activity: 0.55, events: 12 },
      occasional: { share: 0.35, activity: 0.15, events: 6 },
    },
    weekendActivity: 0.1,
    /** Daily departure hazard, and the chance (logistic of health) of a replacement. */
    turnover: 1 / 900,
    onboardingDays: 25,
  },

  activity: {
    ticketsPerDay: 0.006,
    escalationHazard: 0.0005,
    escalationFromUrgentNegative: 0.3,
    escalationDays: 10,
    npsResponseRate: 0.45,
    /** Each account is surveyed every half year, the first time about 90 days after signing. */
    npsSurveyEvery: 182,
    npsFirstSurvey: 90,
    webinarEvery: 28,
    webinarRegistered: 0.45,
    trainingHazard: 1 / 100,
    communityMember: 0.55,
    npsSurveyed: 0.78,
    communityViewsPerUser: 0.01,
    communityPostsPerUser: 0.0015,
    apiCallsPerDay: 300,
  },
} as const;
