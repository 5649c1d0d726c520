/**
 * zod's side of validation reports: the error map that gives zod's issues formacoop's messages
 * (zod's own locales for the generic cases), and `safeParseWith`. What a report is (issues, paths,
 * `ValidationError`) lives in issues.ts, which the compact validator shares without zod.
 */
import { en as zodEn, fr as zodFr } from 'zod/locales';
import type { z } from './zod.js';
import { keyOf } from './keys.js';
import { message, type Locale, type MessageKey } from './messages.js';
import { ValidationError, formatPath, type ParseOptions, type SafeParseResult, type ValidationIssue } from './issues.js';

export { ValidationError, formatPath, type ParseOptions, type SafeParseResult, type ValidationIssue } from './issues.js';

type Params = Record<string, unknown>;

const zodLocales = { fr: zodFr().localeError, en: zodEn().localeError };

/** The zod error map for a locale: our keyed messages first, then zod's own locale. */
export function errorMap(locale: Locale): z.core.$ZodErrorMap {
  const zodLocale = zodLocales[locale];
  return (iss) => {
    const params = (iss as { params?: Params }).params;
    const key = (params?.fc as MessageKey | undefined) ?? (iss.inst ? keyOf(iss.inst) : undefined);
    if (key) return message(key, locale, { ...params, ...(iss as unknown as Params) });
    // A missing required field reads better as "required" than as "expected string, got undefined".
    if (iss.code === 'invalid_type' && iss.input === undefined) return message('required', locale);
    if (iss.code === 'too_small' && iss.origin === 'string' && iss.minimum === 1) return message('required', locale);
    return zodLocale(iss);
  };
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
