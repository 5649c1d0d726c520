import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { toLocale, type Locale } from '../../model/locale.js';
import { hasEnglish, loadEnglish, messagesFor, type Messages } from '../../i18n/ui.js';

type Host = ReactiveControllerHost & HTMLElement;

/** One observer for the whole page: `lang` changes on <html> re-render every formacoop element. */
const hosts = new Set<Host>();
let observer: MutationObserver | undefined;
/** Whether the English words could not be fetched (then French stands in). */
let englishFailed = false;
/** The elements waiting for the English words: updated once when they arrive (or cannot). */
const waiting = new Set<Host>();

/**
 * An element's own English words could not be fetched either (lazyWords): every element speaking
 * English says so, as for the shared words.
 */
export function englishUnavailable(): void {
  englishFailed = true;
}

function awaitEnglish(host: Host): void {
  if (waiting.has(host)) return;
  waiting.add(host);
  const done = () => {
    waiting.forEach((h) => h.requestUpdate());
    waiting.clear();
  };
  loadEnglish().then(done, () => {
    englishFailed = true;
    done();
  });
}

/**
 * The element's language: its own `lang`, else the closest ancestor's, else the page's; French
 * unless that is English. Follows later changes of `lang` on the page.
 *
 * French words are always at hand. English ones are fetched the first time an element speaks
 * English (one fetch for the page), and the element is updated when they arrive: until then `t`
 * has the English words of the loading and error states and French for the rest, and `ready` is
 * false — an element shows its loading state until it is true.
 */
export class LocaleController implements ReactiveController {
  constructor(private readonly host: Host) {
    host.addController(this);
  }
  get locale(): Locale {
    const tagged = this.host.closest('[lang]');
    return toLocale(tagged?.getAttribute('lang') ?? document.documentElement.lang);
  }
  get t(): Messages {
    const locale = this.locale;
    if (locale === 'en' && !this.ready) awaitEnglish(this.host);
    return messagesFor(locale);
  }
  /** Whether `t` has every word of the element's language (or English could not be fetched: see `failed`). */
  get ready(): boolean {
    return this.locale === 'fr' || hasEnglish() || englishFailed;
  }
  /** The element speaks English, whose words could not be fetched: it shows French, and says so. */
  get failed(): boolean {
    return this.locale === 'en' && englishFailed;
  }
  hostConnected(): void {
    hosts.add(this.host);
    if (!observer) {
      observer = new MutationObserver(() => hosts.forEach((h) => h.requestUpdate()));
      observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
    }
  }
  hostDisconnected(): void {
    hosts.delete(this.host);
    if (hosts.size === 0) {
      observer?.disconnect();
      observer = undefined;
    }
  }
}
