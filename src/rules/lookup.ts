import type { Cycle } from '../model/cycle.js';
import type { Feed } from '../model/feed.js';
import type { Organisation } from '../model/organisation.js';
import type { Session } from '../model/session.js';
import type { Venue } from '../model/venue.js';

/** The venue of a session, if it has one. References are checked by the schema, so this resolves. */
export function venueOf(cycle: Pick<Cycle, 'venues'>, session: Pick<Session, 'venueId'>): Venue | undefined {
  return session.venueId === undefined ? undefined : cycle.venues.find((v) => v.id === session.venueId);
}

export function organisationById(cycle: Pick<Cycle, 'organisations'>, id: string | undefined): Organisation | undefined {
  return id === undefined ? undefined : cycle.organisations.find((o) => o.id === id);
}

/** The organisation that hosts a session: the session's own host, else its venue's. */
export function hostOf(cycle: Pick<Cycle, 'organisations' | 'venues'>, session: Pick<Session, 'venueId' | 'hostOrganisationId'>): Organisation | undefined {
  return organisationById(cycle, session.hostOrganisationId ?? venueOf(cycle, session)?.hostOrganisationId);
}

/** The organisations of a cycle that have a role. */
export function organisationsWithRole(cycle: Pick<Cycle, 'organisations'>, role: Organisation['roles'][number]): Organisation[] {
  return cycle.organisations.filter((o) => o.roles.includes(role));
}

/** A session's audience: its own, else the cycle's. */
export function audienceOf(cycle: Pick<Cycle, 'audience'>, session: Pick<Session, 'audience'>) {
  return session.audience ?? cycle.audience;
}

/** The cycles of a feed, whichever its kind. */
export function cyclesOf(feed: Feed): Cycle[] {
  return feed.type === 'catalogue' ? feed.cycles : [feed];
}
