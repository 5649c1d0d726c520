/**
 * The words of formacoop's elements. French is the source language; English follows it key for key
 * (the `Messages` type makes a missing translation a type error). French is always at hand; English
 * is fetched when an element speaks it (ui.en.ts), except the words of the loading and error
 * states, here, which an element shows before (or instead of) the rest.
 */
import type { Locale } from '../model/locale.js';

const frWords = {
  loading: 'Chargement du programme…',
  loadFailed: (url: string, detail: string) => `Le programme n'a pas pu être chargé depuis ${url} : ${detail}.`,
  networkError: 'le serveur ne répond pas ou la connexion est coupée',
  httpError: (status: number) => `le serveur a répondu « erreur ${status} »`,
  notJson: "le fichier n'est pas du JSON valide",
  invalidFeed: (url: string, n: number) => `Le fichier du programme ${url} contient ${n} erreur${n > 1 ? 's' : ''} :`,
  documentRoot: '(document entier)',
  noSource: "Aucune source de programme : indiquez l'attribut src, api ou un élément <fc-cycle> parent.",
  retry: 'Réessayer',
  noSessions: 'Aucune session à venir.',
  noSessionsAtAll: "Ce cycle n'a pas encore de sessions.",
  noMatch: 'Aucune session ne correspond à ces filtres.',
  resetFilters: 'Effacer les filtres',
  filters: 'Filtrer les sessions',
  search: 'Rechercher',
  searchPlaceholder: 'titre, lieu, intervenant…',
  cycle: 'Cycle',
  host: 'Communauté de communes',
  commune: 'Commune',
  audience: 'Public',
  when: 'Période',
  all: 'Tous',
  allFeminine: 'Toutes',
  upcoming: 'À venir',
  past: 'Passées',
  agents: 'Agents',
  electedInvited: 'Élu·es invité·es',
  view: 'Affichage',
  listView: 'Liste',
  calendarView: 'Calendrier',
  results: (n: number) => `${n} session${n > 1 ? 's' : ''}`,
  showMore: (n: number) => `Afficher ${n} session${n > 1 ? 's' : ''} de plus`,
  sessionNumber: (n: number) => `Journée ${n}`,
  pastBadge: 'Passée',
  ongoingBadge: 'En cours',
  bonusBadge: 'Journée bonus',
  optionalBadge: 'Facultative',
  electedBadge: 'Élu·es invité·es',
  cancelledBadge: 'Annulée',
  postponedBadge: 'Reportée',
  participantsOnly: 'Réservée aux participant·es du cycle',
  venue: 'Lieu',
  mapLink: (place: string) => `Voir ${place} sur OpenStreetMap`,
  programme: 'Programme',
  objectives: 'Objectifs',
  seatsLeft: (n: number) => `${n} place${n > 1 ? 's' : ''} restante${n > 1 ? 's' : ''}`,
  full: 'Complet',
  waitlist: (n: number) => `Complet — liste d'attente (${n})`,
  register: "S'inscrire",
  registerTo: (title: string) => `S'inscrire à « ${title} »`,
  addToCalendar: 'Ajouter à mon agenda',
  addCycleToCalendar: 'Ajouter tout le cycle à mon agenda (fichier .ics)',
  photos: 'Retour en images',
  permalink: 'Lien vers cette session',
  dateUnknown: 'Date à confirmer',
  previousMonth: 'Mois précédent',
  nextMonth: 'Mois suivant',
  noSessionThisMonth: 'Aucune session ce mois-ci.',
  undatedSessions: 'Sessions sans date précise',
  calendarLoading: 'Chargement du calendrier…',
  calendarFailed: "Le calendrier n'a pas pu être chargé (vérifiez la connexion, puis choisissez à nouveau « Calendrier ») ; la liste des sessions reste disponible (« Liste »).",
  speakers: 'Avec',
  weekdaysShort: ['lun.', 'mar.', 'mer.', 'jeu.', 'ven.', 'sam.', 'dim.'],
  /** Said (in English only) when the English words could not be fetched. */
  englishUnavailable: '',
};

export type Messages = typeof frWords;

/** The English words of the loading and error states. */
export const enStates = {
  loading: 'Loading the programme…',
  loadFailed: (url, detail) => `The programme could not be loaded from ${url}: ${detail}.`,
  networkError: 'the server does not answer or the connection is down',
  httpError: (status) => `the server answered "error ${status}"`,
  notJson: 'the file is not valid JSON',
  invalidFeed: (url, n) => `The programme file ${url} has ${n} error${n > 1 ? 's' : ''}:`,
  documentRoot: '(whole document)',
  noSource: 'No programme source: set the src or api attribute, or put the element inside <fc-cycle>.',
  retry: 'Try again',
  englishUnavailable: 'The English texts could not be loaded (is the lazy/ folder next to formacoop.min.js?): this part of the page is shown in French.',
} satisfies Partial<Messages>;

export const fr: Messages = frWords;

/** English until the rest has arrived: the words of the states, French for the others (never shown by the agenda). */
const englishWhileLoading: Messages = { ...frWords, ...enStates };
let english: Messages | undefined;
let englishLoad: Promise<Messages> | undefined;

/**
 * The English words, fetched once for the page. Rejects when they cannot be fetched (a site that
 * copied formacoop.min.js without its lazy/ folder).
 */
export function loadEnglish(): Promise<Messages> {
  englishLoad ??= import('./ui.en.js').then((m) => (english = m.en));
  return englishLoad;
}

/** Whether the English words have arrived. */
export const hasEnglish = (): boolean => english !== undefined;

/**
 * The words of a language as far as they are here: French always; English once {@link loadEnglish}
 * has resolved, until then (or when it failed) the English words of the states and French for the rest.
 */
export function messagesFor(locale: Locale): Messages {
  return locale === 'fr' ? frWords : (english ?? englishWhileLoading);
}
