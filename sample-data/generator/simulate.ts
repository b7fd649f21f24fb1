/**
 * Day-by-day simulation of one account's life: latent health that reverts to its
 * long-run level and is pushed by events (champion loss, escalations, shocks), the
 * people and users who come and go, the CSM's touchpoints, and the renewal decision.
 * An account decides to leave 60–120 days before a renewal, with a hazard that grows
 * as health falls and while risk conditions hold; its usage then winds down until it
 * does not sign, unless the CSM saves it first.
 */
import { addMonths, isWeekend, MINUTES_PER_DAY, nextWorkday } from './calendar.ts';
import { ESCALATION_REASONS, FEATURES, INTEGRATIONS, type ContactRole } from './catalog.ts';
import type {
  AccountHistory,
  EmailRecord,
  EscalationRecord,
  FeatureAdoption,
  IntegrationRecord,
  MeetingKind,
  MeetingRecord,
  NpsRecord,
  OutcomeRecord,
  RenewalRecord,
  TicketRecord,
} from './history.ts';
import { MODEL, SEGMENTS, type SegmentProfile } from './parameters.ts';
import { Roster } from './people.ts';
import type { AccountPlan, DataWindow } from './plan.ts';
import { logistic, SeededRandom } from './random.ts';
import {
  assessment,
  meetingTurnout,
  npsScore,
  replyDelay,
  resolutionMinutes,
  sentimentOf,
  ticketPriority,
  type Mood,
} from './touchpoints.ts';

const { health: HEALTH, churn: CHURN, activity: ACTIVITY } = MODEL;

/** A decision to leave at `renewal`, taken on `decidedOn`; `saveOn` is set when the CSM will win it back. */
interface Departure {
  readonly decidedOn: number;
  readonly renewal: number;
  readonly saveOn: number | null;
}

// Webinars run every four weeks on Wednesdays, counted from Wednesday 2023-01-04.
const WEBINAR_ANCHOR = Date.UTC(2023, 0, 4) / 86_400_000;
const ONBOARDING_TRAININGS = [5, 19, 40, 70] as const;
const RECENT_EMAILS = 6;
const SLOW_REPLY_MINUTES = 72 * 60;

/** Simulates the account from its plan; the same seed and plan always give the same history. */
export function simulateAccount(
  plan: AccountPlan,
  window: DataWindow,
  seed: number,
): AccountHistory {
  return new AccountSimulation(plan, window, seed).run();
}

class AccountSimulation {
  private readonly random: SeededRandom;
  private readonly profile: SegmentProfile;
  private readonly from: number;
  private readonly health: Float32Array;
  private readonly engagement: Float32Array;
  private readonly usageFactor: Float32Array;

  private currentHealth: number;
  private shock = 0;
  private departure: Departure | null = null;
  private savedOn: number | null = null;
  private recovery: { start: number; level: number } | null = null;

  private seats: number;
  private arr: number;
  private renewalCount = 0;
  private nextRenewal: number;
  private churnedOn: number | null = null;

  private readonly roster: Roster;
  private readonly integrations: IntegrationRecord[] = [];
  private readonly features: FeatureAdoption[] = [];

  private readonly tickets: TicketRecord[] = [];
  private readonly escalations: EscalationRecord[] = [];
  private escalationOpenUntil = -Infinity;
  private readonly emails: EmailRecord[] = [];
  private readonly meetings: MeetingRecord[] = [];
  private readonly nps: NpsRecord[] = [];
  private readonly outcomes: OutcomeRecord[] = [];
  private readonly renewals: RenewalRecord[] = [];
  private nextQbr: number;
  private nextCall: number;
  private nextSurvey: number;
  private slowReplies = false;
  private detractor = false;

  constructor(
    private readonly plan: AccountPlan,
    private readonly window: DataWindow,
    seed: number,
  ) {
    this.random = new SeededRandom(seed, 'life', plan.index);
    this.profile = SEGMENTS[plan.segment];
    this.from = Math.max(plan.contractStart, window.start - MODEL.warmUpDays);
    const days = window.end - this.from + 1;
    this.health = new Float32Array(days);
    this.engagement = new Float32Array(days);
    this.usageFactor = new Float32Array(days);

    this.currentHealth = plan.baseHealth + 0.3 * this.random.normal();
    this.seats = plan.seats;
    this.arr = plan.seatCount === 'counted' ? plan.seats * plan.pricePerSeat : plan.platformFee;
    this.nextRenewal = addMonths(plan.contractStart, plan.termMonths);
    this.recordPastRenewals();

    const isNew = plan.contractStart === this.from;
    this.nextQbr = isNew ? plan.contractStart + 80 : this.from + this.random.integer(0, 90);
    this.nextCall = this.from + this.random.integer(0, this.profile.callInterval);
    this.nextSurvey = isNew
      ? plan.contractStart + ACTIVITY.npsFirstSurvey
      : this.from + this.random.integer(0, ACTIVITY.npsSurveyEvery - 1);
    this.roster = new Roster(plan, this.profile, this.random, this.from);
    this.roster.seed(isNew);
    this.seedIntegrations(isNew);
    this.seedFeatures(isNew);
  }

  run(): AccountHistory {
    for (let day = this.from; day <= this.window.end; day += 1) {
      if (day === this.nextRenewal && this.renew(day)) {
        this.churnedOn = day;
        break;
      }
      this.roster.update(day, this.currentHealth, this.departure !== null);
      this.updateIntegrations(day);
      this.updateHealth(day);
      this.touchpoints(day);
      if ((day - this.from) % 7 === 0) this.refreshRiskFlags(day);
      this.considerLeaving(day);
    }
    return this.finish();
  }

  private mood(): Mood {
    return { health: this.currentHealth, leaving: this.departure !== null };
  }

  // ---- renewals -------------------------------------------------------------------------

  /** Anniversaries before the simulation starts were all signed: the account is still here. */
  private recordPastRenewals(): void {
    while (this.nextRenewal < this.from) {
      this.renewals.push({ day: this.nextRenewal, outcome: 'renewed' });
      this.advanceRenewal();
    }
  }

  private advanceRenewal(): void {
    this.renewalCount += 1;
    this.nextRenewal = addMonths(
      this.plan.contractStart,
      (this.renewalCount + 1) * this.plan.termMonths,
    );
  }

  /** Settles the renewal due today; returns true when the account churns. */
  private renew(day: number): boolean {
    const inData = day >= this.window.start;
    const leaving = this.departure !== null && this.departure.renewal === day;
    if (inData && (leaving || this.random.chance(CHURN.abruptShare))) {
      this.renewals.push({ day, outcome: 'churned' });
      return true;
    }
    this.departure = null;

    const recentlySaved = this.savedOn !== null && day - this.savedOn < 150;
    const downgrade = recentlySaved
      ? this.random.chance(CHURN.downgradeAfterSave)
      : this.currentHealth < CHURN.weakHealth && this.random.chance(CHURN.downgradeWhenWeak);
    if (downgrade) {
      this.resize(day, this.random.uniform(0.6, 0.85));
    } else if (
      this.currentHealth > CHURN.strongHealth &&
      this.random.chance(CHURN.expansionShare)
    ) {
      this.resize(day, this.random.uniform(1.1, 1.35));
    }
    this.renewals.push({ day, outcome: downgrade ? 'downgraded' : 'renewed' });
    this.advanceRenewal();
    return false;
  }

  /** Changes the contract size by `factor`: seats and ARR, and the users that fill the seats. */
  private resize(day: number, factor: number): void {
    const seats = Math.max(1, Math.round(this.seats * factor));
    this.arr =
      this.plan.seatCount === 'counted'
        ? seats * this.plan.pricePerSeat
        : Math.round(this.arr * factor);
    this.roster.resize(day, this.seats, seats);
    this.seats = seats;
  }

  // ---- integrations and features -----------------------------------------------------------

  private seedIntegrations(isNew: boolean): void {
    const count = Math.min(
      INTEGRATIONS.length,
      this.random.poisson(this.profile.integrations * (0.6 + 0.8 * logistic(this.plan.baseHealth))),
    );
    const names = [...INTEGRATIONS];
    for (let connection = 0; connection < count; connection += 1) {
      const connectedOn = isNew
        ? this.plan.contractStart + Math.floor(this.random.exponential(45))
        : Math.max(this.plan.contractStart, this.from - this.random.integer(0, 700));
      this.connect(names, connectedOn);
    }
  }

  private connect(available: string[], connectedOn: number): void {
    if (available.length === 0) return;
    const name = this.random.pick(available);
    available.splice(available.indexOf(name), 1);
    this.integrations.push({ name, connectedOn, disconnectedOn: Infinity });
  }

  private updateIntegrations(day: number): void {
    const leaving = this.departure !== null;
    let connected = 0;
    for (const integration of this.integrations) {
      if (integration.connectedOn > day || integration.disconnectedOn <= day) continue;
      const hazard = (Math.exp(-this.currentHealth) / 1200) * (leaving ? 4 : 1);
      if (this.random.chance(hazard)) integration.disconnectedOn = day;
      else connected += 1;
    }
    // Each tool is connected at most once, so an account never holds two rows for one tool.
    if (connected < 6 && this.random.chance(logistic(this.currentHealth) / 300)) {
      const used = new Set(this.integrations.map((integration) => integration.name));
      this.connect(
        INTEGRATIONS.filter((name) => !used.has(name)),
        day,
      );
    }
  }

  private seedFeatures(isNew: boolean): void {
    const breadth = logistic(0.9 * this.plan.baseHealth + 0.5 * this.random.normal());
    for (const feature of FEATURES) {
      const adoptChance = feature.isCore ? 0.3 + 0.65 * breadth : 0.08 + 0.45 * breadth;
      if (!this.random.chance(adoptChance)) continue;
      let adoptedOn: number;
      if (isNew) {
        adoptedOn =
          this.plan.contractStart + Math.floor(this.random.exponential(feature.isCore ? 45 : 140));
      } else {
        adoptedOn = this.random.chance(0.8)
          ? this.from - 1
          : this.from + this.random.integer(0, 500);
      }
      this.features.push({
        feature: feature.name,
        isCore: feature.isCore,
        rate: this.random.logNormal(feature.isCore ? 0.12 : 0.05, 0.5),
        adoptedOn,
        droppedOn: Infinity,
      });
    }
  }

  // ---- latent health ----------------------------------------------------------------------

  private updateHealth(day: number): void {
    const index = day - this.from;
    if (this.departure?.saveOn === day) this.save(day);

    if (this.random.chance(HEALTH.shockHazard)) this.shock += HEALTH.shockSize;
    this.shock *= 1 - 1 / HEALTH.shockFadeDays;

    const progress = this.departureProgress(day);
    const sinceStart = day - this.plan.contractStart;
    let target = this.plan.baseHealth + this.shock;
    if (this.roster.championGoneSince !== null) target += HEALTH.championGone;
    if (!this.plan.hasChampion) target += HEALTH.neverHadChampion;
    if (this.escalationOpen(day)) target += HEALTH.openEscalation;
    if (
      day - this.roster.execStartedOn < 90 &&
      this.roster.execStartedOn > this.plan.contractStart
    ) {
      target += HEALTH.newExecSponsor;
    }
    if (sinceStart < 90) target += HEALTH.onboarding * (1 - sinceStart / 90);
    if (this.savedOn !== null && day - this.savedOn < 120) target += HEALTH.afterSave;
    if (progress !== null) target += HEALTH.leaving * progress;

    this.currentHealth +=
      HEALTH.reversion * (target - this.currentHealth) + HEALTH.volatility * this.random.normal();
    this.health[index] = this.currentHealth;
    this.engagement[index] = logistic(
      HEALTH.engagementSlope * this.currentHealth + HEALTH.engagementIntercept,
    );
    this.usageFactor[index] = this.currentUsageFactor(day, progress);
  }

  private departureProgress(day: number): number | null {
    if (this.departure === null) return null;
    const { decidedOn, renewal } = this.departure;
    return Math.min(1, (day - decidedOn) / (renewal - decidedOn));
  }

  private currentUsageFactor(day: number, progress: number | null): number {
    if (progress !== null) return 1 - (1 - CHURN.usageLeftAtChurn) * progress ** 1.3;
    if (this.recovery !== null) {
      const regained = Math.min(1, (day - this.recovery.start) / 30);
      return this.recovery.level + (1 - this.recovery.level) * regained;
    }
    return 1;
  }

  private escalationOpen(day: number): boolean {
    return this.escalationOpenUntil > day * MINUTES_PER_DAY;
  }

  // ---- the churn decision ------------------------------------------------------------------

  private refreshRiskFlags(day: number): void {
    const now = day * MINUTES_PER_DAY;
    const delays: number[] = [];
    for (const email of this.emails.slice(-RECENT_EMAILS)) {
      if (email.repliedAt !== null && email.repliedAt <= now)
        delays.push(email.repliedAt - email.sentAt);
      else if (now - email.sentAt > SLOW_REPLY_MINUTES) delays.push(Infinity);
    }
    delays.sort((left, right) => left - right);
    const middle = delays[Math.floor(delays.length / 2)];
    this.slowReplies = delays.length >= 3 && middle !== undefined && middle > SLOW_REPLY_MINUTES;

    const known = this.nps.filter(
      (answer) => answer.respondedAt <= now && answer.respondedAt > now - 180 * MINUTES_PER_DAY,
    );
    const latest = known.reduce<NpsRecord | null>(
      (last, answer) => (last === null || answer.respondedAt > last.respondedAt ? answer : last),
      null,
    );
    this.detractor = latest !== null && latest.score <= 6;
  }

  /** The daily hazard of deciding to leave, inside the decision window of a renewal in the data. */
  private considerLeaving(day: number): void {
    if (this.departure !== null || this.nextRenewal < this.window.start) return;
    const lead = this.nextRenewal - day;
    if (lead < CHURN.decisionLeadMin || lead > CHURN.decisionLeadMax) return;

    const risk =
      -CHURN.healthWeight * this.currentHealth +
      (this.roster.championGoneSince !== null ? CHURN.championGone : 0) +
      (this.escalationOpen(day) ? CHURN.openEscalation : 0) +
      (this.slowReplies ? CHURN.slowReplies : 0) +
      (this.detractor ? CHURN.detractor : 0);
    const hazard = CHURN.baseHazard * Math.exp(risk);
    if (!this.random.chance(1 - Math.exp(-hazard))) return;

    const saveOn = this.random.chance(CHURN.saveShare)
      ? day + this.random.integer(...CHURN.saveAfter)
      : null;
    this.departure = { decidedOn: day, renewal: this.nextRenewal, saveOn };
    this.roster.abandon(day, lead);
    for (const feature of this.features) {
      if (this.random.chance(0.5)) feature.droppedOn = day + this.random.integer(1, lead);
    }
  }

  /** The CSM wins the account back: usage climbs again and abandoned plans are revived. */
  private save(day: number): void {
    const index = day - this.from;
    this.recovery = { start: day, level: this.usageFactor[index - 1] ?? 1 };
    this.savedOn = day;
    this.departure = null;
    this.roster.revive(day);
    for (const feature of this.features) if (feature.droppedOn > day) feature.droppedOn = Infinity;
  }

  // ---- touchpoints -------------------------------------------------------------------------

  private touchpoints(day: number): void {
    const mood = this.mood();
    this.supportTickets(day, mood);
    if (isWeekend(day)) return;
    if (this.plan.csmOwner !== null) {
      this.csmEmails(day, mood);
      this.csmMeetings(day, mood);
    }
    this.trainings(day, mood);
    this.surveys(day, mood);
  }

  private supportTickets(day: number, mood: Mood): void {
    const rate =
      ACTIVITY.ticketsPerDay *
      (1 + this.roster.activeUsers.length / 8) *
      Math.exp(-0.4 * mood.health);
    const minute = day * MINUTES_PER_DAY;
    if (this.random.chance(rate)) {
      const priority = ticketPriority(this.random, mood);
      const openedAt = minute + this.random.integer(7 * 60, 20 * 60);
      const sentiment = this.random.chance(0.25)
        ? null
        : sentimentOf(this.random, mood.health - (priority === 'urgent' ? 0.3 : 0), 0.8);
      this.tickets.push({
        id: `${this.plan.id}-T${String(this.tickets.length + 1).padStart(3, '0')}`,
        openedAt,
        closedAt: openedAt + resolutionMinutes(this.random, priority),
        sentiment,
        priority,
      });
      if (priority === 'urgent' && sentiment === 'negative') {
        if (this.random.chance(ACTIVITY.escalationFromUrgentNegative)) this.escalate(openedAt + 60);
      }
    }
    const hazard =
      ACTIVITY.escalationHazard * Math.exp(-1.2 * mood.health) * (mood.leaving ? 2 : 1);
    if (this.random.chance(hazard)) this.escalate(minute + this.random.integer(8 * 60, 18 * 60));
  }

  private escalate(openedAt: number): void {
    if (this.escalationOpenUntil > openedAt) return;
    const days = this.random.logNormal(ACTIVITY.escalationDays, 0.7);
    const resolvedAt = openedAt + Math.max(60, Math.round(days * MINUTES_PER_DAY));
    this.escalations.push({ openedAt, resolvedAt, reason: this.random.pick(ESCALATION_REASONS) });
    this.escalationOpenUntil = resolvedAt;
  }

  /** A tracked contact to address, preferring the roles listed first; null when none is known. */
  private recipient(day: number, roles: readonly ContactRole[]): string | null {
    if (!this.plan.tracksContacts) return null;
    const active = this.roster.activeContacts(day);
    for (const role of roles) {
      const holders = active.filter((contact) => contact.role === role);
      if (holders.length > 0) return this.random.pick(holders).id;
    }
    return active.length > 0 ? this.random.pick(active).id : null;
  }

  private csmEmails(day: number, mood: Mood): void {
    const worried = mood.health < -0.3 ? 1.5 : 1;
    const count = this.random.poisson(this.profile.emailsPerWorkday * worried);
    for (let email = 0; email < count; email += 1) {
      const sentAt = day * MINUTES_PER_DAY + this.random.integer(8 * 60, 18 * 60 - 1);
      const delay = replyDelay(this.random, mood);
      this.emails.push({
        contactId: this.recipient(day, ['champion', 'champion', 'admin', 'exec_sponsor']),
        sentAt,
        repliedAt: delay === null ? null : sentAt + delay,
      });
    }
  }

  private meet(day: number, kind: MeetingKind, mood: Mood, roles: readonly ContactRole[]): number {
    const scheduledAt = day * MINUTES_PER_DAY + 9 * 60 + 30 * this.random.integer(0, 15);
    const turnout = meetingTurnout(this.random, kind, mood);
    this.meetings.push({ contactId: this.recipient(day, roles), scheduledAt, kind, ...turnout });
    return scheduledAt;
  }

  private csmMeetings(day: number, mood: Mood): void {
    if (this.profile.holdsQbrs && day >= this.nextQbr) {
      const heldAt = this.meet(day, 'qbr', mood, ['exec_sponsor', 'champion']);
      this.outcomes.push(assessment(this.random, heldAt + 120, mood));
      this.nextQbr = day + this.random.integer(81, 101);
    }
    if (day >= this.nextCall) {
      const heldAt = this.meet(day, 'csm_call', mood, ['champion', 'admin']);
      // Without QBRs, a CSM writes an assessment after about one call in four.
      if (!this.profile.holdsQbrs && this.random.chance(0.25)) {
        this.outcomes.push(assessment(this.random, heldAt + 60, mood));
      }
      const worried = mood.health < -0.3 ? 0.6 : 1;
      this.nextCall =
        day +
        Math.max(
          3,
          Math.round(this.profile.callInterval * this.random.uniform(0.7, 1.3) * worried),
        );
    }
    if (this.plan.segment === 'Enterprise' && this.random.chance(1 / 365)) {
      this.meet(day, 'other', mood, ['exec_sponsor']);
    }
  }

  private trainings(day: number, mood: Mood): void {
    const sinceStart = day - this.plan.contractStart;
    const onboarding = ONBOARDING_TRAININGS.some(
      (offset) => nextWorkday(this.plan.contractStart + offset) === day,
    );
    if (
      (onboarding && this.random.chance(0.85)) ||
      (sinceStart > 90 && this.random.chance(ACTIVITY.trainingHazard))
    ) {
      this.meet(day, 'training', mood, ['admin', 'user']);
    }
    if (this.plan.webinarRegistered && (day - WEBINAR_ANCHOR) % ACTIVITY.webinarEvery === 0) {
      if (this.random.chance(0.55)) this.meet(day, 'webinar', mood, ['user', 'admin']);
    }
  }

  /** Every half year (on a working day) the champion, the exec sponsor and one more contact are asked. */
  private surveys(day: number, mood: Mood): void {
    if (!this.plan.surveyed || day < this.nextSurvey) return;
    this.nextSurvey = day + ACTIVITY.npsSurveyEvery;

    const active = this.plan.tracksContacts ? this.roster.activeContacts(day) : [];
    const chosen = new Set<string | null>();
    for (const role of ['champion', 'exec_sponsor'] as const) {
      const holder = active.find((contact) => contact.role === role);
      if (holder) chosen.add(holder.id);
    }
    const others = active.filter((contact) => !chosen.has(contact.id));
    if (others.length > 0) chosen.add(this.random.pick(others).id);
    // An account whose people are not tracked still answers, anonymously.
    if (!this.plan.tracksContacts) chosen.add(null);

    for (const contactId of chosen) {
      if (!this.random.chance(ACTIVITY.npsResponseRate)) continue;
      this.nps.push({
        contactId,
        respondedAt: day * MINUTES_PER_DAY + this.random.integer(0, 14 * MINUTES_PER_DAY - 1),
        score: npsScore(this.random, mood),
      });
    }
  }

  // ---- the end -----------------------------------------------------------------------------

  /** Cuts everything at the end of the account's life: nothing happens on or after churn or past the data. */
  private finish(): AccountHistory {
    const exportEnd = (this.window.end + 1) * MINUTES_PER_DAY;
    const lastActiveDay = this.churnedOn === null ? this.window.end : this.churnedOn - 1;
    const cutoff = (lastActiveDay + 1) * MINUTES_PER_DAY;
    const within = (instant: number | null): number | null =>
      instant !== null && instant < Math.min(cutoff, exportEnd) ? instant : null;

    for (const email of this.emails) email.repliedAt = within(email.repliedAt);
    for (const ticket of this.tickets) ticket.closedAt = within(ticket.closedAt);
    for (const escalation of this.escalations)
      escalation.resolvedAt = within(escalation.resolvedAt);
    for (const integration of this.integrations) {
      if (this.churnedOn !== null) {
        integration.disconnectedOn = Math.min(integration.disconnectedOn, this.churnedOn);
      }
    }
    this.roster.finish(lastActiveDay, (day) => {
      const index = Math.max(0, Math.min(day - this.from, this.health.length - 1));
      return this.health[index] ?? 0;
    });
    if (this.churnedOn === null) {
      this.renewals.push({ day: this.nextRenewal, outcome: 'pending' });
    }

    return {
      plan: this.plan,
      from: this.from,
      lastActiveDay,
      churnedOn: this.churnedOn,
      seats: this.seats,
      arr: this.arr,
      nextRenewal: this.churnedOn === null ? this.nextRenewal : null,
      health: this.health,
      engagement: this.engagement,
      usageFactor: this.usageFactor,
      contacts: this.roster.contacts.filter((contact) => contact.startedOn <= lastActiveDay),
      users: this.roster.users,
      integrations: this.integrations.filter(
        (integration) => integration.connectedOn <= lastActiveDay,
      ),
      features: this.features,
      tickets: this.tickets,
      escalations: this.escalations,
      emails: this.emails,
      meetings: this.meetings,
      nps: this.nps.filter((answer) => answer.respondedAt < Math.min(cutoff, exportEnd)),
      outcomes: this.outcomes,
      renewals: this.renewals,
    };
  }
}
