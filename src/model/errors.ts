import type { z } from './zod.js';
import { errorMap, type Locale } from './messages.js';

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

/** Validates with a schema; messages in the requested language; paths as `sessions[2].date`. */
export function safeParseWith<S extends z.core.$ZodType>(
  schema: S,
  input: unknown,
  options: ParseOptions = {},
  what?: string,
): SafeParseResult<z.output<S>> {
  const locale = options.locale ?? 'fr';
  const result = (schema as unknown as z.ZodMiniType).safeParse(input, { error: errorMap(locale) });
  if (result.success) return { success: true, data: result.data as z.output<S> };
  const seen = new Set<string>();
  const issues: ValidationIssue[] = [];
  for (const iss of result.error.issues) {
    const path = formatPath(iss.path);
    // A union reports every branch; keep one message per path.
    const id = `${path}\u0000${iss.message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const fc = (iss as { params?: { fc?: string } }).params?.fc;
    issues.push({ path, segments: iss.path as (string | number)[], code: fc ?? iss.code, message: iss.message });
  }
  return { success: false, error: new ValidationError(issues, what) };
}

/** Like {@link safeParseWith}, but throws the {@link ValidationError}. */
export function parseWith<S extends z.core.$ZodType>(
  schema: S,
  input: unknown,
  options?: ParseOptions,
  what?: string,
): z.output<S> {
  const r = safeParseWith(schema, input, options, what);
  if (!r.success) throw r.error;
  return r.data;
}
