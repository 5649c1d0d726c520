/**
 * What the element tests share: the sample feed, sources that load when the test says so, what a
 * user sees of an element (its visible text, its state), and globals patched and put back.
 */
import { waitUntil } from '@open-wc/testing';
import { render, type TemplateResult } from 'lit';
import { parseFeed, type Feed } from '../../src/index.js';
import type { Backend } from '../../src/backend/backend.js';

/** The seed article's cycle, served by the dev server from the repo root. */
export const SAMPLE_URL = '/examples/management-par-la-cooperation.json';
export const CYCLE_ID = 'management-par-la-cooperation';
export const anchor = (sessionId: string) => `fc-${CYCLE_ID}-${sessionId}`;

const containers: HTMLElement[] = [];

/**
 * Puts a template in the page and waits for the Lit elements in it to render once. Not open-wc's
 * `fixture` for a plain wrapper such as `<div lang="en">`: it then waits for an animation frame,
 * and a page that is not in front (wtr runs two test files at once) gets none, so every test of
 * that file would time out. Removed by {@link restoreGlobals}.
 */
export async function mount<T extends Element = HTMLElement>(template: TemplateResult): Promise<T> {
  const container = document.createElement('div');
  document.body.append(container);
  containers.push(container);
  render(template, container);
  await Promise.all([...container.querySelectorAll('*')].map((e) => (e as Partial<{ updateComplete: Promise<unknown> }>).updateComplete));
  return container.firstElementChild as T;
}

/**
 * A test's time limit: each wait of a page that is not in front lasts at least a second (see
 * {@link until}), and a test that mounts, waits and runs axe several times needs more than 10 s.
 */
export const SLOW_PAGE_TIMEOUT = 30_000;

/**
 * `waitUntil` with room for timers: in a page that is not in front, Chrome runs timers once a
 * second, so open-wc's one-second default would fail a check that succeeds.
 */
export function until(predicate: () => unknown, message: string, timeout = 5000): Promise<void> {
  return waitUntil(predicate, message, { timeout });
}

/** The fetch of the page before any test wrapped it. */
const realFetch = window.fetch.bind(window);

let sampleJson: Promise<Record<string, unknown>> | undefined;

/** The sample feed as written (a fresh copy each time, to change freely). */
export async function sampleInput(): Promise<Record<string, any>> {
  sampleJson ??= realFetch(SAMPLE_URL).then((r) => r.json() as Promise<Record<string, unknown>>);
  return structuredClone(await sampleJson);
}

/** The sample feed, changed by `edit`, validated as an element receives it. */
export async function sampleFeed(edit?: (input: Record<string, any>) => void): Promise<Feed> {
  const input = await sampleInput();
  edit?.(input);
  return parseFeed(input);
}

/** A one-cycle feed without sessions. */
export function emptyFeed(): Feed {
  return parseFeed({ formatVersion: 1, type: 'cycle', id: 'cycle-vide', title: 'Cycle sans sessions', audience: { kinds: ['agents'] } });
}

const blobUrls: string[] = [];
/** Raw JSON served through `src`, as a file on a CMS would be. Revoked by {@link restoreGlobals}. */
export function jsonUrl(json: unknown): string {
  const url = URL.createObjectURL(new Blob([typeof json === 'string' ? json : JSON.stringify(json)], { type: 'application/json' }));
  blobUrls.push(url);
  return url;
}

/** A backend whose feed arrives when the test resolves it: the loading state lasts as long as needed. */
export function deferredBackend(): { backend: Backend; resolve(feed: Feed): void; reject(error: unknown): void; readonly calls: number } {
  let resolve!: (feed: Feed) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<Feed>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  const d = {
    calls: 0,
    backend: {
      loadFeed: () => {
        d.calls++;
        return promise;
      },
    },
    resolve,
    reject,
  };
  return d;
}

/** Counts the requests of the page (the elements' loads) until {@link restoreGlobals}. */
export function countFetches(): string[] {
  const urls: string[] = [];
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    urls.push(input instanceof Request ? input.url : String(input));
    return realFetch(input, init);
  };
  return urls;
}

const startUrl = location.href;
const startLang = document.documentElement.getAttribute('lang');
const realCreateObjectURL = URL.createObjectURL;
const realAnchorClick = HTMLAnchorElement.prototype.click;

/** Removes what tests mounted; puts back what they changed: fetch, URL, anchors' click, the page's URL and language. */
export function restoreGlobals(): void {
  containers.splice(0).forEach((c) => c.remove());
  window.fetch = realFetch;
  URL.createObjectURL = realCreateObjectURL;
  HTMLAnchorElement.prototype.click = realAnchorClick;
  blobUrls.splice(0).forEach((u) => URL.revokeObjectURL(u));
  if (location.href !== startUrl) history.replaceState(null, '', startUrl);
  if (startLang === null) document.documentElement.removeAttribute('lang');
  else document.documentElement.setAttribute('lang', startLang);
  delete (window as { __xss?: unknown }).__xss;
}

/** Captures the files the page downloads (« Ajouter à mon agenda ») instead of saving them. */
export function captureDownloads(): { name: string; blob: Blob }[] {
  const blobs = new Map<string, Blob>();
  const files: { name: string; blob: Blob }[] = [];
  URL.createObjectURL = (obj: Blob | MediaSource) => {
    const url = realCreateObjectURL(obj);
    if (obj instanceof Blob) blobs.set(url, obj);
    return url;
  };
  HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
    const blob = blobs.get(this.href);
    if (blob && this.download) files.push({ name: this.download, blob });
    else realAnchorClick.call(this);
  };
  return files;
}

/** Whether a person sees the element: it has a box, and nothing around it is hidden or collapsed. */
export function isShown(el: Element | null | undefined): boolean {
  return Boolean(el && el.checkVisibility({ visibilityProperty: true }) && el.getClientRects().length > 0);
}

/**
 * The text a person sees in a shadow root (or element): hidden parts, text for screen readers only
 * and closed `<details>` left out; a space where a block starts, as the eye reads it.
 */
export function visibleText(root: ParentNode & Node): string {
  let out = '';
  let previous: Element | undefined;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const parent = n.parentElement;
    if (!parent || parent.closest('style, script') || !isShown(parent) || isVisuallyHidden(parent)) continue;
    const block = blockOf(parent);
    if (previous && previous !== block) out += ' ';
    out += n.textContent ?? '';
    previous = block;
  }
  return out.replace(/\s+/g, ' ').trim();
}

/** The box a text flows in: its closest ancestor that is not inline. */
function blockOf(el: Element): Element {
  let e = el;
  while (e.parentElement && /^(inline|contents)/.test(getComputedStyle(e).display)) e = e.parentElement;
  return e;
}

/** Text for screen readers only (1 px clipped): not what a sighted person sees. */
function isVisuallyHidden(el: Element): boolean {
  return Boolean(el.closest('.visually-hidden'));
}

/** All the text of a shadow root, for screen readers too (textContent, whitespace folded). */
export function allText(root: Node): string {
  return (root.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/**
 * How many elements match. Assert on this rather than on elements: a failed assertion whose value is
 * an element makes wtr hang while serialising it, and the failure is never reported.
 */
export function count(root: ParentNode, selector: string): number {
  return root.querySelectorAll(selector).length;
}

export function shadow(el: Element): ShadowRoot {
  if (!el.shadowRoot) throw new Error(`${el.localName} has no shadow root`);
  return el.shadowRoot;
}

export type ShownState = 'loading' | 'error' | 'empty' | 'ready' | 'blank';

/** Which of the four states an element shows, read from what it renders. */
export function stateOf(el: Element): ShownState {
  const root = shadow(el);
  if (root.querySelector('.state.loading')) return 'loading';
  if (root.querySelector('.state.error')) return 'error';
  if (root.querySelector('.sessions, .calendar, form.filters, form.fc-form, .outcome')) return 'ready';
  if (root.querySelector('.state.empty')) return 'empty';
  return 'blank';
}

export async function waitForState(el: Element, state: ShownState, timeout = 5000): Promise<void> {
  try {
    await until(() => stateOf(el) === state, '', timeout);
  } catch {
    const shown = stateOf(el);
    const detail = shown === 'error' ? `: ${visibleText(shadow(el).querySelector('.state.error')!)}` : '';
    throw new Error(`${el.localName} never showed its ${state} state; it shows its ${shown} state${detail}`);
  }
}

/** The element focused, through shadow roots. */
export function deepActiveElement(): Element | null {
  let a = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a;
}

/**
 * A Web Storage in a Map: what a tab's localStorage keeps across a "reload" (one per test, shared by
 * the outboxes that stand for the page before and after it).
 */
export class MapStorage implements Storage {
  readonly map = new Map<string, string>();
  get length() {
    return this.map.size;
  }
  key(i: number) {
    return [...this.map.keys()][i] ?? null;
  }
  getItem(k: string) {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.map.set(k, String(v));
  }
  removeItem(k: string) {
    this.map.delete(k);
  }
  clear() {
    this.map.clear();
  }
  /** The outbox's entries kept here. */
  entries() {
    return [...this.map.keys()].filter((k) => k.startsWith('formacoop:outbox:'));
  }
}
