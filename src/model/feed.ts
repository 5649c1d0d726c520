import { z } from './zod.js';
import { plainText } from './common.js';
import { CycleSchema, cycleShape, resolveReferences, type Cycle } from './cycle.js';
import { parseWith, safeParseWith, type ParseOptions, type SafeParseResult } from './errors.js';
import { keyed } from './messages.js';

/** The version of the feed format this SDK reads and writes. */
export const FORMAT_VERSION = 1;

const formatVersion = keyed(z.literal(FORMAT_VERSION), 'unsupported_version');

/** A feed of one cycle: the cycle's fields at the top level, with the format version. */
export const CycleFeedSchema = z
  .object({
    $schema: z.optional(z.string()),
    formatVersion,
    type: z.literal('cycle'),
    ...cycleShape,
  })
  .check(resolveReferences);
export type CycleFeed = z.output<typeof CycleFeedSchema>;
export type CycleFeedInput = z.input<typeof CycleFeedSchema>;

/** A feed of several cycles (a territory's catalogue). */
export const CatalogueFeedSchema = z.object({
  $schema: z.optional(z.string()),
  formatVersion,
  type: z.literal('catalogue'),
  title: z.optional(plainText(300)),
  cycles: z.array(CycleSchema),
});
export type CatalogueFeed = z.output<typeof CatalogueFeedSchema>;
export type CatalogueFeedInput = z.input<typeof CatalogueFeedSchema>;

export const FeedSchema = z.discriminatedUnion('type', [CycleFeedSchema, CatalogueFeedSchema]);
export type Feed = z.output<typeof FeedSchema>;

/** Validates a one-cycle feed; throws a `ValidationError` whose issues name their paths. */
export const parseCycle = (input: unknown, options?: ParseOptions): CycleFeed =>
  parseWith(CycleFeedSchema, input, options, 'cycle feed');
export const safeParseCycle = (input: unknown, options?: ParseOptions): SafeParseResult<CycleFeed> =>
  safeParseWith(CycleFeedSchema, input, options, 'cycle feed');

/** Validates a catalogue feed. */
export const parseCatalogue = (input: unknown, options?: ParseOptions): CatalogueFeed =>
  parseWith(CatalogueFeedSchema, input, options, 'catalogue feed');
export const safeParseCatalogue = (input: unknown, options?: ParseOptions): SafeParseResult<CatalogueFeed> =>
  safeParseWith(CatalogueFeedSchema, input, options, 'catalogue feed');

/** Validates either kind of feed. */
export const parseFeed = (input: unknown, options?: ParseOptions): Feed => parseWith(FeedSchema, input, options, 'feed');
export const safeParseFeed = (input: unknown, options?: ParseOptions): SafeParseResult<Feed> =>
  safeParseWith(FeedSchema, input, options, 'feed');
