/**
 * Red / yellow / green bands on the final score, and the playbook each band carries:
 * what the CSM does, how often they check in, and who hears about it by when.
 */
import type { ModelConfig } from './config.ts';

export const RAG_UNSCORED = 0;
export const RAG_RED = 1;
export const RAG_YELLOW = 2;
export const RAG_GREEN = 3;

export type RagCode = typeof RAG_UNSCORED | typeof RAG_RED | typeof RAG_YELLOW | typeof RAG_GREEN;

export const RAG_NAMES = ['unscored', 'red', 'yellow', 'green'] as const;

export type RagName = (typeof RAG_NAMES)[number];

export type BandName = Exclude<RagName, 'unscored'>;

/** The band code of a final score: green at or above greenFrom, yellow at or above yellowFrom, else red; NaN is unscored. */
export function ragCode(score: number, rag: ModelConfig['rag']): RagCode {
  if (Number.isNaN(score)) return RAG_UNSCORED;
  if (score >= rag.greenFrom) return RAG_GREEN;
  if (score >= rag.yellowFrom) return RAG_YELLOW;
  return RAG_RED;
}

/** The name of a band code, `unscored` for 0. */
export function ragName(code: number): RagName {
  return RAG_NAMES[code] ?? 'unscored';
}

export interface Escalation {
  /** Who is told. */
  readonly notify: string;
  /** Within how many hours of the account entering the band. */
  readonly withinHours: number;
}

export interface Playbook {
  readonly band: BandName;
  readonly label: string;
  readonly meaning: string;
  readonly action: string;
  readonly cadence: string;
  /** The longest gap between two check-ins the cadence allows. */
  readonly maxDaysBetweenCheckIns: number;
  /** Null when the band needs no escalation. */
  readonly escalation: Escalation | null;
}

export const PLAYBOOKS: Readonly<Record<BandName, Playbook>> = {
  green: {
    band: 'green',
    label: 'Healthy',
    meaning: 'Achieving outcomes, usage stable or growing, engagement strong.',
    action: 'Focus on expansion and advocacy, and deepen adoption.',
    cadence: 'Monthly or quarterly check-ins',
    maxDaysBetweenCheckIns: 92,
    escalation: null,
  },
  yellow: {
    band: 'yellow',
    label: 'At risk',
    meaning: 'One or more layers declining; early warning signals present.',
    action: 'Find the root cause and plan an intervention.',
    cadence: 'Biweekly proactive outreach',
    maxDaysBetweenCheckIns: 14,
    escalation: { notify: 'Raised in the team standup', withinHours: 48 },
  },
  red: {
    band: 'red',
    label: 'Critical',
    meaning: 'Several layers declining; active churn signals present.',
    action: 'Run the save play now.',
    cadence: 'Weekly check-ins at least',
    maxDaysBetweenCheckIns: 7,
    escalation: { notify: 'Manager and VP told', withinHours: 24 },
  },
};

/** The playbook of a band code, or undefined for an unscored account. */
export function playbookFor(code: number): Playbook | undefined {
  const name = ragName(code);
  return name === 'unscored' ? undefined : PLAYBOOKS[name];
}
