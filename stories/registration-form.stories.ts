import { html, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { styleMap } from 'lit/directives/style-map.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import demo from '../examples/demo-cycle-exemple.json';
import { createMemoryBackend, createOutbox, parseCycle, type CycleFeed, type MemoryBackend, type Outbox, type Registration } from '../src/index.js';
import type { Backend } from '../src/backend/backend.js';
import type { FcRegistrationForm, RegisteredEvent, RegistrationFailedEvent, RegistrationQueuedEvent } from '../src/elements.js';
import { phonePage, sampleCycle, tokenStyle } from './support.js';

/** The fictitious 2027 cycle of the demo: 40 seats, registration open, a bonus day for participants. */
const openCycle: CycleFeed = parseCycle(demo);
const noWaitlist: CycleFeed = parseCycle({ ...demo, registration: { ...demo.registration, waitlist: false } });

/** The 40 seats taken (invented people), so that the next person is waitlisted — or refused without a list. */
const fortyRegistered = (cycle: CycleFeed): Registration[] =>
  Array.from({ length: 40 }, (_, i) => ({
    id: `r${String(i).padStart(3, '0')}`,
    cycleId: cycle.id,
    participant: { firstName: 'Personne', lastName: `n° ${i + 1}`, email: `personne.${i + 1}@exemple.fr`, function: 'head-of-department', organisationId: 'cc-membre-3' },
    sessionIds: ['journee-1', 'journee-2', 'journee-3', 'journee-4', 'journee-5'],
    status: 'confirmed',
    createdAt: '2026-10-01T09:00:00.000Z',
  }));

interface FormArgs {
  'heading-level': number;
  email?: string;
  'first-name'?: string;
  'last-name'?: string;
  organisation?: string;
  sessions?: string;
  onFcRegistered?: (e: RegisteredEvent) => void;
  onFcRegistrationQueued?: (e: RegistrationQueuedEvent) => void;
  onFcRegistrationFailed?: (e: RegistrationFailedEvent) => void;
}

interface Inputs {
  readonly backend: Backend;
  /** A story's own outbox (kept in memory: stories never leave entries in the browser's storage). */
  readonly outbox?: Outbox;
}

const memory = (cycle: CycleFeed = openCycle, options: Parameters<typeof createMemoryBackend>[1] = {}) =>
  createMemoryBackend(cycle, { minFillMs: 0, latencyMs: 300, ...options });

function form(args: FormArgs, inputs: Inputs): TemplateResult {
  return html`<fc-registration-form
    heading-level=${args['heading-level']}
    email=${ifDefined(args.email || undefined)}
    first-name=${ifDefined(args['first-name'] || undefined)}
    last-name=${ifDefined(args['last-name'] || undefined)}
    organisation=${ifDefined(args.organisation || undefined)}
    sessions=${ifDefined(args.sessions || undefined)}
    .backend=${inputs.backend}
    .outbox=${inputs.outbox ?? createOutbox({ storage: null })}
    style=${styleMap(tokenStyle(args))}
    @fc-registered=${(e: RegisteredEvent) => args.onFcRegistered?.(e)}
    @fc-registration-queued=${(e: RegistrationQueuedEvent) => args.onFcRegistrationQueued?.(e)}
    @fc-registration-failed=${(e: RegistrationFailedEvent) => args.onFcRegistrationFailed?.(e)}
  ></fc-registration-form>`;
}

/** Forgets what an earlier story typed (the form keeps a draft in session storage). */
const forgetDrafts = () => {
  for (const key of Object.keys(sessionStorage)) if (key.startsWith('formacoop:draft:registration:')) sessionStorage.removeItem(key);
};

/** The element of the story, once its form (or outcome) is shown. */
async function ready(canvas: HTMLElement): Promise<FcRegistrationForm> {
  const el = canvas.querySelector('fc-registration-form')!;
  for (let i = 0; i < 100 && !el.shadowRoot?.querySelector('form, .outcome'); i++) await new Promise((r) => setTimeout(r, 50));
  return el;
}

/** Types a person's answers, as input events would. */
async function fillIn(canvas: HTMLElement): Promise<FcRegistrationForm> {
  const el = await ready(canvas);
  const set = (name: string, value: string) => {
    const c = el.shadowRoot!.getElementById(`f-${name}`) as HTMLInputElement;
    c.value = value;
    c.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  };
  set('participant.firstName', 'Anne');
  set('participant.lastName', 'Martin');
  set('participant.email', 'anne.martin@carmausin-segala.fr');
  set('participant.function', 'head-of-department');
  set('participant.organisationId', 'cc-carmausin-segala');
  await el.updateComplete;
  return el;
}

const submit = (el: FcRegistrationForm) => el.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();

const meta: Meta<FormArgs> = {
  title: 'Composants/fc-registration-form',
  component: 'fc-registration-form',
  args: { 'heading-level': 2 },
  beforeEach: forgetDrafts,
  render: (args) => form(args, { backend: memory() }),
};
export default meta;

type Story = StoryObj<FormArgs>;

/** The form as a person first sees it: the cycle, its seats, the fields, the notice. */
export const EmptyForm: Story = { name: 'Formulaire vide' };

/** Prefilled by the page (attributes, or `?email=` from an invitation email): seen, and editable. */
export const Prefilled: Story = {
  name: 'Prérempli (invitation)',
  args: { 'first-name': 'Jeanne', 'last-name': 'Durand', email: 'jeanne.durand@cc-membre-3.fr', organisation: 'cc-membre-3' },
};

/** Sent empty: the summary lists each error, and each field says its own. */
export const Errors: Story = {
  name: 'Erreurs',
  play: async ({ canvasElement }) => submit(await ready(canvasElement)),
};

/** Sending (a server that takes its time). */
export const Submitting: Story = {
  name: 'Envoi en cours',
  // A server that has not answered yet (and never will, in this story).
  render: (args) => form(args, { backend: { ...memory(), register: () => new Promise<never>(() => undefined) } }),
  play: async ({ canvasElement }) => submit(await fillIn(canvasElement)),
};

/** Offline: the registration waits in the outbox, and says it will be sent when the connection returns. */
export const QueuedOffline: Story = {
  name: 'Hors connexion (en attente d’envoi)',
  render: (args) => form(args, { backend: memory(), outbox: createOutbox({ storage: null, online: () => false, events: null }) }),
  play: async ({ canvasElement }) => {
    const el = await fillIn(canvasElement);
    (el.backend as MemoryBackend).setOffline(true);
    submit(el);
  },
};

/** Confirmed: the chosen days, « Ajouter à mon agenda », the bonus day now offered. */
export const Confirmed: Story = {
  name: 'Inscription confirmée',
  render: (args) => form(args, { backend: memory(openCycle, { latencyMs: 0 }) }),
  play: async ({ canvasElement }) => submit(await fillIn(canvasElement)),
};

/** The 41st person of a 40-seat cycle: the form offers the waiting list, and gives the position. */
export const Waitlisted: Story = {
  name: 'Liste d’attente (41e inscrit·e)',
  render: (args) => form(args, { backend: memory(openCycle, { latencyMs: 0, registrations: fortyRegistered(openCycle) }) }),
  play: async ({ canvasElement }) => {
    const el = await fillIn(canvasElement);
    for (let i = 0; i < 100 && !el.shadowRoot!.querySelector('.banner'); i++) await new Promise((r) => setTimeout(r, 50));
    submit(el);
  },
};

/** Registration closed (the seed cycle, now over). */
export const Closed: Story = {
  name: 'Inscriptions closes',
  render: (args) => form(args, { backend: memory(sampleCycle) }),
};

/** Full, and no waiting list. */
export const Full: Story = {
  name: 'Complet (sans liste d’attente)',
  render: (args) => form(args, { backend: memory(noWaitlist, { registrations: fortyRegistered(noWaitlist) }) }),
};

/** The page is in English (`lang="en"` around the element); the feed's own texts stay French. */
export const English: Story = {
  name: 'Anglais (lang="en")',
  globals: { lang: 'en' },
  render: (args) => html`<div lang="en">${form(args, { backend: memory() })}</div>`,
};

/** A 360 px wide phone. */
export const Phone: Story = {
  name: 'Téléphone (360 px)',
  globals: { viewport: { value: 'phone360', isRotated: false } },
  render: (args) => phonePage(form(args, { backend: memory() })),
};
