import { html, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { styleMap } from 'lit/directives/style-map.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { createMemoryBackend, createOutbox, parseCycle, type Backend, type CycleFeed, type MemoryBackend, type Outbox } from '../src/index.js';
import type { FeedbackSentEvent } from '../src/elements/feedback/feedback.js';
import { darkPage, emptyCycle, feedUrls, pageFallback, pendingBackend, phonePage, sampleCycle, toDate, tokenStyle } from './support.js';

/**
 * The evaluation questionnaire of the sample cycle (examples/: an example questionnaire, since the
 * article gives none), against a memory backend: every state a designer must see. The states after
 * a submit (errors, sending, queued, thanks, already answered) are reached by the story's `play`,
 * which answers and sends as a person would.
 */
interface FeedbackArgs {
  'heading-level': number;
  session?: string;
  token?: string;
  now?: number;
  fallback: boolean;
  onFcFeedbackSent?: (event: FeedbackSentEvent) => void;
}

interface FeedbackInputs {
  readonly data?: CycleFeed;
  readonly backend?: Backend;
  readonly outbox?: Outbox;
  readonly src?: string;
  readonly lang?: string;
}

/** A questionnaire variant of the sample cycle. */
const withForm = (edit: Record<string, unknown>): CycleFeed =>
  parseCycle({ ...sampleCycle, feedback: [{ ...sampleCycle.feedback[0]!, ...edit }] });

/** Each story its own backend and outbox (in memory): nothing a story sends reaches another. */
function memory(feed: CycleFeed = sampleCycle, options: Parameters<typeof createMemoryBackend>[1] = {}): { backend: MemoryBackend; outbox: Outbox } {
  const backend = createMemoryBackend(feed, { latencyMs: 300, ...options });
  const outbox = createOutbox({ storage: null, events: new EventTarget(), online: () => !backend.offline });
  return { backend, outbox };
}

function feedback(args: FeedbackArgs, inputs: FeedbackInputs = memory()): TemplateResult {
  return html`<div lang=${ifDefined(inputs.lang)}>
    <fc-feedback
      src=${ifDefined(inputs.src)}
      heading-level=${args['heading-level']}
      session=${ifDefined(args.session || undefined)}
      token=${ifDefined(args.token || undefined)}
      .data=${inputs.data}
      .backend=${inputs.backend}
      .outbox=${inputs.outbox}
      .now=${toDate(args.now)}
      style=${styleMap(tokenStyle(args))}
      @fc-feedback-sent=${(e: FeedbackSentEvent) => args.onFcFeedbackSent?.(e)}
      >${pageFallback(args.fallback)}</fc-feedback
    >
  </div>`;
}

/**
 * Waits for the questionnaire, answers the required criteria (and optionally more), and sends.
 * `offline`: the connection drops once the questionnaire is shown (the feed loaded while online).
 */
async function answerAndSend(canvas: HTMLElement, { answer = true, offline = false } = {}): Promise<void> {
  const el = canvas.querySelector('fc-feedback')!;
  for (let i = 0; i < 100 && !el.shadowRoot?.querySelector('form'); i++) await new Promise((r) => setTimeout(r, 50));
  const root = el.shadowRoot!;
  if (offline) (el.backend as MemoryBackend).setOffline(true);
  if (answer) {
    for (const [q, v] of [['contenus', 4], ['animation', 5], ['utilite', 4], ['organisation-journees', 3], ['recommandation', 9]] as const) {
      root.querySelector<HTMLInputElement>(`input[name="answers.${q}"][value="${v}"]`)?.click();
    }
  }
  await (el as unknown as { updateComplete: Promise<unknown> }).updateComplete;
  root.querySelector<HTMLButtonElement>('button[part="submit"]')?.click();
}

const meta: Meta<FeedbackArgs> = {
  title: 'Composants/fc-feedback',
  component: 'fc-feedback',
  args: { 'heading-level': 2, fallback: false },
  argTypes: {
    now: { control: 'date', description: 'The present moment (opening and closing dates).', table: { category: 'properties' } },
    fallback: { control: 'boolean', description: 'Page content inside the element.', table: { category: 'story' } },
  },
  render: (args) => feedback(args),
};
export default meta;

type Story = StoryObj<FeedbackArgs>;

/** The questionnaire, ready to answer: scales of real radio buttons, required questions marked. */
export const Form: Story = { name: 'Questionnaire' };

/** The feed has not answered yet, with the page's own text. */
export const Loading: Story = {
  name: 'Chargement',
  args: { fallback: true },
  render: (args) => feedback(args, { backend: pendingBackend }),
};

/** A cycle without questionnaire. */
export const Empty: Story = {
  name: 'Vide (aucun questionnaire)',
  render: (args) => feedback(args, memory(emptyCycle)),
};

/** The feed's URL is wrong. */
export const ErrorFeed: Story = {
  name: 'Erreur — programme introuvable',
  args: { fallback: true },
  render: (args) => feedback(args, { src: feedUrls.missing }),
};

/** A page without a server: the questionnaire cannot be sent, and says so rather than lose answers. */
export const ErrorNoServer: Story = {
  name: 'Erreur — pas de serveur',
  render: (args) => feedback(args, { data: sampleCycle }),
};

/** After the deadline. */
export const ClosedAfterDeadline: Story = {
  name: 'Clos (après la date limite)',
  render: (args) => feedback({ ...args, now: Date.parse('2025-06-20T09:00:00+02:00') }, memory(withForm({ closesAt: '2025-06-15T18:00:00+02:00' }))),
};

/** A day's questionnaire, before that day has taken place. */
export const ClosedBeforeSession: Story = {
  name: 'Clos (avant la journée)',
  args: { session: 'journee-5', now: Date.parse('2025-05-01T09:00:00+02:00') },
  render: (args) => feedback(args, memory(withForm({ scope: 'session', sessionIds: ['journee-4', 'journee-5'] }))),
};

/** An empty submit: the error summary (role="alert") with links, and each question's error. */
export const Errors: Story = {
  name: 'Erreurs',
  play: ({ canvasElement }) => answerAndSend(canvasElement, { answer: false }),
};

/** While the server answers (a server that never does). */
export const Sending: Story = {
  name: 'Envoi en cours',
  render: (args) => {
    const { backend, outbox } = memory();
    return feedback(args, { backend: { loadFeed: (o) => backend.loadFeed(o), sendFeedback: () => new Promise<never>(() => undefined) }, outbox });
  },
  play: ({ canvasElement }) => answerAndSend(canvasElement),
};

/**
 * The connection drops after the questionnaire was shown: the answers are kept on the device and
 * will be sent on return. (Offline from the start, the feed itself could not load.)
 */
export const QueuedOffline: Story = {
  name: 'Hors ligne (réponses gardées)',
  play: ({ canvasElement }) => answerAndSend(canvasElement, { offline: true }),
};

/** Sent and stored. */
export const Thanks: Story = {
  name: 'Merci',
  play: ({ canvasElement }) => answerAndSend(canvasElement),
};

/** A personal link used a second time. */
export const AlreadyAnswered: Story = {
  name: 'Déjà répondu (lien personnel)',
  render: (args) => {
    const m = memory(withForm({ access: 'token' }));
    const [token] = m.backend.issueFeedbackTokens(sampleCycle.id, 'evaluation-cycle', 1);
    void m.backend.sendFeedback(sampleCycle.id, { formId: 'evaluation-cycle', answers: { contenus: 4, animation: 4, utilite: 4, 'organisation-journees': 4 }, token }, { idempotencyKey: 'story-first-answer' });
    return feedback({ ...args, token }, m);
  },
  play: ({ canvasElement }) => answerAndSend(canvasElement),
};

/** A questionnaire with participant tokens, opened without the personal link. */
export const TokenMissing: Story = {
  name: 'Lien personnel manquant',
  render: (args) => feedback(args, memory(withForm({ access: 'token' }))),
};

/** With a personal link: the notice says the token is not kept with the answers. */
export const WithToken: Story = {
  name: 'Avec lien personnel',
  render: (args) => {
    const m = memory(withForm({ access: 'token' }));
    const [token] = m.backend.issueFeedbackTokens(sampleCycle.id, 'evaluation-cycle', 1);
    return feedback({ ...args, token }, m);
  },
};

/** `lang="en"` on the page. */
export const English: Story = {
  name: 'English',
  render: (args) => feedback(args, { ...memory(), lang: 'en' }),
};

/** A 360 px column: the scales stack. */
export const Phone: Story = {
  name: 'Téléphone (360 px)',
  render: (args) => phonePage(feedback(args)),
};

/** A site's dark theme, through the tokens only. */
export const Dark: Story = {
  name: 'Thème sombre',
  render: (args) => darkPage(feedback(args)),
};
