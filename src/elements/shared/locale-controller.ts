import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { toLocale, type Locale } from '../../model/messages.js';
import { messagesFor, type Messages } from '../../i18n/ui.js';

type Host = ReactiveControllerHost & HTMLElement;

/** One observer for the whole page: `lang` changes on <html> re-render every formacoop element. */
const hosts = new Set<Host>();
let observer: MutationObserver | undefined;

/**
 * The element's language: its own `lang`, else the closest ancestor's, else the page's; French
 * unless that is English. Follows later changes of `lang` on the page.
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
    return messagesFor(this.locale);
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
