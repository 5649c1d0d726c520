/**
 * A synthetic catalogue feed of any size, for tests, Storybook stories and benchmarks.
 *
 * Pure ES module with no Node or DOM API, so that a browser, a story and a benchmark can all import
 * it. Deterministic: the same options give the same feed (a seeded mulberry32, no Math.random, no
 * clock). Everything in it is made up, and every cycle says so in its provenance.
 */

/** @param {number} seed */
function mulberry32(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const EPCI_PREFIXES = [
  'Communauté de communes',
  'Communauté de communes',
  'Communauté de communes',
  "Communauté d'agglomération",
];
const EPCI_NAMES = [
  'des Coteaux du Girou',
  'du Val de Vère',
  'des Monts de Lacaune',
  'du Ségala Tarnais',
  'des Bastides du Rouergue',
  'du Haut-Languedoc',
  'des Causses et Vallées',
  'du Pays de Cocagne',
  'de la Montagne Noire',
  'du Lauragais Revel',
  'des Terres de Garonne',
  'du Quercy Vert',
  'des Vallées du Lot',
  'du Haut-Célé',
  'des Deux Vallons',
  'du Pays Salvetat',
];
const POLES = [
  'Pôle territorial des Bastides',
  'PETR du Pays Cathare',
  'Pays des Coteaux du Quercy',
  'Pôle d’équilibre du Haut-Rouergue',
];
const DEPARTMENTS = ['81', '12', '46', '82', '31', '11'];
const COMMUNES = [
  'Albi',
  'Castres',
  'Gaillac',
  'Carmaux',
  'Graulhet',
  'Lavaur',
  'Mazamet',
  'Rabastens',
  'Réalmont',
  'Cordes-sur-Ciel',
  'Lacaune',
  'Rodez',
  'Villefranche-de-Rouergue',
  'Figeac',
  'Caussade',
  'Revel',
];
const VENUE_KINDS = [
  'Salle des fêtes',
  'Maison des services au public',
  'Médiathèque',
  'Halle',
  'Tiers-lieu',
  'Salle du conseil communautaire',
];
const CYCLE_THEMES = [
  'Management par la coopération',
  'Piloter les transitions',
  'Conduite du changement',
  'Animer la participation citoyenne',
  'Finances locales et budget vert',
  'Sobriété foncière et urbanisme',
  'Accueil et relation aux usagers',
  'Prévention des risques psychosociaux',
  'Commande publique responsable',
  'Mobilités rurales',
];
const SESSION_TITLES = [
  'Poser le cadre et faire connaissance',
  'Diagnostic partagé du territoire',
  'Gouvernance de projet et transversalité',
  'Outils d’animation de la coopération',
  'Retours d’expérience de collectivités',
  'Piloter avec les élu·es',
  'Conduire une réunion participative',
  'Évaluer et décider ensemble',
  'Construire un plan d’action',
  'Bilan et suites à donner',
];
const PROGRAMME = [
  ['workshop', 'Travaux en sous-groupes sur un cas réel'],
  ['theory', 'Apports théoriques et repères'],
  ['experience-sharing', 'Retour d’expérience d’une collectivité voisine'],
  ['tools-and-methods', 'Prise en main d’outils et de méthodes'],
  ['discussion', 'Temps d’échanges entre participant·es'],
  ['presentation', 'Présentation de pistes de travail'],
  ['evaluation', 'Temps d’évaluation'],
];
const AUDIENCE_DESCRIPTIONS = [
  'DGS, responsables de pôle, chef·fes de service',
  'chargé·es de mission et chef·fes de projet',
  'agents d’accueil et de guichet',
  'encadrant·es de proximité',
];
const CAPACITIES = [12, 15, 16, 20, 24, 25, 30, 40];
const TIMES = [
  ['09:00', '17:00'],
  ['09:30', '16:30'],
  ['09:00', '12:30'],
  ['14:00', '17:30'],
  ['08:45', '17:15'],
];
const MONTHS_FR = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];
const PARTS = /** @type {const} */ ([
  ['early', 'début'],
  ['mid', 'mi-'],
  ['late', 'fin'],
]);
const DAY_MS = 86_400_000;

/** @param {string} iso */
function parseDay(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const t = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  if (!m || Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== iso) {
    throw new RangeError(`startDate must be a real date as YYYY-MM-DD, got ${JSON.stringify(iso)}`);
  }
  return t;
}

/** Moves a day off the weekend, to the next Monday. @param {number} t */
function weekday(t) {
  const d = new Date(t).getUTCDay();
  return d === 6 ? t + 2 * DAY_MS : d === 0 ? t + DAY_MS : t;
}

/**
 * @param {import('./generate-catalogue.js').GenerateCatalogueOptions} options
 * @returns {import('./generate-catalogue.js').GeneratedCatalogue}
 */
export function generateCatalogue(options) {
  const sessions = options.sessions;
  if (!Number.isInteger(sessions) || sessions < 0) throw new RangeError('sessions must be an integer ≥ 0');
  const cycleCount = options.cycles ?? Math.max(1, Math.ceil(sessions / 6));
  if (!Number.isInteger(cycleCount) || cycleCount < 1) throw new RangeError('cycles must be an integer ≥ 1');
  const seed = options.seed ?? 1;
  const start = parseDay(options.startDate ?? '2026-01-05');
  const random = mulberry32(seed);
  /** @param {number} n */
  const int = (n) => Math.floor(random() * n);
  /**
   * @template T
   * @param {readonly T[]} list
   * @returns {T}
   */
  const pick = (list) => /** @type {T} */ (list[int(list.length)]);
  /** @param {number} p */
  const chance = (p) => random() < p;

  // Unique EPCI names: the base list first, then numbered repeats.
  /** @param {number} i */
  const epciName = (i) => {
    const base = `${EPCI_PREFIXES[i % EPCI_PREFIXES.length]} ${EPCI_NAMES[i % EPCI_NAMES.length]}`;
    const round = Math.floor(i / EPCI_NAMES.length);
    return round === 0 ? base : `${base} ${round + 1}`;
  };

  const cycles = [];
  let nextEpci = 0;
  for (let c = 0; c < cycleCount; c++) {
    // An even split, the remainder on the first cycles: exactly `sessions` sessions in all.
    const n = Math.floor(sessions / cycleCount) + (c < sessions % cycleCount ? 1 : 0);
    const cid = `cycle-${c + 1}`;
    const department = pick(DEPARTMENTS);
    const members = [];
    const memberCount = 2 + int(4);
    for (let m = 0; m < memberCount; m++) {
      const i = nextEpci++;
      members.push({
        id: `epci-${i + 1}`,
        name: epciName(i),
        kind: 'epci',
        roles: ['member'],
        department,
      });
    }
    const organisations = [
      { id: 'pole', name: `${pick(POLES)} ${c + 1}`, kind: 'territorial-pole', roles: ['organiser'], department },
      { id: 'cnfpt', name: `CNFPT, antenne ${department}`, kind: 'cnfpt', roles: ['co-organiser'], department },
      ...members,
    ];
    const venueCount = Math.min(members.length, 1 + int(3));
    const venues = [];
    for (let v = 0; v < venueCount; v++) {
      const host = /** @type {{id: string, roles: string[]}} */ (members[v]);
      host.roles.push('host');
      const commune = pick(COMMUNES);
      const venue = {
        id: `lieu-${v + 1}`,
        name: `${pick(VENUE_KINDS)} de ${commune}`,
        address: { commune, country: 'FR' },
        hostOrganisationId: host.id,
      };
      if (chance(0.3)) venue.access = 'Parking gratuit ; salle de plain-pied accessible en fauteuil roulant.';
      venues.push(venue);
    }

    const electedCycle = chance(0.1);
    const cycleCapacity = pick(CAPACITIES);
    const hasBonus = n >= 3 && chance(0.15);
    let day = weekday(start + int(540) * DAY_MS);
    const cycleSessions = [];
    for (let s = 0; s < n; s++) {
      const isBonus = hasBonus && s === n - 1;
      const d = new Date(day);
      const roll = random();
      /** @type {Record<string, unknown>} */
      let date;
      if (roll < 0.9) {
        date = { precision: 'exact', date: d.toISOString().slice(0, 10) };
        if (chance(0.6)) {
          const [startTime, endTime] = pick(TIMES);
          date.startTime = startTime;
          date.endTime = endTime;
        }
      } else if (roll < 0.97) {
        const month = d.getUTCMonth() + 1;
        const [part, word] = pick(PARTS);
        const name = /** @type {string} */ (MONTHS_FR[month - 1]);
        date = { precision: 'month', year: d.getUTCFullYear(), month, part, label: `${word}${word.endsWith('-') ? '' : ' '}${name}` };
      } else {
        date = { precision: 'unknown', label: 'date à préciser' };
      }
      const venue = pick(venues);
      const items = [];
      const itemCount = 2 + int(3);
      for (let k = 0; k < itemCount; k++) {
        const [kind, title] = pick(PROGRAMME);
        const item = { kind, title };
        if (kind === 'experience-sharing') item.speakers = [{ organisationId: pick(members).id }];
        items.push(item);
      }
      /** @type {Record<string, unknown>} */
      const session = {
        id: `s${s + 1}`,
        number: s + 1,
        title: isBonus ? `Journée bonus : ${pick(SESSION_TITLES).toLowerCase()}` : pick(SESSION_TITLES),
        date,
        venueId: venue.id,
        hostOrganisationId: venue.hostOrganisationId,
        programme: items,
      };
      if (!electedCycle && chance(0.1)) {
        session.audience = { kinds: ['agents', 'elected-officials'], description: 'managers du cycle et élu·es communautaires invité·es' };
      }
      if (isBonus) {
        session.bonus = true;
        session.optional = true;
        session.eligibility = 'cycle-participants';
        session.capacity = Math.ceil(cycleCapacity / 2);
      } else if (chance(0.05)) {
        session.capacity = cycleCapacity + 10;
      }
      if (chance(0.02)) session.status = 'cancelled';
      cycleSessions.push(session);
      day = weekday(day + (7 + int(28)) * DAY_MS);
    }

    /** @type {Record<string, unknown>} */
    const cycle = {
      id: cid,
      title: `${pick(CYCLE_THEMES)} (${c + 1})`,
      description: 'Cycle fictif généré pour les tests et les bancs d’essai de formacoop.',
      experimental: chance(0.2),
      audience: electedCycle
        ? { kinds: ['agents', 'elected-officials'], description: 'agents et élu·es des communautés de communes membres' }
        : { kinds: ['agents'], description: pick(AUDIENCE_DESCRIPTIONS) },
      capacity: cycleCapacity,
      durationDays: hasBonus ? n - 1 : Math.max(1, n),
      organisations,
      venues,
      sessions: cycleSessions,
      registration: chance(0.5) ? { status: 'open', waitlist: true } : { status: 'closed', waitlist: chance(0.5) },
      provenance: { status: 'example', note: `Données fictives générées (graine ${seed}) : aucun lieu, date ni organisation réels.` },
    };
    if (c % 5 === 0 && n > 0) {
      cycle.feedback = [
        {
          id: 'evaluation',
          title: 'Évaluation des journées',
          scope: 'session',
          sessionIds: cycleSessions.slice(0, Math.min(2, n)).map((s) => s.id),
          access: 'anonymous',
          scale: { points: 5, labels: ['pas du tout satisfait·e', 'peu satisfait·e', 'moyennement satisfait·e', 'satisfait·e', 'très satisfait·e'] },
          questions: [
            { id: 'contenus', type: 'rating', label: 'Contenus' },
            { id: 'animation', type: 'rating', label: 'Animation' },
            { id: 'recommandation', type: 'recommendation', label: 'Recommanderiez-vous cette journée ?' },
            { id: 'remarques', type: 'text', label: 'Remarques' },
          ],
          provenance: { status: 'example', note: 'Questionnaire fictif généré.' },
        },
      ];
    }
    cycles.push(cycle);
  }

  return {
    formatVersion: 1,
    type: 'catalogue',
    title: `Catalogue fictif : ${sessions} session(s), ${cycleCount} cycle(s) (graine ${seed})`,
    cycles,
  };
}
