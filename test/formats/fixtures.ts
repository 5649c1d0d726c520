// A cycle shaped on the seed article ("Management par la Coopération"). Streets and coordinates
// are made up for the tests; dates and titles are the article's.
import { parseCycle, type CycleFeed } from '../../src/index.js';

export const base = {
  formatVersion: 1,
  type: 'cycle',
  id: 'mpc-2026',
  title: 'Management par la Coopération',
  audience: { kinds: ['agents'] },
} as const;

export const organisations = [
  { id: 'pole', name: 'Pôle Territorial', kind: 'territorial-pole', roles: ['organiser'] },
  { id: 'cnfpt-81', name: 'CNFPT, antenne du Tarn', shortName: 'CNFPT Tarn', kind: 'cnfpt', roles: ['co-organiser', 'host'] },
  { id: 'ccmav', name: "Communauté de communes des Monts d'Alban et du Villefranchois", kind: 'epci', roles: ['host', 'member', 'organiser'] },
  { id: 'fabrique', name: 'la Fabrique des Transitions', kind: 'network', roles: ['partner'], url: 'https://example.org/fabrique' },
];

export const venues = [
  {
    id: 'halle-alban',
    name: "La Halle d'Alban",
    address: { street: "1 place de l'Exemple", postalCode: '81250', commune: 'Alban' },
    hostOrganisationId: 'ccmav',
    geo: { lat: 43.8906, lon: 2.4626 },
    access: 'Parking sur la place',
  },
  { id: 'cap-decouverte', name: "Cap'Découverte", address: { postalCode: '81450', commune: 'Le Garric' } },
  { id: 'cnfpt-albi', name: 'Locaux du CNFPT', address: { commune: 'Albi' }, hostOrganisationId: 'cnfpt-81' },
];

export const journee4 = {
  id: 'j4',
  number: 4,
  title: 'Manager les projets dans la transversalité et la coopération',
  date: { precision: 'exact', date: '2026-03-26', startTime: '09:00', endTime: '16:30' },
  venueId: 'halle-alban',
  programme: [
    { kind: 'workshop', title: "Travaux sur le schéma de gouvernance d'un projet", startTime: '09:00', endTime: '10:30' },
    { kind: 'theory', title: 'Apports théoriques pour faire émerger les conditions de la coopération' },
    { kind: 'experience-sharing', title: 'Retour d’expérience sur le Design de Services' },
  ],
};

export const journee5 = {
  id: 'j5',
  number: 5,
  title: 'Piloter et faire évoluer collectivement nos collectivités',
  description: 'Élu·es et agent·es croisent leurs regards : « piloter autrement » 🌱🤝🏽 pour la transition et la résilience du territoire.',
  date: { precision: 'exact', date: '2026-05-14', startTime: '09:00', endTime: '17:00' },
  venueId: 'cap-decouverte',
  audience: { kinds: ['agents', 'elected-officials'] },
};

export const journeeBonus = {
  id: 'j6',
  title: "Tester les outils d'animation de la coopération",
  date: { precision: 'month', year: 2026, month: 6, part: 'late', label: 'fin juin' },
  venueId: 'cnfpt-albi',
  bonus: true,
  eligibility: 'cycle-participants',
};

export const evaluation = {
  id: 'eval',
  title: "Évaluation de l'ensemble de la formation",
  date: { precision: 'unknown' },
};

export function cycleWith(extra: Record<string, unknown>): CycleFeed {
  return parseCycle({ ...base, organisations, venues, ...extra });
}

export const seedCycle = (): CycleFeed =>
  cycleWith({
    url: 'https://example.org/formations/management-cooperation',
    capacity: 40,
    sessions: [journee4, journee5, journeeBonus, evaluation],
  });
