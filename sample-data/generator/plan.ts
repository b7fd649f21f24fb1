/**
 * The static attributes of one generated account, drawn before its history is
 * simulated: segment, contract, seats, price, long-run health, and which data the
 * account will leave behind (tracked contacts, survey answers, community).
 */
import { SeededRandom } from './random.ts';
import { CSM_TEAMS, companyName, type Segment } from './catalog.ts';
import { MODEL, SEGMENTS } from './parameters.ts';

/** The span of the exported data, as inclusive day numbers. */
export interface DataWindow {
  readonly start: number;
  readonly end: number;
}

/** How the contract counts seats: a number, an empty cell, or 0 (both mean "no seats"). */
export type SeatCount = 'counted' | 'empty' | 'zero';

export interface AccountPlan {
  readonly index: number;
  readonly id: string;
  readonly name: string;
  readonly segment: Segment;
  readonly csmOwner: string | null;
  readonly contractStart: number;
  readonly termMonths: number;
  /** Seats at signature; for a seatless contract, the number of users it was sized for. */
  readonly seats: number;
  readonly seatCount: SeatCount;
  readonly pricePerSeat: number;
  readonly platformFee: number;
  /** Long-run latent health, the level that the daily health reverts to. */
  readonly baseHealth: number;
  readonly hasChampion: boolean;
  readonly tracksContacts: boolean;
  readonly surveyed: boolean;
  readonly communityMember: boolean;
  readonly webinarRegistered: boolean;
  /** Mean API calls per working day at full engagement; 0 for accounts that never call it. */
  readonly apiVolume: number;
}

/** The account key for `index` (0-based): `ACC-00001`, widened when there are more accounts. */
export function accountId(index: number, total: number): string {
  const width = Math.max(5, String(total).length);
  return `ACC-${String(index + 1).padStart(width, '0')}`;
}

/** Draws the plan of account `index` of `total` from its own random stream. */
export function planAccount(
  seed: number,
  index: number,
  total: number,
  window: DataWindow,
): AccountPlan {
  const random = new SeededRandom(seed, 'plan', index);
  const segment = random.weighted<Segment>({
    SMB: SEGMENTS.SMB.share,
    'Mid-Market': SEGMENTS['Mid-Market'].share,
    Enterprise: SEGMENTS.Enterprise.share,
  });
  const profile = SEGMENTS[segment];

  const existing = random.chance(MODEL.existingShare);
  const contractStart = existing
    ? window.start - random.integer(1, MODEL.existingTenureDays)
    : window.start + random.integer(0, window.end - window.start - MODEL.lastJoinMargin);

  // Seat counts are spread evenly on a log scale: many small contracts, few large ones.
  const [fewest, most] = profile.seats;
  const seats = Math.round(Math.exp(random.uniform(Math.log(fewest), Math.log(most + 0.5))));
  const seatless = random.chance(profile.seatlessShare);

  return {
    index,
    id: accountId(index, total),
    name: companyName(index),
    segment,
    csmOwner: random.chance(profile.namedCsmShare) ? random.pick(CSM_TEAMS[segment]) : null,
    contractStart,
    termMonths: random.chance(profile.twoYearShare) ? 24 : 12,
    seats,
    seatCount: seatless ? (random.chance(0.5) ? 'empty' : 'zero') : 'counted',
    pricePerSeat: 10 * Math.round(random.uniform(...profile.pricePerSeat) / 10),
    platformFee: 100 * Math.round(random.uniform(...profile.platformFee) / 100),
    baseHealth: MODEL.health.mean + profile.healthOffset + MODEL.health.spread * random.normal(),
    hasChampion: random.chance(MODEL.people.championAtStart),
    tracksContacts: random.chance(MODEL.people.tracked),
    surveyed: random.chance(MODEL.activity.npsSurveyed),
    communityMember: random.chance(MODEL.activity.communityMember),
    webinarRegistered: random.chance(MODEL.activity.webinarRegistered),
    apiVolume: random.chance(profile.apiShare)
      ? random.logNormal(MODEL.activity.apiCallsPerDay, 0.8)
      : 0,
  };
}
