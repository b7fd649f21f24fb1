/**
 * The people of one simulated account: the contacts the CSM deals with (champion,
 * exec sponsor, admins, users) and the product's named users. Both come and go;
 * departures are memoryless, and whether a leaver is replaced depends on health.
 */
import { LEVELS_BY_ROLE, type ContactRole } from './catalog.ts';
import type { ContactRecord, UserRecord } from './history.ts';
import { MODEL, type SegmentProfile } from './parameters.ts';
import type { AccountPlan } from './plan.ts';
import { logistic, type SeededRandom } from './random.ts';
import { sentimentOf } from './touchpoints.ts';

const { people: PEOPLE, users: USERS } = MODEL;

interface Arrival {
  readonly day: number;
  readonly role: ContactRole;
}

export class Roster {
  readonly contacts: ContactRecord[] = [];
  readonly users: UserRecord[] = [];
  /** Users with a seat today. */
  activeUsers: UserRecord[] = [];
  /** The day the last active champion left, while no successor has arrived. */
  championGoneSince: number | null = null;
  /** When the current exec sponsor started (a new sponsor unsettles the account for a while). */
  execStartedOn = -Infinity;

  private readonly contactArrivals: Arrival[] = [];
  private readonly userArrivals: number[] = [];

  constructor(
    private readonly plan: AccountPlan,
    private readonly profile: SegmentProfile,
    private readonly random: SeededRandom,
    /** First simulated day. */
    private readonly from: number,
  ) {}

  /** The people in place when the simulation starts (or who arrive during onboarding). */
  seed(isNew: boolean): void {
    const { contractStart } = this.plan;
    const signedOn = (): number =>
      isNew
        ? contractStart - this.random.integer(0, 60)
        : Math.max(contractStart - 90, this.from - this.random.integer(30, 900));
    const joinedOn = (): number =>
      isNew ? contractStart + this.random.integer(0, 45) : signedOn();

    if (this.plan.hasChampion) this.addContact('champion', signedOn());
    if (this.random.chance(this.profile.execSponsorShare)) {
      this.addContact('exec_sponsor', signedOn());
    }
    const admins = this.random.integer(...this.profile.admins);
    for (let admin = 0; admin < admins; admin += 1) this.addContact('admin', joinedOn());
    const endUsers = this.random.integer(...this.profile.endUsers);
    for (let user = 0; user < endUsers; user += 1) this.addContact('user', joinedOn());

    const seated = Math.round(this.plan.seats * this.random.uniform(...USERS.seatFill));
    for (let slot = 0; slot < Math.max(1, seated); slot += 1) {
      this.addUser(
        isNew
          ? contractStart + Math.floor(this.random.exponential(USERS.onboardingDays))
          : this.from - this.random.integer(1, 600),
      );
    }
  }

  activeContacts(day: number): ContactRecord[] {
    return this.contacts.filter((contact) => contact.startedOn <= day && contact.leftOn > day);
  }

  /** One day of comings and goings; `leaving` is true while the account winds down. */
  update(day: number, health: number, leaving: boolean): void {
    for (const contact of this.contacts) {
      if (contact.leftOn === day) this.contactLeft(contact, day);
    }
    for (const arrival of this.contactArrivals) {
      if (arrival.day === day) this.addContact(arrival.role, day);
    }
    if (health > 0 && this.random.chance(PEOPLE.newContact)) {
      this.addContact(this.random.chance(0.7) ? 'user' : 'admin', day);
    }

    const staying: UserRecord[] = [];
    for (const user of this.activeUsers) {
      if (user.leaveDay > day) {
        staying.push(user);
        continue;
      }
      const replaceChance = logistic(1 + 1.5 * health) * (leaving ? 0.3 : 1);
      if (!user.abandoning && this.random.chance(replaceChance)) {
        this.userArrivals.push(day + this.random.integer(5, 45));
      }
    }
    this.activeUsers = staying;
    for (const arrival of this.userArrivals) if (arrival === day) this.addUser(day);
  }

  /** Follows a change of contract size: removes users beyond the new seats, or hires for the new ones. */
  resize(day: number, seatsBefore: number, seatsAfter: number): void {
    if (seatsAfter < seatsBefore) {
      const excess = this.activeUsers.length - seatsAfter;
      for (let removed = 0; removed < excess; removed += 1) {
        const user = this.random.pick(this.activeUsers);
        user.leaveDay = day;
        this.activeUsers = this.activeUsers.filter((candidate) => candidate !== user);
      }
      return;
    }
    const hires = Math.round((seatsAfter - seatsBefore) * this.random.uniform(...USERS.seatFill));
    for (let hire = 0; hire < hires; hire += 1) {
      this.userArrivals.push(day + this.random.integer(1, 60));
    }
  }

  /** After a decision to leave, about a third of the users drift away before the renewal. */
  abandon(day: number, lead: number): void {
    for (const user of this.activeUsers) {
      if (this.random.chance(0.35)) {
        user.leaveDay = Math.min(user.leaveDay, day + this.random.integer(1, lead));
        user.abandoning = true;
      }
    }
  }

  /** After a save, users who were drifting away stay after all. */
  revive(day: number): void {
    for (const user of this.activeUsers) {
      if (!user.abandoning) continue;
      user.abandoning = false;
      user.leaveDay = day + 1 + Math.floor(this.random.exponential(1 / USERS.turnover));
    }
  }

  /** Closes the roster at the last active day; contacts get the sentiment of their last day. */
  finish(lastActiveDay: number, healthOn: (day: number) => number): void {
    for (const user of this.users) user.leaveDay = Math.min(user.leaveDay, lastActiveDay + 1);
    for (const contact of this.contacts) {
      const lastDay = Math.min(contact.leftOn - 1, lastActiveDay);
      contact.sentiment = this.random.chance(0.15)
        ? null
        : sentimentOf(this.random, healthOn(lastDay), 0.6);
    }
  }

  private contactLeft(contact: ContactRecord, day: number): void {
    if (contact.role === 'champion') {
      const successor = this.activeContacts(day).some((other) => other.role === 'champion');
      if (!successor) this.championGoneSince = day;
      if (this.random.chance(PEOPLE.championReplaced)) {
        const gap = this.random.integer(...PEOPLE.championGap);
        this.contactArrivals.push({ day: day + gap, role: 'champion' });
      }
    } else if (this.random.chance(PEOPLE.otherReplaced)) {
      const gap = this.random.integer(...PEOPLE.otherGap);
      this.contactArrivals.push({ day: day + gap, role: contact.role });
    }
  }

  private addContact(role: ContactRole, startedOn: number): void {
    const hazard =
      role === 'champion'
        ? PEOPLE.championLeaves
        : role === 'exec_sponsor'
          ? PEOPLE.execLeaves
          : PEOPLE.otherLeaves;
    // Tenures are memoryless, so a contact already in place when the simulation starts
    // leaves after a fresh exponential draw counted from that day.
    const leftOn =
      Math.max(startedOn, this.from) + 1 + Math.floor(this.random.exponential(1 / hazard));
    this.contacts.push({
      id: `${this.plan.id}-C${String(this.contacts.length + 1).padStart(2, '0')}`,
      role,
      level: this.random.weighted(LEVELS_BY_ROLE[role]),
      startedOn,
      leftOn,
      sentiment: null,
    });
    if (role === 'exec_sponsor') this.execStartedOn = startedOn;
    if (role === 'champion' && startedOn >= this.from) this.championGoneSince = null;
  }

  private addUser(joinDay: number): void {
    const kind = this.random.weighted({
      power: USERS.kinds.power.share,
      regular: USERS.kinds.regular.share,
      occasional: USERS.kinds.occasional.share,
    });
    const profile = USERS.kinds[kind];
    const tenure = Math.floor(this.random.exponential(1 / USERS.turnover));
    const user: UserRecord = {
      id: `${this.plan.id}-U${String(this.users.length + 1).padStart(3, '0')}`,
      activity: profile.activity * this.random.uniform(0.8, 1.2),
      events: this.random.logNormal(profile.events, 0.4),
      workflowRate: this.random.uniform(0.04, 0.18),
      recordRate: this.random.uniform(0.15, 0.6),
      joinDay,
      leaveDay: Math.max(joinDay, this.from) + 1 + tenure,
      abandoning: false,
    };
    this.users.push(user);
    this.activeUsers.push(user);
  }
}
