/**
 * The one place formacoop imports zod from.
 *
 * zod/mini rather than the full build: same validation, about 18 KB gzip less in the embed bundle
 * (see docs/benchmarks.md). jitless is set before any schema is built so that no parser is ever
 * compiled with `new Function` — pages served with `script-src 'self'` forbid it, and zod's own
 * probe for eval support would be reported as a CSP violation.
 */
import * as z from 'zod/mini';
import type { RuleContext } from './refinements.js';

z.config({ jitless: true });

export { z };

/**
 * zod's trim, one instance for every schema: the compact validator's generator recognises it by
 * identity (an overwrite's function says nothing of what it does).
 */
export const trim = z.trim();

// superRefine hides its function in a closure: remembered here for the compact validator's generator.
const rules = new WeakMap<object, (value: never, ctx: RuleContext) => void>();

/** A check running one of the plain rules of refinements.ts, as `z.superRefine` would. */
export function rule<T>(fn: (value: T, ctx: RuleContext) => void): z.core.$ZodCheck<T> {
  const check = z.superRefine<T>((value, ctx) => fn(value, ctx));
  rules.set(check, fn as (value: never, ctx: RuleContext) => void);
  return check;
}

/** The rule a check made by {@link rule} runs. */
export const ruleOf = (check: object) => rules.get(check);
