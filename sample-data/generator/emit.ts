/**
 * Writes one simulated account into the dataset's tables. Daily product activity
 * (usage per user and day, feature use, community actions) is drawn here from the
 * account's daily engagement; the dated records of the simulation are written as
 * they are, restricted to the exported window.
 */
import { formatDay } from '../../core/dates.ts';
import { formatMinute, isWeekend, MINUTES_PER_DAY } from './calendar.ts';
import type { AccountHistory } from './history.ts';
import { MODEL } from './parameters.ts';
import type { DataWindow } from './plan.ts';
import { SeededRandom } from './random.ts';
import type { CsvSink } from './writers.ts';

/** The tables an account writes rows into (the feature catalogue is written once, elsewhere). */
export type AccountTable =
  | 'accounts'
  | 'usage'
  | 'feature_usage'
  | 'integrations'
  | 'emails'
  | 'meetings'
  | 'community'
  | 'tickets'
  | 'escalations'
  | 'contacts'
  | 'nps'
  | 'outcomes'
  | 'renewals';

export type AccountSinks = Readonly<Record<AccountTable, CsvSink>>;

/** Precomputed `YYYY-MM-DD` labels of the window's days, so the hot loops format no dates. */
export function dayLabels(window: DataWindow): string[] {
  const labels: string[] = [];
  for (let day = window.start; day <= window.end; day += 1) labels.push(formatDay(day));
  return labels;
}

const optionalDay = (day: number | null): string | null =>
  day === null || !Number.isFinite(day) ? null : formatDay(day);
const optionalMinute = (minute: number | null): string | null =>
  minute === null ? null : formatMinute(minute);

/** Writes every row of one account, drawing its daily activity from `seed`. */
export function emitAccount(
  history: AccountHistory,
  window: DataWindow,
  seed: number,
  labels: readonly string[],
  sinks: AccountSinks,
): void {
  const { plan } = history;
  sinks.accounts.write([
    plan.id,
    plan.name,
    plan.segment,
    plan.csmOwner,
    history.arr,
    plan.seatCount === 'counted' ? history.seats : plan.seatCount === 'zero' ? 0 : null,
    formatDay(plan.contractStart),
    optionalDay(history.nextRenewal),
    optionalDay(history.churnedOn),
  ]);

  const random = new SeededRandom(seed, 'activity', plan.index);
  const firstDay = Math.max(window.start, history.from);
  const activeUsers = emitUsage(history, firstDay, random, labels, window, sinks.usage);
  emitFeatureUse(history, firstDay, activeUsers, random, labels, window, sinks.feature_usage);
  if (plan.communityMember) {
    emitCommunity(history, firstDay, activeUsers, random, labels, window, sinks.community);
  }
  emitRecords(history, window, sinks);
}

/** Writes usage rows (per user and active day, then account-level API rows); returns active users per day, indexed by day - from. */
function emitUsage(
  history: AccountHistory,
  firstDay: number,
  random: SeededRandom,
  labels: readonly string[],
  window: DataWindow,
  sink: CsvSink,
): Int32Array {
  const { plan, from, engagement, usageFactor } = history;
  const activeUsers = new Int32Array(engagement.length);
  const weekendActivity = MODEL.users.weekendActivity;

  for (const user of history.users) {
    const first = Math.max(user.joinDay, firstDay);
    const last = Math.min(user.leaveDay - 1, history.lastActiveDay);
    for (let day = first; day <= last; day += 1) {
      const index = day - from;
      const drive = (engagement[index] ?? 0) * (usageFactor[index] ?? 0);
      const chance = user.activity * drive * (isWeekend(day) ? weekendActivity : 1);
      if (random.next() >= chance) continue;

      const events = Math.max(1, random.poisson(user.events * (0.4 + 0.8 * drive)));
      const started = random.poisson(events * user.workflowRate);
      const completed = random.binomial(
        started,
        completionRate(engagement[index] ?? 0, usageFactor[index] ?? 0),
      );
      const records = random.poisson(events * user.recordRate);
      activeUsers[index] = (activeUsers[index] ?? 0) + 1;
      sink.line(
        `${plan.id},${user.id},${labels[day - window.start]},${events},${started},${completed},${records},0`,
      );
    }
  }

  if (plan.apiVolume > 0) {
    for (let day = firstDay; day <= history.lastActiveDay; day += 1) {
      if (isWeekend(day)) continue;
      const index = day - from;
      const calls = random.poisson(
        plan.apiVolume * (engagement[index] ?? 0) * (usageFactor[index] ?? 0),
      );
      if (calls === 0) continue;
      const started = random.poisson(calls * 0.002);
      const completed = random.binomial(
        started,
        completionRate(engagement[index] ?? 0, usageFactor[index] ?? 0),
      );
      const records = random.poisson(calls * 0.05);
      const events = Math.ceil(calls / 20);
      sink.line(
        `${plan.id},,${labels[day - window.start]},${events},${started},${completed},${records},${calls}`,
      );
    }
  }
  return activeUsers;
}

/** Share of started workflows that finish: high for engaged accounts, lower while winding down. */
function completionRate(engagement: number, usageFactor: number): number {
  return Math.min(0.98, Math.max(0.05, 0.45 + 0.5 * engagement - 0.2 * (1 - usageFactor)));
}

function emitFeatureUse(
  history: AccountHistory,
  firstDay: number,
  activeUsers: Int32Array,
  random: SeededRandom,
  labels: readonly string[],
  window: DataWindow,
  sink: CsvSink,
): void {
  const { plan, from, engagement } = history;
  for (let day = firstDay; day <= history.lastActiveDay; day += 1) {
    const index = day - from;
    const users = activeUsers[index] ?? 0;
    if (users === 0) continue;
    const drive = 0.4 + 0.6 * (engagement[index] ?? 0);
    for (const feature of history.features) {
      if (feature.adoptedOn > day || feature.droppedOn <= day) continue;
      if (random.next() >= 1 - Math.exp(-users * feature.rate * drive)) continue;
      const events = 1 + random.poisson(users * feature.rate * 3 * drive);
      sink.line(`${plan.id},${labels[day - window.start]},${feature.feature},${events}`);
    }
  }
}

function emitCommunity(
  history: AccountHistory,
  firstDay: number,
  activeUsers: Int32Array,
  random: SeededRandom,
  labels: readonly string[],
  window: DataWindow,
  sink: CsvSink,
): void {
  const { plan, from, engagement } = history;
  const { communityViewsPerUser, communityPostsPerUser } = MODEL.activity;
  for (let day = firstDay; day <= history.lastActiveDay; day += 1) {
    const index = day - from;
    const users = activeUsers[index] ?? 0;
    if (users === 0) continue;
    const label = labels[day - window.start];
    const posts = random.poisson(users * communityPostsPerUser * (0.5 + (engagement[index] ?? 0)));
    const views = random.poisson(users * communityViewsPerUser);
    for (let post = 0; post < posts; post += 1) sink.line(`${plan.id},${label},post`);
    for (let view = 0; view < views; view += 1) sink.line(`${plan.id},${label},view`);
  }
}

/** Writes the simulation's dated records, keeping those that fall inside the exported window. */
function emitRecords(history: AccountHistory, window: DataWindow, sinks: AccountSinks): void {
  const { plan } = history;
  const windowStart = window.start * MINUTES_PER_DAY;
  const shownEnd = (day: number): string | null =>
    day <= history.lastActiveDay ? formatDay(day) : null;

  for (const integration of history.integrations) {
    sinks.integrations.write([
      plan.id,
      integration.name,
      formatDay(integration.connectedOn),
      optionalDay(Number.isFinite(integration.disconnectedOn) ? integration.disconnectedOn : null),
    ]);
  }
  for (const email of history.emails) {
    if (email.sentAt < windowStart) continue;
    sinks.emails.write([
      plan.id,
      email.contactId,
      formatMinute(email.sentAt),
      optionalMinute(email.repliedAt),
    ]);
  }
  for (const meeting of history.meetings) {
    if (meeting.scheduledAt < windowStart) continue;
    sinks.meetings.write([
      plan.id,
      meeting.contactId,
      formatMinute(meeting.scheduledAt),
      meeting.kind,
      meeting.attended,
      meeting.participation,
    ]);
  }
  for (const ticket of history.tickets) {
    if (ticket.openedAt < windowStart) continue;
    sinks.tickets.write([
      plan.id,
      ticket.id,
      formatMinute(ticket.openedAt),
      optionalMinute(ticket.closedAt),
      ticket.sentiment,
      ticket.priority,
    ]);
  }
  // An escalation opened before the window but still open when it starts is part of the export.
  for (const escalation of history.escalations) {
    const stillOpen = escalation.resolvedAt === null || escalation.resolvedAt >= windowStart;
    if (escalation.openedAt < windowStart && !stillOpen) continue;
    sinks.escalations.write([
      plan.id,
      formatMinute(escalation.openedAt),
      optionalMinute(escalation.resolvedAt),
      escalation.reason,
    ]);
  }
  if (plan.tracksContacts) {
    for (const contact of history.contacts) {
      sinks.contacts.write([
        plan.id,
        contact.id,
        contact.role,
        contact.level,
        formatDay(contact.startedOn),
        shownEnd(contact.leftOn),
        contact.sentiment,
      ]);
    }
  }
  for (const answer of history.nps) {
    if (answer.respondedAt < windowStart) continue;
    sinks.nps.write([plan.id, answer.contactId, formatMinute(answer.respondedAt), answer.score]);
  }
  for (const outcome of history.outcomes) {
    if (outcome.recordedAt < windowStart) continue;
    sinks.outcomes.write([
      plan.id,
      formatMinute(outcome.recordedAt),
      outcome.roiDocumented,
      outcome.goalsOnTrack,
      outcome.reportedValue,
      outcome.renewalIntent,
    ]);
  }
  for (const renewal of history.renewals) {
    sinks.renewals.write([plan.id, formatDay(renewal.day), renewal.outcome]);
  }
}
