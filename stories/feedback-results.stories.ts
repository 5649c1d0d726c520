import { html, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { styleMap } from 'lit/directives/style-map.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { createMemoryBackend, parseCycle, type Backend, type CycleFeed, type FeedbackResponse } from '../src/index.js';
import { darkPage, emptyCycle, feedUrls, pageFallback, pendingBackend, phonePage, sampleCycle, tokenStyle } from './support.js';

/**
 * The results of the sample cycle's (example) questionnaire, from answers invented for the stories
 * — never real ones: the article publishes no evaluation results.
 */
interface ResultsArgs {
  'heading-level': number;
  fallback: boolean;
}

const ADMIN = 'story-admin-token-not-a-real-one';

/** `n` invented answers (seeded): communautés 40 % / 30 % / 17 % / 8 % / the rest, texts on some. */
function inventedResponses(n: number, seed = 11): FeedbackResponse[] {
  let s = seed;
  const next = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const orgs = ['cc-monts-alban-villefranchois', 'cc-carmausin-segala', 'cc-membre-3', 'cc-membre-4', 'cc-membre-5'];
  const cut = [0.4, 0.7, 0.87, 0.95, 1];
  const rating = () => Math.min(5, Math.max(1, Math.round(3.8 + (next() - 0.45) * 3.2)));
  return Array.from({ length: n }, (_, i) => {
    const answers: Record<string, number | string> = { contenus: rating(), animation: rating(), utilite: rating(), 'organisation-journees': rating() };
    if (next() > 0.2) answers['alternance-lieux'] = rating();
    answers['recommandation'] = Math.min(10, Math.max(0, Math.round(8 + (next() - 0.55) * 6)));
    answers['communaute'] = orgs[cut.findIndex((c) => i / n < c)]!;
    // Every sixth answer, the three texts in turn (i / 6, not i: multiples of 6 are all 0 modulo 3).
    if (i % 6 === 0) answers['suites-cc'] = ['Un groupe de co-développement entre managers', 'Des ateliers communs entre services', 'Réutiliser les outils de facilitation en réunion'][(i / 6) % 3]!;
    return { id: `story-${i}`, cycleId: sampleCycle.id, formId: 'evaluation-cycle', answers, submittedAt: '2025-05-15T10:00:00.000Z' };
  });
}

const withResults = (results: { public: boolean; openAnswers: boolean }): CycleFeed =>
  parseCycle({ ...sampleCycle, feedback: [{ ...sampleCycle.feedback[0]!, results }] });

function results(args: ResultsArgs, inputs: { backend?: Backend; data?: CycleFeed; src?: string; adminToken?: string; lang?: string }): TemplateResult {
  return html`<div lang=${ifDefined(inputs.lang)}>
    <fc-feedback-results
      src=${ifDefined(inputs.src)}
      heading-level=${args['heading-level']}
      .backend=${inputs.backend}
      .data=${inputs.data}
      .adminToken=${inputs.adminToken}
      style=${styleMap(tokenStyle(args))}
      >${pageFallback(args.fallback)}</fc-feedback-results
    >
  </div>`;
}

/** The organiser's view of 60 invented answers (admin token set by the page). */
const organiser = (n = 60, feed: CycleFeed = sampleCycle) => ({
  backend: createMemoryBackend(feed, { feedbackResponses: inventedResponses(n), adminToken: ADMIN }),
  adminToken: ADMIN,
});

const meta: Meta<ResultsArgs> = {
  title: 'Composants/fc-feedback-results',
  component: 'fc-feedback-results',
  args: { 'heading-level': 2, fallback: false },
  argTypes: { fallback: { control: 'boolean', description: 'Page content inside the element.', table: { category: 'story' } } },
  render: (args) => results(args, organiser()),
};
export default meta;

type Story = StoryObj<ResultsArgs>;

/** 60 answers: charts with their tables, means, the recommendation score, the breakdown per communauté (small groups withheld), open answers (organiser). */
export const Ready: Story = { name: 'Résultats (organisateur, 60 réponses inventées)' };

/** Published results, open answers not published. */
export const Public: Story = {
  name: 'Résultats publiés',
  render: (args) => results(args, { backend: createMemoryBackend(withResults({ public: true, openAnswers: false }), { feedbackResponses: inventedResponses(60) }) }),
};

/** Not published, no admin token: the organiser is asked for it. */
export const Locked: Story = {
  name: 'Réservé aux organisateurs (jeton)',
  render: (args) => results(args, { backend: createMemoryBackend(sampleCycle, { feedbackResponses: inventedResponses(60), adminToken: ADMIN }) }),
};

/** The feed has not answered yet. */
export const Loading: Story = {
  name: 'Chargement',
  args: { fallback: true },
  render: (args) => results(args, { backend: pendingBackend }),
};

/** The results have not answered yet. */
export const LoadingResults: Story = {
  name: 'Chargement des résultats',
  render: (args) => {
    const m = createMemoryBackend(sampleCycle);
    return results(args, { backend: { loadFeed: (o) => m.loadFeed(o), feedbackSummary: () => new Promise<never>(() => undefined) } });
  },
};

/** No answer yet. */
export const NoResponses: Story = {
  name: 'Vide (aucune réponse)',
  render: (args) => results(args, organiser(0)),
};

/** Three answers: fewer than the minimum group size, nothing but the count is shown. */
export const Withheld: Story = {
  name: 'Trop peu de réponses (masqué)',
  render: (args) => results(args, organiser(3)),
};

/** A cycle without questionnaire. */
export const Empty: Story = {
  name: 'Vide (aucun questionnaire)',
  render: (args) => results(args, { backend: createMemoryBackend(emptyCycle) }),
};

/** The server fails. */
export const ErrorServer: Story = {
  name: 'Erreur — serveur',
  render: (args) => {
    const m = createMemoryBackend(sampleCycle, { adminToken: ADMIN });
    return results(args, { backend: { loadFeed: (o) => m.loadFeed(o), feedbackSummary: () => Promise.reject(new Error('le serveur a répondu « erreur 500 »')) }, adminToken: ADMIN });
  },
};

/** A feed file without a server: results cannot be read. */
export const ErrorNoServer: Story = {
  name: 'Erreur — pas de serveur',
  render: (args) => results(args, { data: sampleCycle }),
};

/** The feed's URL is wrong. */
export const ErrorFeed: Story = {
  name: 'Erreur — programme introuvable',
  args: { fallback: true },
  render: (args) => results(args, { src: feedUrls.missing }),
};

/** `lang="en"`. */
export const English: Story = {
  name: 'English',
  render: (args) => results(args, { ...organiser(), lang: 'en' }),
};

/** A 360 px column: the breakdown table scrolls. */
export const Phone: Story = {
  name: 'Téléphone (360 px)',
  render: (args) => phonePage(results(args, organiser())),
};

/** A site's dark theme. */
export const Dark: Story = {
  name: 'Thème sombre',
  render: (args) => darkPage(results(args, organiser())),
};
