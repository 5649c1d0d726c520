import { html, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { Feed } from '../src/index.js';
import type { Backend } from '../src/backend/backend.js';
import type { FeedErrorEvent, FeedLoadedEvent } from '../src/elements/cycle/cycle.js';
import { calendarUrl, emptyCycle, feedUrls, moments, pageFallback, pendingBackend, sampleCycle, toDate } from './support.js';

/**
 * `<fc-cycle>` shows nothing itself: it loads the feed once and gives it to the formacoop
 * elements inside it. Its stories put an `<fc-agenda>` inside, so that each state can be seen.
 */
interface CycleArgs {
  src?: string;
  /** Story only: `now` of the agenda inside (a timestamp from the date control). */
  now?: number;
  /** Story only: page content inside the agenda (a link to the programme). */
  fallback: boolean;
  /** The actions logged for the manifest's @fires. */
  onFcFeedLoaded?: (event: FeedLoadedEvent) => void;
  onFcFeedError?: (event: FeedErrorEvent) => void;
}

interface CycleInputs {
  readonly data?: Feed;
  readonly backend?: Backend;
}

function cycle(args: CycleArgs, inputs: CycleInputs = {}, content?: TemplateResult): TemplateResult {
  return html`<fc-cycle
    src=${ifDefined(args.src || undefined)}
    .data=${inputs.data}
    .backend=${inputs.backend}
    @fc-feed-loaded=${(e: FeedLoadedEvent) => args.onFcFeedLoaded?.(e)}
    @fc-feed-error=${(e: FeedErrorEvent) => args.onFcFeedError?.(e)}
  >
    ${content ?? html`<fc-agenda .now=${toDate(args.now)}>${pageFallback(args.fallback)}</fc-agenda>`}
  </fc-cycle>`;
}

const meta: Meta<CycleArgs> = {
  title: 'Composants/fc-cycle',
  component: 'fc-cycle',
  args: { fallback: false },
  argTypes: {
    now: {
      control: 'date',
      description: '`now` of the `<fc-agenda>` inside (not a property of `<fc-cycle>`).',
      table: { category: 'story' },
    },
    fallback: {
      control: 'boolean',
      description: 'Page content inside the agenda: shown while loading and with an error.',
      table: { category: 'story' },
    },
  },
  render: (args) => cycle(args, { data: sampleCycle }),
};
export default meta;

type Story = StoryObj<CycleArgs>;

/** The sample cycle, given parsed (`.data`), once it is over. */
export const Ready: Story = {
  name: 'Prêt',
  args: { now: moments.afterCycle },
};

/** « Cycle en cours »: on 1 March 2025, days 4, 5 and the bonus day are ahead. */
export const CycleUnderWay: Story = {
  name: 'Cycle en cours',
  args: { now: moments.duringCycle },
};

/** The feed has not answered yet (a backend that never resolves). */
export const Loading: Story = {
  name: 'Chargement',
  args: { fallback: true },
  render: (args) => cycle(args, { backend: pendingBackend }),
};

/** A cycle published before any session was planned. */
export const Empty: Story = {
  name: 'Vide (aucune session)',
  args: { now: moments.afterCycle },
  render: (args) => cycle(args, { data: emptyCycle }),
};

/** The feed's URL is wrong: the server answers 404. */
export const ErrorNotFound: Story = {
  name: 'Erreur — adresse introuvable (404)',
  args: { src: feedUrls.missing, fallback: true },
  render: (args) => cycle(args),
};

/** The feed is served but invalid: day 4 is dated 30 February, and the error names the field. */
export const ErrorInvalidFeed: Story = {
  name: 'Erreur — flux invalide (date impossible)',
  args: { src: feedUrls.impossibleDate },
  render: (args) => cycle(args),
};

/** One load for several elements: the list and the calendar of the same feed. */
export const SharedLoad: Story = {
  name: 'Un chargement, deux agendas',
  args: { now: moments.duringCycle },
  beforeEach: calendarUrl('cal-', '2025-03'),
  render: (args) =>
    cycle(
      args,
      { data: sampleCycle },
      html`<fc-agenda .now=${toDate(args.now)} page-size="3"></fc-agenda>
        <hr />
        <fc-agenda .now=${toDate(args.now)} url-prefix="cal-" heading-level="3"></fc-agenda>`,
    ),
};

/** The page is in English (`lang="en"` around the element). */
export const English: Story = {
  name: 'Anglais (lang="en")',
  args: { now: moments.duringCycle },
  globals: { lang: 'en' },
  render: (args) => html`<div lang="en">${cycle(args, { data: sampleCycle })}</div>`,
};
