import { z } from './zod.js';
import { ProvenanceSchema, ResourceUrlSchema, plainText } from './common.js';

/** A photo of a past session ("retour en images"). Its alternative text is mandatory (RGAA 1.1). */
export const MediaSchema = z.object({
  url: ResourceUrlSchema,
  alt: plainText(500),
  caption: z.optional(plainText(500)),
  credit: z.optional(plainText(200)),
  width: z.optional(z.int().check(z.gt(0))),
  height: z.optional(z.int().check(z.gt(0))),
  provenance: z.optional(ProvenanceSchema),
});
export type Media = z.output<typeof MediaSchema>;
