/**
 * Times buildSignalMatrix on synthetic data generated inside DuckDB: by default
 * 50,000 accounts × 730 days of daily per-user usage, plus emails, meetings,
 * tickets, contacts and escalations, scored at month ends.
 *
 *   npx tsx scripts/bench-signals.ts [accounts] [days] [threads]
 *
 * The data are a deterministic function of the row numbers (hash), so runs compare.
 */
import { INTEGER } from '@duckdb/node-api';
import { buildSignalMatrix } from '../db/signals.ts';
import { periodEnds } from '../db/snapshots.ts';
import { openWorkspace } from '../db/workspace.ts';

const accounts = Number(process.argv[2] ?? 50_000);
const days = Number(process.argv[3] ?? 730);
const threads = Number(process.argv[4] ?? 2);
const firstDay = 19_723; // 2024-01-01

const GENERATE = [
  // Accounts: 1-8 users each, some churned along the way.
  `INSERT INTO accounts (account_id, contract_start, paid_seats, churned_on)
   SELECT 'acct-' || lpad(i::VARCHAR, 6, '0'),
     DATE '1970-01-01' + ($first_day - 30 + hash(i, 'start') % 200)::INTEGER,
     1 + hash(i, 'seats') % 8,
     CASE WHEN hash(i, 'churn') % 5 = 0
       THEN DATE '1970-01-01' + ($first_day + 200 + hash(i, 'when') % ($days - 200))::INTEGER END
   FROM range($accounts) r(i)`,
  // Usage: every user of every account, active on about 60 % of days.
  `INSERT INTO usage (account_id, user_id, date, events, records_created, api_calls)
   SELECT 'acct-' || lpad(a::VARCHAR, 6, '0'), 'user-' || u::VARCHAR,
     DATE '1970-01-01' + ($first_day + d)::INTEGER,
     1 + hash(a, u, d) % 40, hash(a, u, d, 'r') % 5, hash(a, u, d, 'api') % 3
   FROM range($accounts) ra(a), range(8) ru(u), range($days) rd(d)
   WHERE u < 1 + hash(a, 'seats') % 8 AND hash(a, u, d, 'on') % 10 < 6`,
  // Emails: about one a week per account; a fifth unanswered.
  `INSERT INTO emails (account_id, contact_id, sent_at, replied_at)
   SELECT 'acct-' || lpad(a::VARCHAR, 6, '0'), 'c' || (e % 3)::VARCHAR, sent,
     CASE WHEN hash(a, e, 'reply') % 5 > 0
       THEN sent + to_hours((hash(a, e, 'h') % 120)::BIGINT) END
   FROM (SELECT a, e, TIMESTAMP '1970-01-01' + to_hours((($first_day + e * 7) * 24
           + hash(a, e) % 160)::BIGINT) AS sent
         FROM range($accounts) ra(a), range($days // 7) re(e))`,
  // Meetings: about two a month.
  `INSERT INTO meetings (account_id, contact_id, scheduled_at, kind, attended, participation)
   SELECT 'acct-' || lpad(a::VARCHAR, 6, '0'), 'c' || (m % 3)::VARCHAR,
     TIMESTAMP '1970-01-01' + to_hours((($first_day + m * 15) * 24 + 9)::BIGINT),
     ['qbr', 'csm_call', 'training', 'webinar', 'other'][(1 + hash(a, m) % 5)::INTEGER],
     hash(a, m, 'att') % 4 > 0, ['active', 'passive', 'absent'][(1 + hash(a, m, 'p') % 3)::INTEGER]
   FROM range($accounts) ra(a), range($days // 15) rm(m)`,
  // Tickets: about one a month.
  `INSERT INTO tickets (account_id, ticket_id, opened_at, sentiment)
   SELECT 'acct-' || lpad(a::VARCHAR, 6, '0'), a::VARCHAR || '-' || k::VARCHAR,
     TIMESTAMP '1970-01-01' + to_hours((($first_day + k * 30) * 24 + hash(a, k) % 600)::BIGINT),
     ['positive', 'neutral', 'negative'][(1 + hash(a, k, 's') % 3)::INTEGER]
   FROM range($accounts) ra(a), range($days // 30) rk(k)`,
  // Contacts: three per account, the first a champion, the second an exec sponsor.
  `INSERT INTO contacts (account_id, contact_id, role, level, started_on, left_on, sentiment)
   SELECT 'acct-' || lpad(a::VARCHAR, 6, '0'), 'c' || c::VARCHAR,
     ['champion', 'exec_sponsor', 'user'][1 + c], ['manager', 'vp', 'ic'][1 + c],
     DATE '1970-01-01' + ($first_day + hash(a, c) % 300)::INTEGER,
     CASE WHEN hash(a, c, 'left') % 4 = 0
       THEN DATE '1970-01-01' + ($first_day + 300 + hash(a, c, 'l') % 300)::INTEGER END,
     ['positive', 'neutral', 'negative'][(1 + hash(a, c, 's') % 3)::INTEGER]
   FROM range($accounts) ra(a), range(3) rc(c)`,
  // Escalations: one account in ten has one, resolved after a month.
  `INSERT INTO escalations (account_id, opened_at, resolved_at)
   SELECT 'acct-' || lpad(a::VARCHAR, 6, '0'),
     TIMESTAMP '1970-01-01' + to_hours((($first_day + hash(a) % $days) * 24)::BIGINT),
     TIMESTAMP '1970-01-01' + to_hours((($first_day + hash(a) % $days + 30) * 24)::BIGINT)
   FROM range($accounts) ra(a) WHERE hash(a, 'esc') % 10 = 0`,
  `INSERT INTO dataset_tables
   SELECT table_name, 'synthetic', 0 FROM (VALUES ('accounts'), ('usage'), ('emails'),
     ('meetings'), ('tickets'), ('contacts'), ('escalations')) t(table_name)`,
];

async function main(): Promise<void> {
  const workspace = await openWorkspace(':memory:');
  await workspace.connection.run(`SET threads = ${threads}`);
  const parameters = { accounts, days, first_day: firstDay };
  const types = { accounts: INTEGER, days: INTEGER, first_day: INTEGER };

  let started = performance.now();
  for (const statement of GENERATE) {
    const used = Object.fromEntries(
      Object.entries(parameters).filter(([name]) => statement.includes(`$${name}`)),
    );
    await workspace.connection.run(statement, used, types);
  }
  const count = await workspace.connection.runAndReadAll('SELECT count(*)::DOUBLE FROM usage');
  console.log(
    `generated ${accounts} accounts, ${String(count.getRows()[0]?.[0])} usage rows ` +
      `in ${Math.round(performance.now() - started)} ms`,
  );

  const asOfDates = periodEnds({ start: firstDay, end: firstDay + days - 1 }, 'month');
  started = performance.now();
  const matrix = await buildSignalMatrix(workspace, asOfDates, {
    onProgress: ({ step, done, total }) =>
      console.log(`  ${done}/${total} ${step}: ${Math.round(performance.now() - started)} ms`),
  });
  console.log(
    `signal matrix: ${matrix.accountIndex.length} rows × ${asOfDates.length} as-of dates ` +
      `in ${Math.round(performance.now() - started)} ms on ${threads} threads`,
  );
  workspace.close();
}

await main();
