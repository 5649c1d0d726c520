import type { Locale } from '../../model/locale.js';
import { englishUnavailable } from './locale-controller.js';

/**
 * An element's own words: the French ship with it; the English are fetched once for the page, when an
 * element first speaks English. The lookup gives `undefined` until they have arrived (the element
 * shows its loading state) and calls `onLoaded` then; should the fetch fail, French stands in
 * and the element's LocaleController reports it (`failed`), so that the element says why.
 */
export function lazyWords<T>(fr: T, english: () => Promise<{ en: T }>): (locale: Locale, onLoaded: () => void) => T | undefined {
  let en: T | undefined;
  let loading: Promise<unknown> | undefined;
  return (locale, onLoaded) => {
    if (locale !== 'en') return fr;
    if (en) return en;
    loading ??= english().then(
      (m) => (en = m.en),
      () => {
        englishUnavailable();
        en = fr;
      },
    );
    void loading.then(onLoaded);
    return undefined;
  };
}
