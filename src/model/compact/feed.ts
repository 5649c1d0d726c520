/**
 * The feed's validation for the elements: the same verdicts, output and issue paths as the SDK's
 * `safeParseFeed`, with the messages of an invalid feed loaded only then — a valid feed, the usual
 * case, never downloads them.
 */
import type { Feed } from '../feed.js';
import { ValidationError, type ParseOptions, type SafeParseResult } from '../issues.js';
import { FEED } from './ir.generated.js';
import { describe, interpret } from './interpret.js';

/** Validates either kind of feed, as `safeParseFeed` does; resolves once an invalid feed's messages are in words. */
export async function parseFeedCompact(input: unknown, options: ParseOptions = {}): Promise<SafeParseResult<Feed>> {
  const r = interpret<Feed>(FEED, input);
  if (r.success) return r;
  const locale = options.locale ?? 'fr';
  let text: Parameters<typeof describe>[1];
  try {
    const { message } = await import('../messages.js');
    text = (key, params) => message(key, locale, params);
  } catch {
    // The catalogue could not be fetched (a site that copied formacoop.min.js without its lazy/
    // folder): the paths are still named, with the rule that failed.
    text = (key) => (locale === 'en' ? `invalid (rule “${key}”; the detailed messages could not be loaded)` : `invalide (règle « ${key} » ; le détail des messages n'a pas pu être chargé)`);
  }
  return { success: false, error: new ValidationError(describe(r.issues, text), 'feed') };
}
