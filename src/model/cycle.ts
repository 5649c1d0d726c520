import { rule, z } from './zod.js';
import { EmailSchema, HttpUrlSchema, IdSchema, InstantSchema, ProvenanceSchema, plainText } from './common.js';
import { FeedbackFormSchema } from './feedback.js';
import { OrganisationSchema } from './organisation.js';
import { PrivacyNoticeSchema } from './privacy.js';
import { AudienceSchema, SessionSchema } from './session.js';
import { VenueSchema } from './venue.js';
import { checkCycleReferences } from './refinements.js';

export const RegistrationSettingsSchema = z.object({
  status: z._default(z.enum(['open', 'closed', 'not-open-yet']), 'closed'),
  opensAt: z.optional(InstantSchema),
  closesAt: z.optional(InstantSchema),
  /** When seats run out, further people are put on a waiting list rather than refused. */
  waitlist: z._default(z.boolean(), true),
  /** A registration page elsewhere, when the organiser does not use formacoop's form. */
  url: z.optional(HttpUrlSchema),
});
export type RegistrationSettings = z.output<typeof RegistrationSettingsSchema>;

export const SourceSchema = z.object({
  title: plainText(300),
  url: z.optional(HttpUrlSchema),
  note: z.optional(plainText(1000)),
});

/** The fields of a cycle, shared by the cycle schema and the one-cycle feed. */
export const cycleShape = {
  id: IdSchema,
  title: plainText(300),
  subtitle: z.optional(plainText(300)),
  description: z.optional(plainText(10000)),
  /** Language of the feed's texts (BCP 47). */
  lang: z._default(z.string().check(z.regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/)), 'fr'),
  /** An experimental or pilot cycle. */
  experimental: z._default(z.boolean(), false),
  /** e.g. "premier cycle", "édition 2026". */
  edition: z.optional(plainText(120)),
  url: z.optional(HttpUrlSchema),
  audience: AudienceSchema,
  /** Seats for the cycle; sessions without their own capacity share it. */
  capacity: z.optional(z.int().check(z.gte(0))),
  /** Planned number of days of the core cycle. */
  durationDays: z.optional(z.number().check(z.gt(0), z.lte(365))),
  organisations: z._default(z.array(OrganisationSchema), []),
  venues: z._default(z.array(VenueSchema), []),
  sessions: z._default(z.array(SessionSchema), []),
  registration: z._default(RegistrationSettingsSchema, { status: 'closed', waitlist: true }),
  feedback: z._default(z.array(FeedbackFormSchema), []),
  privacy: z.optional(PrivacyNoticeSchema),
  contact: z.optional(z.object({ name: z.optional(plainText(200)), email: z.optional(EmailSchema) })),
  /** Where the data comes from (an article, a programme). */
  sources: z._default(z.array(SourceSchema), []),
  provenance: z.optional(ProvenanceSchema),
};

type CycleLike = z.output<z.ZodMiniObject<typeof cycleShape>>;

/**
 * Every reference inside a cycle must resolve: a session's venue and host, a venue's host, a
 * speaker's organisation, a questionnaire's sessions. A dangling id is an issue at its path.
 */
export const resolveReferences = rule<CycleLike>(checkCycleReferences);

/** A training cycle: its sessions, organisations, venues, registration rules and evaluation. */
export const CycleSchema = z.object(cycleShape).check(resolveReferences);
export type Cycle = z.output<typeof CycleSchema>;
export type CycleInput = z.input<typeof CycleSchema>;
