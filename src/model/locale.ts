/**
 * The languages of formacoop's words. Apart from the message catalogue (messages.ts), so that
 * reading the page's language does not bring the catalogue with it: the elements load it on demand.
 */
export type Locale = 'fr' | 'en';

/** `navigator.language`-like tag → a supported locale (French unless it is English). */
export function toLocale(tag: string | null | undefined): Locale {
  return tag && /^en\b/i.test(tag) ? 'en' : 'fr';
}
