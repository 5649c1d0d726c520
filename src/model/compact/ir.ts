/**
 * The compact validator's intermediate representation (IR): the zod schemas of src/model written
 * as nested arrays, so that the embed bundle can validate without zod. derive.ts builds it from the
 * schemas' definitions, ir.generated.ts holds it, validate.ts interprets it.
 *
 * A node or a check is a tuple whose first item says what it is (numbers: they minify to one
 * character). Message keys are formacoop's (`keyed()` in the schemas, `params.fc` in the rules).
 */
import type { MessageKey } from '../messages.js';
import type { RuleContext } from '../refinements.js';

export type Primitive = string | number | boolean | null;

/** A boolean predicate of refinements.ts (zod's `z.refine`). Its parameter is the node's output. */
export type RefineFn = (value: never) => boolean;
/** A rule of refinements.ts (zod's `z.superRefine`, through `rule()`). */
export type RuleFn = (value: never, ctx: RuleContext) => void;

/** Checks run in order after a node has parsed its value, with zod's rules for stopping early. */
export type Check =
  /** Minimum length: string (in code points) or array. Runs even after a failure, as zod's does. */
  | readonly [0, number]
  /** Maximum length, likewise. */
  | readonly [1, number]
  /** A regular expression (a `z.regex`, or the pattern of a string format such as `z.iso.date()`). */
  | readonly [2, RegExp, MessageKey?]
  /** Greater than the number (1: or equal). */
  | readonly [3, number, 0 | 1]
  /** Less than the number (1: or equal). */
  | readonly [4, number, 0 | 1]
  /** A safe integer (`z.int()`). */
  | readonly [5]
  /** Trims the string (zod's `z.trim()` overwrite). */
  | readonly [6]
  /** An http(s) URL (`z.httpUrl()`): protocol and hostname patterns; the output is the trimmed input. */
  | readonly [7, RegExp, RegExp, MessageKey?]
  /** A predicate of refinements.ts, with the params of its issue (`{ fc: key }`). */
  | readonly [8, RefineFn, { readonly fc: MessageKey }]
  /** A rule of refinements.ts, which adds its own issues. */
  | readonly [9, RuleFn];

export type Node =
  /** A string. The key is the message of its type issue and of its format, if the schema is keyed. */
  | readonly [0, readonly Check[], MessageKey?]
  /** A finite number. */
  | readonly [1, readonly Check[]]
  /** A boolean. */
  | readonly [2]
  /** One of the values (`z.literal`, `z.enum`). */
  | readonly [3, readonly Primitive[], MessageKey?]
  /** An object: its properties in order; other keys are dropped (zod's default, "strip"). */
  | readonly [4, { readonly [key: string]: Node }, (readonly Check[])?]
  /** An array of the element. */
  | readonly [5, Node, (readonly Check[])?]
  /** A record whose keys are a string node. */
  | readonly [6, Node, Node]
  /** The first option that accepts the value (`z.union`). */
  | readonly [7, readonly Node[]]
  /** The option named by the value of the property (`z.discriminatedUnion`). */
  | readonly [8, string, readonly (readonly [Primitive, Node])[]]
  /** Optional (never of a default): undefined passes, an absent key stays absent. */
  | readonly [9, Node]
  /** A default for undefined (an array or object default is copied, as zod does). */
  | readonly [10, Node, unknown];
