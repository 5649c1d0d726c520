import { z } from './zod.js';
import { keyed } from './messages.js';
import { IdSchema, ProvenanceSchema, plainText } from './common.js';

export const AddressSchema = z.object({
  street: z.optional(plainText(200)),
  postalCode: z.optional(z.string().check(keyed(z.regex(/^\d{5}$/), 'postal_code'))),
  commune: z.optional(plainText(120)),
  country: z._default(z.string().check(z.regex(/^[A-Z]{2}$/)), 'FR'),
});
export type Address = z.output<typeof AddressSchema>;

export const GeoPointSchema = z.object({
  lat: z.number().check(z.gte(-90), z.lte(90)),
  lon: z.number().check(z.gte(-180), z.lte(180)),
});
export type GeoPoint = z.output<typeof GeoPointSchema>;

/** A named place where sessions are held. */
export const VenueSchema = z.object({
  id: IdSchema,
  name: plainText(200),
  address: z.optional(AddressSchema),
  /** The organisation whose premises these are (must be one of the cycle's organisations). */
  hostOrganisationId: z.optional(IdSchema),
  geo: z.optional(GeoPointSchema),
  /** How to get there, parking, accessibility of the premises. */
  access: z.optional(plainText(2000)),
  provenance: z.optional(ProvenanceSchema),
});
export type Venue = z.output<typeof VenueSchema>;
