// Runs inside the benchmark page: mounts <fc-agenda> over a generated catalogue and times it.
import { generateCatalogue } from '/examples/generate-catalogue.js';

const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));

async function ready(el) {
  while (!el.shadowRoot?.querySelector('li.session')) await new Promise((r) => setTimeout(r, 1));
  await el.updateComplete;
}

/** Time from mounting <fc-agenda src=…> (fetch, validation, first render and paint) to the list on screen. */
window.firstRender = async (sessions, seed) => {
  const feed = generateCatalogue({ sessions, seed });
  const url = URL.createObjectURL(new Blob([JSON.stringify(feed)], { type: 'application/json' }));
  const stage = document.getElementById('stage');
  stage.replaceChildren();
  await frame();
  const t0 = performance.now();
  const el = document.createElement('fc-agenda');
  el.setAttribute('src', url);
  stage.append(el);
  await ready(el);
  await frame();
  const total = performance.now() - t0;
  URL.revokeObjectURL(url);
  return total;
};

/** Time from one keystroke in the search field to the updated list (render, then the next frame). */
window.filterKeystroke = async (text) => {
  const el = document.querySelector('fc-agenda');
  const input = el.shadowRoot.querySelector('#f-q');
  const t0 = performance.now();
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await el.updateComplete;
  const rendered = performance.now() - t0;
  await frame();
  return { rendered, painted: performance.now() - t0 };
};
