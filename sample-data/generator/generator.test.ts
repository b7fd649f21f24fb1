/** Unit tests of the generator's building blocks: the random source, calendar and CSV helpers. */
import { describe, expect, it } from 'vitest';
import { parseIsoDate } from '../../core/dates.ts';
import { addMonths, formatMinute, isWeekend, nextWorkday, weekday, yearOf } from './calendar.ts';
import { companyName } from './catalog.ts';
import { accountId } from './plan.ts';
import { logistic, SeededRandom } from './random.ts';
import { csvField, sqlString } from './writers.ts';

function day(text: string): number {
  const value = parseIsoDate(text);
  if (value === undefined) throw new Error(text);
  return value;
}

function draws(
  random: SeededRandom,
  count: number,
  draw: (random: SeededRandom) => number,
): number[] {
  return Array.from({ length: count }, () => draw(random));
}

const mean = (values: readonly number[]): number =>
  values.reduce((sum, value) => sum + value, 0) / values.length;

describe('SeededRandom', () => {
  it('repeats a stream for the same seed and labels, and differs for other labels', () => {
    const first = draws(new SeededRandom(7, 'plan', 3), 50, (random) => random.next());
    const again = draws(new SeededRandom(7, 'plan', 3), 50, (random) => random.next());
    const otherLabel = draws(new SeededRandom(7, 'plan', 4), 50, (random) => random.next());
    const otherSeed = draws(new SeededRandom(8, 'plan', 3), 50, (random) => random.next());
    expect(again).toEqual(first);
    expect(otherLabel).not.toEqual(first);
    expect(otherSeed).not.toEqual(first);
  });

  it('draws uniforms in [0, 1) and whole numbers covering both ends of their range', () => {
    const random = new SeededRandom(1, 'range');
    const uniforms = draws(random, 20_000, (source) => source.next());
    expect(Math.min(...uniforms)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...uniforms)).toBeLessThan(1);
    // The mean of 20,000 uniforms has standard error sqrt(1/12 / 20000) ≈ 0.002.
    expect(Math.abs(mean(uniforms) - 0.5)).toBeLessThan(0.01);

    const dice = new Set(draws(random, 2_000, (source) => source.integer(1, 6)));
    expect([...dice].sort()).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('matches the means and spreads of its distributions', () => {
    const random = new SeededRandom(2, 'moments');
    const count = 20_000;
    // Standard errors: Poisson(3) sqrt(3/20000) ≈ 0.012; Poisson(20) ≈ 0.032; normal 0.007.
    expect(Math.abs(mean(draws(random, count, (source) => source.poisson(3))) - 3)).toBeLessThan(
      0.06,
    );
    expect(Math.abs(mean(draws(random, count, (source) => source.poisson(20))) - 20)).toBeLessThan(
      0.15,
    );
    expect(random.poisson(0)).toBe(0);
    const normals = draws(random, count, (source) => source.normal());
    expect(Math.abs(mean(normals))).toBeLessThan(0.035);
    const variance = mean(normals.map((value) => value * value));
    expect(Math.abs(variance - 1)).toBeLessThan(0.05);
    // Binomial(10, 0.3) has mean 3; Binomial(100, 0.3) (normal branch) has mean 30.
    expect(
      Math.abs(mean(draws(random, count, (source) => source.binomial(10, 0.3))) - 3),
    ).toBeLessThan(0.06);
    const wide = draws(random, count, (source) => source.binomial(100, 0.3));
    expect(Math.abs(mean(wide) - 30)).toBeLessThan(0.2);
    expect(Math.max(...wide)).toBeLessThanOrEqual(100);
    expect(random.binomial(5, 1)).toBe(5);
    expect(random.binomial(5, 0)).toBe(0);
  });

  it('picks weighted keys in proportion and never a zero-weight key', () => {
    const random = new SeededRandom(3, 'weights');
    const picks = draws(random, 10_000, (source) =>
      source.weighted({ often: 3, rarely: 1, never: 0 }) === 'often' ? 1 : 0,
    );
    // Expected share 3/4; standard error sqrt(0.75 * 0.25 / 10000) ≈ 0.004.
    expect(Math.abs(mean(picks) - 0.75)).toBeLessThan(0.02);
    const keys = new Set(
      draws(random, 2_000, (source) => (source.weighted({ a: 1, b: 0 }) === 'a' ? 1 : 0)),
    );
    expect([...keys]).toEqual([1]);
  });

  it('has a logistic that is one half at zero and symmetric', () => {
    expect(logistic(0)).toBe(0.5);
    expect(logistic(2) + logistic(-2)).toBeCloseTo(1, 12);
  });
});

describe('calendar', () => {
  it('adds months, clamping to the end of shorter months', () => {
    expect(addMonths(day('2024-01-31'), 1)).toBe(day('2024-02-29'));
    expect(addMonths(day('2023-01-31'), 1)).toBe(day('2023-02-28'));
    expect(addMonths(day('2024-02-29'), 12)).toBe(day('2025-02-28'));
    expect(addMonths(day('2023-12-15'), 1)).toBe(day('2024-01-15'));
    expect(addMonths(day('2023-03-31'), 24)).toBe(day('2025-03-31'));
  });

  it('knows weekdays: 1970-01-01 was a Thursday, 2023-01-01 a Sunday', () => {
    expect(weekday(0)).toBe(4);
    expect(weekday(day('2023-01-01'))).toBe(0);
    expect(weekday(day('2023-01-04'))).toBe(3);
    expect(isWeekend(day('2023-01-07'))).toBe(true);
    expect(isWeekend(day('2023-01-06'))).toBe(false);
    expect(nextWorkday(day('2023-01-01'))).toBe(day('2023-01-02'));
    expect(nextWorkday(day('2023-01-05'))).toBe(day('2023-01-05'));
    expect(weekday(-1)).toBe(3);
  });

  it('formats minutes as UTC timestamps and finds the year of a day', () => {
    expect(formatMinute(0)).toBe('1970-01-01T00:00:00Z');
    expect(formatMinute(day('2024-02-29') * 1440 + 9 * 60 + 5)).toBe('2024-02-29T09:05:00Z');
    expect(formatMinute(day('2024-12-31') * 1440 + 1439)).toBe('2024-12-31T23:59:00Z');
    expect(yearOf(day('2024-12-31'))).toBe(2024);
    expect(yearOf(day('2025-01-01'))).toBe(2025);
  });
});

describe('names and text', () => {
  it('gives the first 6,400 accounts distinct company names, and numbers the next round', () => {
    const names = new Set(Array.from({ length: 6400 }, (_, index) => companyName(index)));
    expect(names.size).toBe(6400);
    expect(companyName(6400)).toBe(`${companyName(0)} 2`);
  });

  it('pads account ids to five digits, or wider for larger datasets', () => {
    expect(accountId(0, 400)).toBe('ACC-00001');
    expect(accountId(49_999, 50_000)).toBe('ACC-50000');
    expect(accountId(0, 100_000)).toBe('ACC-000001');
  });

  it('quotes CSV fields only when needed, and doubles quotes in SQL literals', () => {
    expect(csvField(null)).toBe('');
    expect(csvField(true)).toBe('true');
    expect(csvField(12.5)).toBe('12.5');
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(sqlString("it's")).toBe("'it''s'");
    expect(sqlString('/tmp/plain')).toBe("'/tmp/plain'");
  });
});
