import { afterEach, describe, expect, it } from 'vitest';
import { parseIsoDate } from '../core/dates.ts';
import { insertRows, seedWorkspace } from '../test/fixtures/signals/seed.ts';
import { dataEnd, dataRange, periodEnd, periodEnds, snapshotSchedule } from './snapshots.ts';
import type { Workspace } from './workspace.ts';

const day = (iso: string): number => parseIsoDate(iso)!;

const opened: Workspace[] = [];
afterEach(() => {
  for (const workspace of opened.splice(0)) workspace.close();
});

describe('periodEnd', () => {
  it('ends months on their last day, leap February included', () => {
    expect(periodEnd(day('2024-02-10'), 'month')).toBe(day('2024-02-29'));
    expect(periodEnd(day('2023-02-28'), 'month')).toBe(day('2023-02-28'));
  });

  it('ends weeks on Sunday (weeks run Monday to Sunday)', () => {
    // 2024-03-31 was a Sunday, 2024-04-01 a Monday, 1970-01-01 a Thursday.
    expect(periodEnd(day('2024-03-31'), 'week')).toBe(day('2024-03-31'));
    expect(periodEnd(day('2024-04-01'), 'week')).toBe(day('2024-04-07'));
    expect(periodEnd(day('1970-01-01'), 'week')).toBe(day('1970-01-04'));
    expect(periodEnd(day('1969-12-29'), 'week')).toBe(day('1970-01-04'));
  });

  it('ends quarters on 31 March, 30 June, 30 September and 31 December', () => {
    expect(periodEnd(day('2024-05-15'), 'quarter')).toBe(day('2024-06-30'));
    expect(periodEnd(day('2024-10-01'), 'quarter')).toBe(day('2024-12-31'));
    expect(periodEnd(day('2024-12-31'), 'quarter')).toBe(day('2024-12-31'));
  });
});

describe('periodEnds', () => {
  const span = (start: string, end: string) => ({ start: day(start), end: day(end) });

  it('starts with the first period the data fully covers and stops at the data end', () => {
    expect(periodEnds(span('2024-01-01', '2024-04-15'), 'month')).toEqual(
      ['2024-01-31', '2024-02-29', '2024-03-31'].map(day),
    );
    // January is not full when the data starts on the 2nd; March ends on the data's last day.
    expect(periodEnds(span('2024-01-02', '2024-03-31'), 'month')).toEqual(
      ['2024-02-29', '2024-03-31'].map(day),
    );
    expect(periodEnds(span('2024-01-02', '2024-03-30'), 'month')).toEqual([day('2024-02-29')]);
  });

  it('takes Sundays of full weeks and quarter ends of full quarters', () => {
    // 2024-01-01 is a Monday: its week is full. From Tuesday the 2nd the first full week ends on the 14th.
    expect(periodEnds(span('2024-01-01', '2024-01-20'), 'week')).toEqual(
      ['2024-01-07', '2024-01-14'].map(day),
    );
    expect(periodEnds(span('2024-01-02', '2024-01-21'), 'week')).toEqual(
      ['2024-01-14', '2024-01-21'].map(day),
    );
    expect(periodEnds(span('2024-01-01', '2024-12-30'), 'quarter')).toEqual(
      ['2024-03-31', '2024-06-30', '2024-09-30'].map(day),
    );
  });

  it('keeps only the dates within the optional range, both ends included', () => {
    const range = { from: day('2024-02-29'), to: day('2024-03-30') };
    expect(periodEnds(span('2024-01-01', '2024-06-30'), 'month', range)).toEqual([
      day('2024-02-29'),
    ]);
    expect(
      periodEnds(span('2024-01-01', '2024-06-30'), 'month', { to: day('2024-01-31') }),
    ).toEqual([day('2024-01-31')]);
  });

  it('is empty when the data holds no full period', () => {
    expect(periodEnds(span('2024-01-02', '2024-01-31'), 'month')).toEqual([]);
  });
});

describe('dataRange and snapshotSchedule', () => {
  async function workspace(): Promise<Workspace> {
    const seeded = await seedWorkspace({
      accounts: [
        { account_id: 'A', contract_start: '2019-06-01', churned_on: '2024-03-25' },
        { account_id: 'B', contract_start: '2019-06-01', renewal_date: '2026-01-01' },
      ],
      usage: [
        { account_id: 'A', user_id: 'u', date: '2024-01-05', events: 1 },
        { account_id: 'B', user_id: 'u', date: '2024-03-10', events: 1 },
      ],
      tickets: [{ account_id: 'B', ticket_id: 'k', opened_at: '2024-03-20 10:00:00' }],
      contacts: [{ account_id: 'B', contact_id: 'c', started_on: '2020-01-01' }],
      renewals: [{ account_id: 'B', renewal_date: '2025-01-01', outcome: 'pending' }],
    });
    // Rows of a table the dataset did not provide never count.
    await insertRows(seeded, 'nps', [
      { account_id: 'B', responded_at: '2024-06-01 10:00:00', score: 9 },
    ]);
    opened.push(seeded);
    return seeded;
  }

  it('spans from the first usage day to the last dated fact, renewal dates excluded', async () => {
    // Start: usage 2024-01-05 (not the 2019 contract starts nor the 2020 contact).
    // End: churned_on 2024-03-25, after the ticket of 03-20 and usage of 03-10; not the
    // renewal dates of 2025 and 2026, nor the nps row of an absent table.
    const seeded = await workspace();
    expect(await dataRange(seeded)).toEqual({ start: day('2024-01-05'), end: day('2024-03-25') });
    expect(await dataEnd(seeded)).toBe(day('2024-03-25'));
  });

  it('schedules month ends by default, and Sundays or quarter ends on request', async () => {
    const seeded = await workspace();
    // January is not full (data from the 5th); 2024-03-31 is after the data end.
    expect(await snapshotSchedule(seeded)).toEqual([day('2024-02-29')]);
    // First full week: Monday 01-08 to Sunday 01-14; last Sunday on or before 03-25: 03-24.
    const sundays = await snapshotSchedule(seeded, 'week');
    expect(sundays[0]).toBe(day('2024-01-14'));
    expect(sundays.at(-1)).toBe(day('2024-03-24'));
    expect(sundays).toHaveLength(11);
    expect(await snapshotSchedule(seeded, 'quarter')).toEqual([]);
    expect(await snapshotSchedule(seeded, 'week', { from: day('2024-03-11') })).toEqual(
      ['2024-03-17', '2024-03-24'].map(day),
    );
  });

  it('has no range and no schedule without usage rows', async () => {
    const seeded = await seedWorkspace({
      accounts: [{ account_id: 'A', contract_start: '2024-01-01' }],
      usage: [],
    });
    opened.push(seeded);
    expect(await dataRange(seeded)).toBeUndefined();
    expect(await snapshotSchedule(seeded)).toEqual([]);
    expect(await dataEnd(seeded)).toBeNaN();
  });
});
