import { html, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { styleMap } from 'lit/directives/style-map.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { Availability, CatalogueFeed, Feed } from '../src/index.js';
import type { Backend } from '../src/backend/backend.js';
import type { RegisterEvent } from '../src/elements/agenda/agenda.js';
import {
  availability,
  calendarUrl,
  cycleOpen,
  cycleWithPhotos,
  darkPage,
  emptyCycle,
  feedUrls,
  largeCatalogue,
  moments,
  pageFallback,
  pendingBackend,
  phonePage,
  sampleCycle,
  toDate,
  tokenStyle,
} from './support.js';

/**
 * The controls: the attributes a page writes (from custom-elements.json), `now`, and the --fc-*
 * tokens. Feeds are not controls: each story gives its own (too large, and not serialisable).
 */
interface AgendaArgs {
  src?: string;
  'heading-level': number;
  'registration-url'?: string;
  jsonld: boolean;
  'page-size': number;
  'url-prefix': string;
  /** Timestamp from the date control; the element's `now`. */
  now?: number;
  /** Story only: page content inside the element (a link to the programme). */
  fallback: boolean;
  /** Story only: handle « S'inscrire » in the page (`preventDefault()` on `fc-register`). */
  handleRegistration: boolean;
  /** The action logged for `fc-register` (from the manifest's @fires). */
  onFcRegister?: (event: RegisterEvent) => void;
}

/** What a story gives the element from JavaScript, beside its controls. */
interface AgendaInputs {
  readonly data?: Feed;
  readonly backend?: Backend;
  readonly availability?: readonly Availability[];
}

function agenda(args: AgendaArgs, inputs: AgendaInputs = {}): TemplateResult {
  const onRegister = (event: RegisterEvent) => {
    if (args.handleRegistration) event.preventDefault();
    args.onFcRegister?.(event);
  };
  return html`<fc-agenda
    src=${ifDefined(args.src || undefined)}
    heading-level=${args['heading-level']}
    registration-url=${ifDefined(args['registration-url'] || undefined)}
    ?jsonld=${args.jsonld}
    page-size=${args['page-size']}
    url-prefix=${args['url-prefix']}
    .data=${inputs.data}
    .backend=${inputs.backend}
    .availability=${inputs.availability}
    .now=${toDate(args.now)}
    style=${styleMap(tokenStyle(args))}
    @fc-register=${onRegister}
    >${pageFallback(args.fallback)}</fc-agenda
  >`;
}

const meta: Meta<AgendaArgs> = {
  title: 'Composants/fc-agenda',
  component: 'fc-agenda',
  args: {
    'heading-level': 2,
    'page-size': 20,
    'url-prefix': 'fc-',
    jsonld: false,
    fallback: false,
    handleRegistration: false,
  },
  argTypes: {
    now: {
      control: 'date',
      description: 'The present moment (for past / upcoming); now by default.',
      table: { category: 'properties', type: { summary: 'Date | undefined' } },
    },
    fallback: {
      control: 'boolean',
      description: 'Page content inside the element: shown while loading and with an error.',
      table: { category: 'story' },
    },
    handleRegistration: {
      control: 'boolean',
      description: 'The page handles « S’inscrire » itself: `preventDefault()` on `fc-register`.',
      table: { category: 'story' },
    },
  },
  render: (args) => agenda(args, { data: sampleCycle }),
};
export default meta;

type Story = StoryObj<AgendaArgs>;

/** The sample cycle once it is over: every day past, days 1–3 without a known date. */
export const ReadyList: Story = {
  name: 'Prêt — liste',
  args: { now: moments.afterCycle },
};

/** The month calendar (reached by `?calendrier-view=calendar&calendrier-month=2025-03`). */
export const ReadyCalendar: Story = {
  name: 'Prêt — calendrier',
  args: { now: moments.duringCycle, 'url-prefix': 'calendrier-' },
  beforeEach: calendarUrl('calendrier-', '2025-03'),
};

/** « Cycle en cours »: on 1 March 2025, days 4, 5 and the bonus day are ahead. */
export const CycleUnderWay: Story = {
  name: 'Cycle en cours',
  args: { now: moments.duringCycle },
};

/** The feed has not answered yet (a backend that never resolves), with the page's own link. */
export const Loading: Story = {
  name: 'Chargement',
  args: { fallback: true },
  render: (args) => agenda(args, { backend: pendingBackend }),
};

/** A cycle published before any session was planned. */
export const Empty: Story = {
  name: 'Vide (aucune session)',
  args: { now: moments.afterCycle },
  render: (args) => agenda(args, { data: emptyCycle }),
};

/** The feed's URL is wrong: the server answers 404, and the page's link stays. */
export const ErrorNotFound: Story = {
  name: 'Erreur — adresse introuvable (404)',
  args: { src: feedUrls.missing, fallback: true },
  render: (args) => agenda(args),
};

/** The feed is served but invalid: day 4 is dated 30 February, and the error names the field. */
export const ErrorInvalidFeed: Story = {
  name: 'Erreur — flux invalide (date impossible)',
  args: { src: feedUrls.impossibleDate },
  render: (args) => agenda(args),
};

/** A generated catalogue of 1,000 sessions in about 170 cycles: filters, counts, « Afficher plus ». */
export const ThousandSessions: Story = {
  name: '1 000 sessions (catalogue généré)',
  args: { now: moments.catalogue },
  loaders: [async () => ({ catalogue: largeCatalogue() })],
  render: (args, { loaded }) => agenda(args, { data: (loaded as { catalogue: CatalogueFeed }).catalogue }),
};

/** Past sessions with their « retour en images » (drawn illustrations, each with its alternative text). */
export const PastWithPhotos: Story = {
  name: 'Sessions passées avec photos',
  args: { now: moments.afterCycle },
  render: (args) => agenda(args, { data: cycleWithPhotos }),
};

/** Registrations open: seats left, « Complet », and the waiting list; « S'inscrire » is logged. */
export const RegistrationOpen: Story = {
  name: 'Inscriptions ouvertes (places, complet, liste d’attente)',
  args: { now: moments.duringCycle, 'registration-url': 'inscription.html', handleRegistration: true },
  render: (args) => agenda(args, { data: cycleOpen, availability }),
};

/** The page is in English (`lang="en"` around the element); the feed's own texts stay French. */
export const English: Story = {
  name: 'Anglais (lang="en")',
  args: { now: moments.duringCycle, 'registration-url': 'inscription.html', handleRegistration: true },
  globals: { lang: 'en' },
  render: (args) => html`<div lang="en">${agenda(args, { data: cycleOpen, availability })}</div>`,
};

/** A site with a dark theme that sets the --fc-* tokens (contrast ≥ 4.5:1 for every text). */
export const DarkTheme: Story = {
  name: 'Thème sombre du site',
  args: { now: moments.duringCycle, 'registration-url': 'inscription.html', handleRegistration: true },
  render: (args) => darkPage(agenda(args, { data: cycleOpen, availability })),
};

/** A 360 px wide phone. */
export const Phone: Story = {
  name: 'Téléphone (360 px)',
  args: { now: moments.duringCycle, 'registration-url': 'inscription.html', handleRegistration: true },
  globals: { viewport: { value: 'phone360', isRotated: false } },
  render: (args) => phonePage(agenda(args, { data: cycleOpen, availability })),
};
