import { z } from './zod.js';
import { HttpUrlSchema, IdSchema, ProvenanceSchema, plainText } from './common.js';

/** What kind of body an organisation is. */
export const OrganisationKindSchema = z.enum([
  'epci', // communauté de communes, d'agglomération…
  'territorial-pole', // PETR, pôle territorial, pays
  'cnfpt', // Centre national de la fonction publique territoriale, one of its antennas
  'commune',
  'network', // a partner network (e.g. la Fabrique des Transitions)
  'state',
  'other',
]);
export type OrganisationKind = z.output<typeof OrganisationKindSchema>;

/** What an organisation does for a cycle. */
export const OrganisationRoleSchema = z.enum([
  'organiser',
  'co-organiser',
  'host', // hosts one or more sessions
  'partner',
  'member', // a member EPCI whose agents and elected officials take part
  'speaker', // speaks in a session's programme
  'funder',
  'evaluator',
]);
export type OrganisationRole = z.output<typeof OrganisationRoleSchema>;

export const OrganisationSchema = z.object({
  id: IdSchema,
  name: plainText(200),
  shortName: z.optional(plainText(60)),
  kind: OrganisationKindSchema,
  roles: z._default(z.array(OrganisationRoleSchema), []),
  /** Department code, e.g. `81` for the Tarn. */
  department: z.optional(z.string().check(z.regex(/^(?:\d{2,3}|2[AB])$/))),
  url: z.optional(HttpUrlSchema),
  provenance: z.optional(ProvenanceSchema),
});
export type Organisation = z.output<typeof OrganisationSchema>;
