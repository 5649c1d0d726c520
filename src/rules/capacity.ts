/**
 * Seats, the waiting list and who may register to what. Pure: the in-memory backend calls these
 * functions and the server mirrors them, so both decide the same way from the same registrations.
 */
import type { Availability, SessionAvailability } from '../model/availability.js';
import type { Cycle } from '../model/cycle.js';
import type { Participant } from '../model/participant.js';
import type { Registration, RegistrationRequest, RegistrationStatus } from '../model/registration.js';
import type { Session } from '../model/session.js';
import { audienceOf } from './lookup.js';

/** Whether a participant comes as an agent or as an elected official, from their function. */
export type ParticipantKind = 'agent' | 'elected-official';

export function participantKind(participant: Pick<Participant, 'function'>): ParticipantKind {
  return participant.function === 'elected-official' ? 'elected-official' : 'agent';
}

/** A session's seats: its own capacity, else the cycle's; `undefined` means unlimited. */
export function sessionCapacity(cycle: Pick<Cycle, 'capacity'>, session: Pick<Session, 'capacity'>): number | undefined {
  return session.capacity ?? cycle.capacity;
}

/** Emails are compared without case or surrounding spaces: `Anne.Martin@x.fr` is `anne.martin@x.fr`. */
const emailKey = (email: string) => email.trim().toLowerCase();

type CycleRef = Pick<Cycle, 'id' | 'capacity' | 'sessions'>;

/** The cycle's registrations that hold or wait for a seat. */
const active = (cycle: Pick<Cycle, 'id'>, registrations: readonly Registration[]) =>
  registrations.filter((r) => r.cycleId === cycle.id && r.status !== 'cancelled');

/**
 * Who holds a seat. A person counts once in the cycle however many registrations they hold (the
 * bonus day is registered separately from the core days), and once in each session of each
 * confirmed registration.
 */
class Seats {
  readonly people = new Set<string>();
  readonly bySession = new Map<string, number>();
  private readonly cycle: CycleRef;

  constructor(cycle: CycleRef, confirmed: readonly Registration[]) {
    this.cycle = cycle;
    for (const r of confirmed) this.take(r);
  }

  take(r: Pick<Registration, 'participant' | 'sessionIds'>): void {
    this.people.add(emailKey(r.participant.email));
    for (const id of new Set(r.sessionIds)) this.bySession.set(id, (this.bySession.get(id) ?? 0) + 1);
  }

  /** Whether the cycle is full for this person (never for someone who already holds a seat). */
  cycleFullFor(email: string): boolean {
    const cap = this.cycle.capacity;
    return cap !== undefined && !this.people.has(emailKey(email)) && this.people.size >= cap;
  }

  /** The first of these sessions with no seat left. */
  fullSession(sessionIds: readonly string[]): string | undefined {
    return sessionIds.find((id) => {
      const session = this.cycle.sessions.find((s) => s.id === id);
      const cap = session && sessionCapacity(this.cycle, session);
      return cap !== undefined && (this.bySession.get(id) ?? 0) >= cap;
    });
  }
}

/**
 * Seats of a cycle and of each of its sessions. Cancelled registrations and other cycles'
 * registrations are ignored. A confirmed registration takes a seat in the cycle (one per person) and
 * one in each of its sessions; waitlisted ones are counted apart. `seatsLeft` never goes below 0,
 * even when an organiser has confirmed more people than there are seats.
 *
 * @param options.now stamps `computedAt` (the function reads no clock).
 */
export function computeAvailability(
  cycle: CycleRef,
  registrations: readonly Registration[],
  options: { readonly now?: Date } = {},
): Availability {
  const regs = active(cycle, registrations);
  const confirmed = regs.filter((r) => r.status === 'confirmed');
  const waitlisted = regs.filter((r) => r.status === 'waitlisted');
  const seats = new Seats(cycle, confirmed);
  const figures = (capacity: number | undefined, taken: number) => ({
    ...(capacity === undefined ? {} : { capacity, seatsLeft: Math.max(0, capacity - taken) }),
    full: capacity !== undefined && taken >= capacity,
  });
  const sessions: SessionAvailability[] = cycle.sessions.map((s) => {
    const taken = seats.bySession.get(s.id) ?? 0;
    return {
      sessionId: s.id,
      confirmed: taken,
      waitlisted: waitlisted.filter((r) => r.sessionIds.includes(s.id)).length,
      ...figures(sessionCapacity(cycle, s), taken),
    };
  });
  return {
    cycleId: cycle.id,
    confirmed: seats.people.size,
    waitlisted: waitlisted.length,
    ...figures(cycle.capacity, seats.people.size),
    sessions,
    ...(options.now ? { computedAt: options.now.toISOString() } : {}),
  };
}

/** Whether registration is open, from the cycle's settings and, when `now` is given, its dates. */
export type RegistrationState = 'open' | 'closed' | 'not-open-yet';

/**
 * The organiser's status, except that an `open` registration is `not-open-yet` before `opensAt` and
 * `closed` from `closesAt` on, when `now` is given. A `closed` or `not-open-yet` status is never
 * overridden by dates: the organiser closed it on purpose.
 */
export function registrationState(cycle: Pick<Cycle, 'registration'>, now?: Date): RegistrationState {
  const r = cycle.registration;
  if (r.status !== 'open' || !now) return r.status;
  if (r.opensAt && now.getTime() < Date.parse(r.opensAt)) return 'not-open-yet';
  if (r.closesAt && now.getTime() >= Date.parse(r.closesAt)) return 'closed';
  return 'open';
}

/** A problem with one chosen session. */
export type EligibilityProblem =
  /** No session of the cycle has this id. */
  | { readonly reason: 'unknown-session'; readonly sessionId: string }
  | { readonly reason: 'session-cancelled'; readonly sessionId: string }
  /** The same person (email) already holds a registration, confirmed or waitlisted, that includes this session. */
  | { readonly reason: 'already-registered'; readonly sessionId: string }
  /** The session is for the cycle's participants only, and this person is not one yet. */
  | { readonly reason: 'not-eligible'; readonly sessionId: string }
  /** The session's audience (agents, elected officials) does not include this person. */
  | { readonly reason: 'audience'; readonly sessionId: string };

/** Why a registration is refused. */
export type RegistrationRefusal =
  | { readonly reason: 'closed' }
  | { readonly reason: 'not-open-yet' }
  /** No seat left and no waiting list; `sessionId` names the full session, absent when the cycle itself is full. */
  | { readonly reason: 'full'; readonly sessionId?: string }
  | EligibilityProblem;

/** What happens to a registration request. */
export type RegistrationDecision =
  | { readonly status: 'confirmed' }
  /** `waitlistPosition`: 1 for the first person waiting. */
  | { readonly status: 'waitlisted'; readonly waitlistPosition: number }
  | { readonly status: 'refused'; readonly refused: RegistrationRefusal };

/**
 * Whether a person is already a participant of the cycle: they hold a registration, confirmed or
 * waitlisted, that includes a session open to anyone (a core day). Registrations to restricted
 * sessions do not count, or a bonus day could open another.
 */
function isCycleParticipant(cycle: CycleRef, registrations: readonly Registration[], email: string): boolean {
  const key = emailKey(email);
  const open = new Set(cycle.sessions.filter((s) => s.eligibility === 'anyone').map((s) => s.id));
  return active(cycle, registrations).some(
    (r) => emailKey(r.participant.email) === key && r.sessionIds.some((id) => open.has(id)),
  );
}

/**
 * What stands between a person and each chosen session, in the order of `sessionIds` (an unknown
 * session reports only that it is unknown; a known one may report several problems).
 *
 * A session with `eligibility: 'cycle-participants'` (a bonus day for volunteers) may be chosen only
 * by someone who already holds a non-cancelled registration to one of the cycle's sessions open to
 * anyone. The request itself does not count: choosing the core days and the bonus day in the same
 * request is refused, because the bonus day is offered to people already in the cycle — they
 * register to it once their place in the cycle exists. The server decides the same way.
 */
export function checkEligibility(
  cycle: CycleRef,
  sessionIds: readonly string[],
  participantEmail: string,
  registrations: readonly Registration[],
): EligibilityProblem[] {
  const key = emailKey(participantEmail);
  const mine = active(cycle, registrations).filter((r) => emailKey(r.participant.email) === key);
  const problems: EligibilityProblem[] = [];
  for (const sessionId of new Set(sessionIds)) {
    const session = cycle.sessions.find((s) => s.id === sessionId);
    if (!session) {
      problems.push({ reason: 'unknown-session', sessionId });
      continue;
    }
    if (session.status === 'cancelled') problems.push({ reason: 'session-cancelled', sessionId });
    if (mine.some((r) => r.sessionIds.includes(sessionId))) problems.push({ reason: 'already-registered', sessionId });
    if (session.eligibility === 'cycle-participants' && !isCycleParticipant(cycle, registrations, participantEmail)) {
      problems.push({ reason: 'not-eligible', sessionId });
    }
  }
  return problems;
}

/**
 * The chosen sessions whose audience (the session's own, else the cycle's) does not include this
 * participant's kind: an elected official may register only to days open to elected officials.
 * Unknown session ids are left to {@link checkEligibility}.
 */
export function checkAudience(
  cycle: Pick<Cycle, 'audience' | 'sessions'>,
  sessionIds: readonly string[],
  participant: Pick<Participant, 'function'>,
): EligibilityProblem[] {
  const kind = participantKind(participant) === 'elected-official' ? 'elected-officials' : 'agents';
  return [...new Set(sessionIds)].flatMap((sessionId) => {
    const session = cycle.sessions.find((s) => s.id === sessionId);
    return session && !audienceOf(cycle, session).kinds.includes(kind) ? [{ reason: 'audience' as const, sessionId }] : [];
  });
}

/**
 * Decides a registration request against the registrations already stored (all statuses; other
 * cycles' and cancelled ones are ignored). Refused when registration is not open; else with the first
 * problem of {@link checkEligibility} (a chosen session unknown, cancelled, already held by the same
 * person, or restricted to the cycle's participants), else the first of {@link checkAudience}. Otherwise confirmed
 * when the cycle has a seat for this person (someone already confirmed in the cycle needs no new one)
 * and each chosen session has a seat left; else waitlisted at the end of the waiting list when the
 * cycle has one, else refused as full.
 *
 * @param options.now when given, `opensAt` and `closesAt` are enforced too (see {@link registrationState}).
 */
export function decideRegistration(
  cycle: CycleRef & Pick<Cycle, 'registration' | 'audience'>,
  existingRegistrations: readonly Registration[],
  request: Pick<RegistrationRequest, 'participant' | 'sessionIds'>,
  options: { readonly now?: Date } = {},
): RegistrationDecision {
  const refuse = (refused: RegistrationRefusal): RegistrationDecision => ({ status: 'refused', refused });
  const state = registrationState(cycle, options.now);
  if (state !== 'open') return refuse({ reason: state });
  const sessionIds = [...new Set(request.sessionIds)];
  const problem =
    checkEligibility(cycle, sessionIds, request.participant.email, existingRegistrations)[0] ??
    checkAudience(cycle, sessionIds, request.participant)[0];
  if (problem) return refuse(problem);

  const regs = active(cycle, existingRegistrations);
  const seats = new Seats(cycle, regs.filter((r) => r.status === 'confirmed'));
  const cycleFull = seats.cycleFullFor(request.participant.email);
  const fullSession = seats.fullSession(sessionIds);
  if (!cycleFull && fullSession === undefined) return { status: 'confirmed' };
  if (cycle.registration.waitlist) {
    return { status: 'waitlisted', waitlistPosition: regs.filter((r) => r.status === 'waitlisted').length + 1 };
  }
  return refuse(cycleFull || fullSession === undefined ? { reason: 'full' } : { reason: 'full', sessionId: fullSession });
}

/** A registration and its place on the waiting list. */
export interface WaitlistEntry {
  readonly registration: Registration;
  /** 1 for the first person waiting. */
  readonly position: number;
}

const byArrival = (a: Registration, b: Registration) =>
  Date.parse(a.createdAt) - Date.parse(b.createdAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The waiting list of one cycle: its waitlisted registrations by arrival (`createdAt`, compared as
 * instants, then `id` for registrations of the same instant), numbered from 1. Stored
 * `waitlistPosition`s are not read: arrival decides.
 */
export function waitlistOrder(registrations: readonly Registration[]): WaitlistEntry[] {
  return registrations
    .filter((r) => r.status === 'waitlisted')
    .sort(byArrival)
    .map((registration, i) => ({ registration, position: i + 1 }));
}

/** A change to store: a registration's new status, and its new position while waitlisted. */
export interface RegistrationUpdate {
  readonly id: string;
  readonly status: RegistrationStatus;
  /** Present when `status` is `waitlisted`; absent means the stored position is removed. */
  readonly waitlistPosition?: number;
}

export interface PromotionResult {
  /** Every registration whose status or position changes, the cancelled one first. Apply them together. */
  readonly updates: RegistrationUpdate[];
  /** Ids of the registrations moved from the waiting list to confirmed, in the order they were promoted. */
  readonly promoted: string[];
}

/**
 * What follows the cancellation of registration `cancelledId`: it becomes cancelled, then, as long as
 * some waitlisted registration fits, the first one in {@link waitlistOrder} whose person has a seat
 * in the cycle and whose sessions all have a seat left is confirmed (a person waiting for a full
 * session does not block the people behind them who wait for another). A waitlisted registration to
 * a session restricted to the cycle's participants is promoted only if its person is still one —
 * through another registration, or through a core day of this one (an organiser may enter both at
 * once; it was admitted to the list, so it is promoted whole).
 * The remaining waiting list is renumbered from 1.
 *
 * Computes the changes without applying them, so that a server applies them in one transaction.
 * An unknown or already cancelled `cancelledId` changes nothing but may still promote when seats
 * are free, which brings a list that was left inconsistent back in order.
 */
export function promoteOnCancel(cycle: CycleRef, registrations: readonly Registration[], cancelledId: string): PromotionResult {
  // The cancelled registration keeps its object with a cancelled status, so `active` leaves it out below.
  const current = active(cycle, registrations).map((r) => (r.id === cancelledId ? { ...r, status: 'cancelled' as const } : r));
  const status = new Map(current.map((r) => [r.id, r.status]));
  const seats = new Seats(cycle, current.filter((r) => r.status === 'confirmed'));
  const promoted: string[] = [];
  for (;;) {
    const candidate = waitlistOrder(current.filter((r) => status.get(r.id) === 'waitlisted')).find(({ registration: r }) => {
      if (seats.cycleFullFor(r.participant.email) || seats.fullSession(r.sessionIds) !== undefined) return false;
      const restricted = r.sessionIds.some((id) => cycle.sessions.find((s) => s.id === id)?.eligibility === 'cycle-participants');
      return !restricted || isCycleParticipant(cycle, current, r.participant.email);
    });
    if (!candidate) break;
    status.set(candidate.registration.id, 'confirmed');
    seats.take(candidate.registration);
    promoted.push(candidate.registration.id);
  }

  const updates: RegistrationUpdate[] = [];
  const cancelled = registrations.find((r) => r.id === cancelledId && r.cycleId === cycle.id);
  if (cancelled && cancelled.status !== 'cancelled') updates.push({ id: cancelledId, status: 'cancelled' });
  for (const id of promoted) updates.push({ id, status: 'confirmed' });
  for (const { registration, position } of waitlistOrder(current.filter((r) => status.get(r.id) === 'waitlisted'))) {
    if (registration.waitlistPosition !== position) updates.push({ id: registration.id, status: 'waitlisted', waitlistPosition: position });
  }
  return { updates, promoted };
}
