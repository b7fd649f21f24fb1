/**
 * How observable touchpoints read the latent health: each function turns the
 * account's health on a day (and whether it is winding down towards churn) into
 * one noisy observation, such as a reply delay, an NPS score or a ticket's mood.
 */
import { logistic, type SeededRandom } from './random.ts';
import type { MeetingKind, OutcomeRecord, Participation, Sentiment } from './history.ts';

/** The state every observation depends on. */
export interface Mood {
  readonly health: number;
  readonly leaving: boolean;
}

const MINUTES_PER_HOUR = 60;

/** Minutes from a CSM email to the customer's reply, or null when it is never answered. */
export function replyDelay(random: SeededRandom, mood: Mood): number | null {
  const replyChance = logistic(1 + 1.4 * mood.health - (mood.leaving ? 0.8 : 0));
  if (!random.chance(replyChance)) return null;
  // Median 14 h at health 0, about 5 h for a healthy and 40 h for a weak account.
  const hours = random.logNormal(14 * Math.exp(-1.1 * mood.health), 0.9);
  return Math.max(3, Math.round(hours * MINUTES_PER_HOUR));
}

/** An NPS answer (0–10), centred near 7 and pulled down hard while the account is leaving. */
export function npsScore(random: SeededRandom, mood: Mood): number {
  const raw = 7 + 1.9 * mood.health + 1.4 * random.normal() - (mood.leaving ? 1.5 : 0);
  return Math.min(10, Math.max(0, Math.round(raw)));
}

/** A three-way sentiment read from health plus noise of the given spread. */
export function sentimentOf(random: SeededRandom, health: number, spread: number): Sentiment {
  const reading = health + spread * random.normal();
  if (reading > 0.6) return 'positive';
  if (reading > -0.6) return 'neutral';
  return 'negative';
}

/** A support ticket's priority; weak accounts file more high and urgent tickets. */
export function ticketPriority(random: SeededRandom, mood: Mood): string {
  return mood.health < -0.5
    ? random.weighted({ low: 20, medium: 35, high: 28, urgent: 17 })
    : random.weighted({ low: 30, medium: 40, high: 20, urgent: 10 });
}

const RESOLUTION_HOURS: Readonly<Record<string, number>> = {
  urgent: 4,
  high: 10,
  medium: 24,
  low: 48,
};

/** Minutes from opening a ticket of this priority to closing it. */
export function resolutionMinutes(random: SeededRandom, priority: string): number {
  const hours = random.logNormal(RESOLUTION_HOURS[priority] ?? 24, 0.8);
  return Math.max(5, Math.round(hours * MINUTES_PER_HOUR));
}

const ATTENDANCE: Readonly<Record<MeetingKind, readonly [number, number, number]>> = {
  // [intercept, health slope, penalty while leaving] of the logistic attendance chance.
  qbr: [1.8, 1.5, 1],
  csm_call: [1.5, 1.5, 0.8],
  training: [1.2, 1.2, 0.5],
  webinar: [-0.2, 1.2, 0.5],
  other: [1, 1, 0.5],
};

/** Whether a meeting of this kind is attended, and how the customer took part. */
export function meetingTurnout(
  random: SeededRandom,
  kind: MeetingKind,
  mood: Mood,
): { attended: boolean; participation: Participation | null } {
  const [intercept, slope, penalty] = ATTENDANCE[kind];
  const attended = random.chance(
    logistic(intercept + slope * mood.health - (mood.leaving ? penalty : 0)),
  );
  // Webinars are one-to-many; nobody records how each attendee took part.
  if (kind === 'webinar') return { attended, participation: null };
  if (!attended) return { attended, participation: 'absent' };
  const active = random.chance(logistic(0.3 + 1.5 * mood.health));
  return { attended, participation: active ? 'active' : 'passive' };
}

/** A CSM's assessment at a business review; each field is left blank one time in ten. */
export function assessment(random: SeededRandom, recordedAt: number, mood: Mood): OutcomeRecord {
  const blank = (): boolean => random.chance(0.1);
  const drag = mood.leaving ? 0.8 : 0;
  const goals = mood.health - drag + 0.6 * random.normal();
  const value = mood.health - drag + 0.7 * random.normal();
  let intent: 'yes' | 'unsure' | 'no';
  if (mood.leaving) {
    intent = random.weighted({ no: 0.6, unsure: 0.35, yes: 0.05 });
  } else {
    const reading = mood.health + 0.6 * random.normal();
    intent = reading > 0 ? 'yes' : reading > -0.8 ? 'unsure' : 'no';
  }
  return {
    recordedAt,
    roiDocumented: blank() ? null : random.chance(logistic(-0.3 + 1.2 * mood.health - drag)),
    goalsOnTrack: blank()
      ? null
      : goals > 0.2
        ? 'on_track'
        : goals > -0.6
          ? 'at_risk'
          : 'off_track',
    reportedValue: blank()
      ? null
      : value > 0.4
        ? 'positive'
        : value > -0.5
          ? 'neutral'
          : 'negative',
    renewalIntent: blank() ? null : intent,
  };
}
