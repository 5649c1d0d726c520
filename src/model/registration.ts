import { z } from './zod.js';
import { IdSchema, InstantSchema, plainText } from './common.js';
import { ParticipantSchema } from './participant.js';

/** What the registration form sends for one person. */
export const RegistrationRequestSchema = z.object({
  participant: ParticipantSchema,
  /** The sessions the participant will attend (at least one). */
  sessionIds: z.array(IdSchema).check(z.minLength(1)),
  /** Needs for adapted access (mobility, hearing, diet…), optional and kept only for the cycle. */
  accessNeeds: z.optional(plainText(1000)),
});
export type RegistrationRequest = z.output<typeof RegistrationRequestSchema>;
export type RegistrationRequestInput = z.input<typeof RegistrationRequestSchema>;

export const RegistrationStatusSchema = z.enum(['confirmed', 'waitlisted', 'cancelled']);
export type RegistrationStatus = z.output<typeof RegistrationStatusSchema>;

/** A stored registration, as the backend answers it. */
export const RegistrationSchema = z.object({
  id: IdSchema,
  cycleId: IdSchema,
  participant: ParticipantSchema,
  sessionIds: z.array(IdSchema).check(z.minLength(1)),
  accessNeeds: z.optional(plainText(1000)),
  status: RegistrationStatusSchema,
  /** 1 for the first person waiting; present only while waitlisted. */
  waitlistPosition: z.optional(z.int().check(z.gte(1))),
  createdAt: InstantSchema,
  updatedAt: z.optional(InstantSchema),
});
export type Registration = z.output<typeof RegistrationSchema>;
