import { z } from './zod.js';
import { IdSchema, InstantSchema } from './common.js';

const count = z.int().check(z.gte(0));

/** Seats of one session. `capacity` and `seatsLeft` are absent when the session is unlimited. */
export const SessionAvailabilitySchema = z.object({
  sessionId: IdSchema,
  capacity: z.optional(count),
  confirmed: count,
  waitlisted: count,
  seatsLeft: z.optional(count),
  full: z.boolean(),
});
export type SessionAvailability = z.output<typeof SessionAvailabilitySchema>;

/**
 * Seats of a cycle and of each of its sessions, as the server answers `GET /availability`: counts
 * only, never who holds the seats. `capacity` and `seatsLeft` are absent when the cycle is unlimited.
 */
export const AvailabilitySchema = z.object({
  cycleId: IdSchema,
  capacity: z.optional(count),
  /** People holding a confirmed seat in the cycle (a person counts once). */
  confirmed: count,
  /** Registrations on the waiting list. */
  waitlisted: count,
  seatsLeft: z.optional(count),
  full: z.boolean(),
  sessions: z.array(SessionAvailabilitySchema),
  computedAt: z.optional(InstantSchema),
});
export type Availability = z.output<typeof AvailabilitySchema>;
