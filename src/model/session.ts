import { rule, z } from './zod.js';
import {
  HttpUrlSchema,
  IdSchema,
  LocalDateSchema,
  LocalTimeSchema,
  ProvenanceSchema,
  TimeZoneSchema,
  plainText,
} from './common.js';
import { MediaSchema } from './media.js';
import { checkExactDateTimes } from './refinements.js';

/** A day known exactly, with optional times (a whole day when there are none). */
export const ExactDateSchema = z
  .object({
    precision: z.literal('exact'),
    date: LocalDateSchema,
    startTime: z.optional(LocalTimeSchema),
    endTime: z.optional(LocalTimeSchema),
    timeZone: z._default(TimeZoneSchema, 'Europe/Paris'),
    provenance: z.optional(ProvenanceSchema),
  })
  .check(rule(checkExactDateTimes));

/** A month known, the day not yet ("fin juin"). */
export const ApproximateDateSchema = z.object({
  precision: z.literal('month'),
  year: z.int().check(z.gte(2000), z.lte(2100)),
  month: z.int().check(z.gte(1), z.lte(12)),
  /** Which part of the month, when the source says it ("début", "mi-", "fin"). */
  part: z.optional(z.enum(['early', 'mid', 'late'])),
  /** The source's own words, shown as they are ("fin juin"). */
  label: z.optional(plainText(120)),
  provenance: z.optional(ProvenanceSchema),
});

/** Not known yet, or not stated by the source. */
export const UnknownDateSchema = z.object({
  precision: z.literal('unknown'),
  label: z.optional(plainText(120)),
  provenance: z.optional(ProvenanceSchema),
});

export const SessionDateSchema = z.discriminatedUnion('precision', [
  ExactDateSchema,
  ApproximateDateSchema,
  UnknownDateSchema,
]);
export type ExactDate = z.output<typeof ExactDateSchema>;
export type ApproximateDate = z.output<typeof ApproximateDateSchema>;
export type UnknownDate = z.output<typeof UnknownDateSchema>;
export type SessionDate = z.output<typeof SessionDateSchema>;

export const AudienceKindSchema = z.enum(['agents', 'elected-officials']);
export type AudienceKind = z.output<typeof AudienceKindSchema>;

/** Who a cycle or a session is for. */
export const AudienceSchema = z.object({
  kinds: z.array(AudienceKindSchema).check(z.minLength(1)),
  /** e.g. "DGS, responsables de pôle, chef·fes de service". */
  description: z.optional(plainText(500)),
});
export type Audience = z.output<typeof AudienceSchema>;

export const ProgrammeItemKindSchema = z.enum([
  'workshop', // travaux
  'theory', // apports théoriques
  'experience-sharing', // retour d'expérience
  'tools-and-methods', // appropriation d'outils et de méthodes
  'discussion', // temps d'échanges
  'presentation',
  'evaluation',
  'other',
]);
export type ProgrammeItemKind = z.output<typeof ProgrammeItemKindSchema>;

export const SpeakerSchema = z.object({
  /** The speaking organisation, one of the cycle's organisations. */
  organisationId: z.optional(IdSchema),
  /** A person's name, when the source gives it. */
  name: z.optional(plainText(200)),
});
export type Speaker = z.output<typeof SpeakerSchema>;

/** One sequence of a session's programme. */
export const ProgrammeItemSchema = z.object({
  kind: ProgrammeItemKindSchema,
  title: plainText(500),
  description: z.optional(plainText(2000)),
  startTime: z.optional(LocalTimeSchema),
  endTime: z.optional(LocalTimeSchema),
  speakers: z._default(z.array(SpeakerSchema), []),
});
export type ProgrammeItem = z.output<typeof ProgrammeItemSchema>;

export const SessionStatusSchema = z.enum(['scheduled', 'cancelled', 'postponed']);

/** Who may register to a session. */
export const EligibilitySchema = z.enum([
  'anyone', // anyone in the cycle's audience
  'cycle-participants', // only people already registered to the cycle (e.g. a bonus day for volunteers)
]);
export type Eligibility = z.output<typeof EligibilitySchema>;

/** One day (or half-day) of a cycle. */
export const SessionSchema = z.object({
  id: IdSchema,
  /** Its number in the cycle ("Journée 4"). */
  number: z.optional(z.int().check(z.gte(0), z.lte(999))),
  title: plainText(300),
  description: z.optional(plainText(5000)),
  date: SessionDateSchema,
  status: z._default(SessionStatusSchema, 'scheduled'),
  attendanceMode: z._default(z.enum(['in-person', 'online', 'mixed']), 'in-person'),
  venueId: z.optional(IdSchema),
  /** The organisation that hosts the day (for a cycle that moves between EPCIs). */
  hostOrganisationId: z.optional(IdSchema),
  onlineUrl: z.optional(HttpUrlSchema),
  /** Overrides the cycle's audience (e.g. elected officials invited to one day). */
  audience: z.optional(AudienceSchema),
  /** Not part of the core cycle: a participant may skip it. */
  optional: z._default(z.boolean(), false),
  /** An extra day added to the cycle ("journée bonus"). */
  bonus: z._default(z.boolean(), false),
  eligibility: z._default(EligibilitySchema, 'anyone'),
  /** Seats for this session; the cycle's capacity when absent. */
  capacity: z.optional(z.int().check(z.gte(0))),
  objectives: z._default(z.array(plainText(500)), []),
  programme: z._default(z.array(ProgrammeItemSchema), []),
  media: z._default(z.array(MediaSchema), []),
  provenance: z.optional(ProvenanceSchema),
});
export type Session = z.output<typeof SessionSchema>;
export type SessionInput = z.input<typeof SessionSchema>;
