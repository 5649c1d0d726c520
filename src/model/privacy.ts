import { z } from './zod.js';
import { HttpUrlSchema, ProvenanceSchema, plainText } from './common.js';

/**
 * The RGPD information notice (articles 13–14) shown before a registration or an evaluation is sent.
 */
export const PrivacyNoticeSchema = z.object({
  /** Responsable du traitement. */
  controller: plainText(500),
  /** Finalité. */
  purpose: plainText(1000),
  /** Base légale, e.g. "mission d'intérêt public (article 6-1-e du RGPD)". */
  legalBasis: plainText(500),
  /** Destinataires. */
  recipients: z.optional(plainText(1000)),
  /** Durée de conservation, in words. */
  retention: plainText(500),
  /** The same, in days after the cycle's last session, for the server's purge. */
  retentionDays: z.int().check(z.gte(1), z.lte(3650)),
  /** Vos droits, and how to exercise them. */
  rights: plainText(1000),
  /** Délégué·e à la protection des données: an email or postal address. */
  dpoContact: plainText(300),
  cnilUrl: z._default(HttpUrlSchema, 'https://www.cnil.fr/fr/plaintes'),
  provenance: z.optional(ProvenanceSchema),
});
export type PrivacyNotice = z.output<typeof PrivacyNoticeSchema>;
