import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL } from './config.ts';
import {
  PLAYBOOKS,
  RAG_GREEN,
  RAG_RED,
  RAG_UNSCORED,
  RAG_YELLOW,
  playbookFor,
  ragCode,
  ragName,
} from './rag.ts';

describe('ragCode', () => {
  const band = (score: number) => ragCode(score, DEFAULT_MODEL.rag);

  it('is green from 70, yellow from 40, red below', () => {
    expect(band(100)).toBe(RAG_GREEN);
    expect(band(70)).toBe(RAG_GREEN);
    expect(band(69.9)).toBe(RAG_YELLOW);
    expect(band(40)).toBe(RAG_YELLOW);
    expect(band(39.9)).toBe(RAG_RED);
    expect(band(0)).toBe(RAG_RED);
  });

  it('keeps an unscored account out of every band', () => {
    expect(band(Number.NaN)).toBe(RAG_UNSCORED);
    expect(ragName(band(Number.NaN))).toBe('unscored');
  });

  it('follows edited thresholds', () => {
    expect(ragCode(75, { greenFrom: 80, yellowFrom: 50 })).toBe(RAG_YELLOW);
    expect(ragCode(49.9, { greenFrom: 80, yellowFrom: 50 })).toBe(RAG_RED);
  });
});

describe('playbooks', () => {
  it('names each band', () => {
    expect([0, 1, 2, 3].map(ragName)).toEqual(['unscored', 'red', 'yellow', 'green']);
  });

  it('carries the action, cadence and escalation of each band', () => {
    expect(PLAYBOOKS.green.escalation).toBeNull();
    expect(PLAYBOOKS.green.maxDaysBetweenCheckIns).toBe(92);
    expect(PLAYBOOKS.green.action).toMatch(/expansion/i);
    expect(PLAYBOOKS.yellow.escalation).toEqual({
      notify: 'Raised in the team standup',
      withinHours: 48,
    });
    expect(PLAYBOOKS.yellow.maxDaysBetweenCheckIns).toBe(14);
    expect(PLAYBOOKS.red.escalation).toEqual({ notify: 'Manager and VP told', withinHours: 24 });
    expect(PLAYBOOKS.red.maxDaysBetweenCheckIns).toBe(7);
    expect(PLAYBOOKS.red.action).toMatch(/save play/i);
  });

  it('has no playbook for an unscored account', () => {
    expect(playbookFor(RAG_UNSCORED)).toBeUndefined();
    expect(playbookFor(RAG_RED)?.band).toBe('red');
  });
});
