import { rule, z } from './zod.js';
import { IdSchema, InstantSchema, ProvenanceSchema, plainText } from './common.js';
import { checkFeedbackForm, checkRatingScale } from './refinements.js';

/** A labelled rating scale (Likert): one label per point, from the lowest to the highest. */
export const RatingScaleSchema = z
  .object({
    points: z._default(z.int().check(z.gte(2), z.lte(10)), 5),
    labels: z.array(plainText(80)),
  })
  .check(rule(checkRatingScale));
export type RatingScale = z.output<typeof RatingScaleSchema>;

const questionBase = {
  id: IdSchema,
  label: plainText(300),
  help: z.optional(plainText(500)),
};

/** A criterion rated on the form's scale (or its own). */
export const RatingQuestionSchema = z.object({
  ...questionBase,
  type: z.literal('rating'),
  required: z._default(z.boolean(), true),
  scale: z.optional(RatingScaleSchema),
});
/** "How likely are you to recommend…", 0–10. */
export const RecommendationQuestionSchema = z.object({
  ...questionBase,
  type: z.literal('recommendation'),
  required: z._default(z.boolean(), false),
});
/** An open question. */
export const TextQuestionSchema = z.object({
  ...questionBase,
  type: z.literal('text'),
  required: z._default(z.boolean(), false),
  maxLength: z._default(z.int().check(z.gte(1), z.lte(5000)), 2000),
});
/** Which organisation the respondent belongs to, for the per-organisation breakdown. */
export const OrganisationQuestionSchema = z.object({
  ...questionBase,
  type: z.literal('organisation'),
  required: z._default(z.boolean(), false),
});

export const FeedbackQuestionSchema = z.discriminatedUnion('type', [
  RatingQuestionSchema,
  RecommendationQuestionSchema,
  TextQuestionSchema,
  OrganisationQuestionSchema,
]);
export type FeedbackQuestion = z.output<typeof FeedbackQuestionSchema>;
export type RatingQuestion = z.output<typeof RatingQuestionSchema>;

/** The questionnaire of a session or of the whole cycle. */
export const FeedbackFormSchema = z
  .object({
    id: IdSchema,
    title: plainText(300),
    intro: z.optional(plainText(2000)),
    /** For the whole cycle, or for sessions (`sessionIds`, all of them when empty). */
    scope: z.enum(['cycle', 'session']),
    sessionIds: z._default(z.array(IdSchema), []),
    opensAt: z.optional(InstantSchema),
    closesAt: z.optional(InstantSchema),
    /** `token`: one response per participant token issued by the organiser; `anonymous`: anyone, no personal data. */
    access: z._default(z.enum(['anonymous', 'token']), 'anonymous'),
    scale: RatingScaleSchema,
    questions: z.array(FeedbackQuestionSchema).check(z.minLength(1)),
    /** Breakdowns of fewer responses than this are withheld, so no one's answer can be singled out. */
    minGroupSize: z._default(z.int().check(z.gte(2), z.lte(100)), 5),
    results: z._default(
      z.object({
        /** Results readable without the admin token. */
        public: z._default(z.boolean(), false),
        /** Open answers listed in the published results. */
        openAnswers: z._default(z.boolean(), false),
      }),
      { public: false, openAnswers: false },
    ),
    provenance: z.optional(ProvenanceSchema),
  })
  .check(rule(checkFeedbackForm));
export type FeedbackForm = z.output<typeof FeedbackFormSchema>;

/** An answer: a scale point or 0–10 score, a text, or an organisation id. */
export const FeedbackAnswerSchema = z.union([z.int(), z.string().check(z.maxLength(5000))]);
export type FeedbackAnswer = z.output<typeof FeedbackAnswerSchema>;

/** What the evaluation widget sends. Its answers are checked against the form by `validateFeedback`. */
export const FeedbackSubmissionSchema = z.object({
  formId: IdSchema,
  /** The session evaluated, for a session-scoped form. */
  sessionId: z.optional(IdSchema),
  answers: z.record(IdSchema, FeedbackAnswerSchema),
  /** The participant token, for forms with `access: token`. */
  token: z.optional(z.string().check(z.minLength(8), z.maxLength(200))),
});
export type FeedbackSubmission = z.output<typeof FeedbackSubmissionSchema>;

/** A stored evaluation answer (never carries the token or any personal data). */
export const FeedbackResponseSchema = z.object({
  id: IdSchema,
  cycleId: IdSchema,
  formId: IdSchema,
  sessionId: z.optional(IdSchema),
  answers: z.record(IdSchema, FeedbackAnswerSchema),
  submittedAt: InstantSchema,
});
export type FeedbackResponse = z.output<typeof FeedbackResponseSchema>;

/** What a backend answers when it has stored an evaluation answer. */
export const FeedbackReceiptSchema = z.object({ id: IdSchema, submittedAt: InstantSchema });
export type FeedbackReceiptOutput = z.output<typeof FeedbackReceiptSchema>;
