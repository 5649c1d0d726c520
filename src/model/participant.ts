import { rule, trim, z } from './zod.js';
import { EmailSchema, IdSchema, plainText } from './common.js';
import { keyed } from './messages.js';
import { checkParticipant } from './refinements.js';

/** A participant's function in their organisation. */
export const ParticipantFunctionSchema = z.enum([
  'dgs', // directeur·rice général·e des services
  'dga', // directeur·rice général·e adjoint·e
  'head-of-division', // responsable de pôle
  'head-of-department', // chef·fe de service
  'project-officer', // chargé·e de mission
  'elected-official', // élu·e
  'other',
]);
export type ParticipantFunction = z.output<typeof ParticipantFunctionSchema>;

export const PhoneSchema = z.string().check(
  trim,
  keyed(z.regex(/^\+?[0-9][0-9 .()-]{5,22}$/), 'phone'),
);

/**
 * A person who registers. Only what the registration needs (RGPD minimisation): no birth date,
 * no postal address. Whether they come as an agent or an elected official follows from their
 * function (see `participantKind` in the rules).
 */
export const ParticipantSchema = z
  .object({
    firstName: plainText(100),
    lastName: plainText(100),
    /** Professional email: the confirmation and practical details are sent there. */
    email: EmailSchema,
    phone: z.optional(PhoneSchema),
    function: ParticipantFunctionSchema,
    /** The function in the participant's words, when `function` is `other`. */
    functionOther: z.optional(plainText(120)),
    /** One of the cycle's organisations… */
    organisationId: z.optional(IdSchema),
    /** …or another one, named. */
    organisationName: z.optional(plainText(200)),
  })
  .check(rule(checkParticipant));
export type Participant = z.output<typeof ParticipantSchema>;
export type ParticipantInput = z.input<typeof ParticipantSchema>;
