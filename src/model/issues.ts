/**
 * What a failed validation reports, whichever validator made it: zod in the SDK (errors.ts) or the
 * compact validator of the embed bundle (compact/). Imports nothing of zod.
 */
import type { Locale } from './messages.js';

/** One problem in a feed or a request: where it is and what is wrong. */
export interface ValidationIssue {
  /** Where, as a reader writes it: `sessions[2].date`. Empty for the whole document. */
  readonly path: string;
  /** The same, segment by segment. */
  readonly segments: readonly (string | number)[];
  /** zod's issue code (`invalid_type`, `custom`…), or formacoop's key for its own rules. */
  readonly code: string;
  /** What is wrong, in the requested language. */
  readonly message: string;
}

/** `['sessions', 2, 'date']` → `sessions[2].date`. */
export function formatPath(segments: readonly PropertyKey[]): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else out += out === '' ? String(s) : `.${String(s)}`;
  }
  return out;
}

/** A document that does not match formacoop's model. Each issue names its path. */
export class ValidationError extends Error {
  override readonly name = 'ValidationError';
  readonly issues: readonly ValidationIssue[];
  constructor(issues: readonly ValidationIssue[], what = 'document') {
    const head = issues
      .slice(0, 3)
      .map((i) => (i.path ? `${i.path}: ${i.message}` : i.message))
      .join('; ');
    const more = issues.length > 3 ? ` (+${issues.length - 3})` : '';
    super(`Invalid ${what}: ${head}${more}`);
    this.issues = issues;
  }
}

export type SafeParseResult<T> =
  | { readonly success: true; readonly data: T; readonly error?: undefined }
  | { readonly success: false; readonly data?: undefined; readonly error: ValidationError };

export interface ParseOptions {
  /** Language of the messages: `fr` (default) or `en`. */
  readonly locale?: Locale;
}
