/**
 * The compact validator with its messages at hand: for what validates on the spot (the forms' input,
 * the HTTP client's answers). The agenda's feed goes through feed.ts, which loads the messages only
 * for an invalid feed. See interpret.ts for how the IR is run.
 */
import type { ValidationIssue } from '../issues.js';
import { message, type Locale } from '../messages.js';
import type { Node } from './ir.js';
import { describe, interpret } from './interpret.js';

export type CompactResult<T = unknown> =
  | { readonly success: true; readonly data: T }
  | { readonly success: false; readonly issues: ValidationIssue[] };

/** Validates `input` against the IR of a schema; messages in `locale`. */
export function validate<T = unknown>(ir: Node, input: unknown, locale: Locale = 'fr'): CompactResult<T> {
  const r = interpret<T>(ir, input);
  return r.success ? r : { success: false, issues: describe(r.issues, (key, params) => message(key, locale, params)) };
}
