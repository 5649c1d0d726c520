/**
 * The words of `<fc-feedback-results>`: French first, always at hand; English key for key in messages.en.ts,
 * fetched the first time an element speaks English (most pages never do).
 */
import { lazyWords } from '../shared/lazy-words.js';

const fr = {
  loadingResults: 'Chargement des résultats…',
  noForm: "Ce cycle n'a pas de questionnaire d'évaluation.",
  unknownForm: (id: string) => `Ce cycle n'a pas de questionnaire « ${id} ».`,
  noServer: "Les résultats ne peuvent pas être lus : ce composant n'est pas relié à un serveur formacoop (attribut api).",
  resultsFailed: (detail: string) => `Les résultats n'ont pas pu être chargés : ${detail}`,
  locked: "Les résultats de ce questionnaire ne sont pas publiés : ils sont réservés aux organisateurs.",
  tokenLabel: "Jeton d'administration",
  tokenHint: "Donné par la personne qui administre le serveur formacoop. Il n'est gardé que dans cette page.",
  tokenRefused: 'Ce jeton est refusé par le serveur : vérifiez-le.',
  show: 'Afficher les résultats',
  results: 'Résultats',
  responses: (n: number) => `${n} réponse${n > 1 ? 's' : ''}`,
  rate: (p: string) => `taux de réponse : ${p}`,
  noResponses: "Aucune réponse pour l'instant.",
  withheldAll: (min: number) =>
    `Moins de ${min} réponses : les résultats ne sont pas affichés, pour que personne ne puisse être reconnu.`,
  minGroup: (min: number) => `Les groupes de moins de ${min} réponses ne sont pas détaillés, pour préserver l'anonymat.`,
  mean: (m: string, max: number, n: number) => `Moyenne : ${m} sur ${max} (${n} réponse${n > 1 ? 's' : ''})`,
  noAnswer: 'Personne n’a répondu à cette question.',
  answer: 'Réponse',
  count: 'Réponses',
  share: 'Part',
  dataOf: (label: string) => `Répartition des réponses : ${label}`,
  recommendation: 'Recommandation',
  recoMean: (m: string, n: number) => `Note moyenne : ${m} sur 10 (${n} réponse${n > 1 ? 's' : ''})`,
  nps: (s: string) => `Score de recommandation (NPS) : ${s}`,
  npsHelp: 'part des notes 9 et 10, moins la part des notes 0 à 6, de −100 à +100',
  score: 'Note',
  bySession: 'Par journée',
  byOrganisation: 'Par communauté de communes',
  group: 'Groupe',
  other: 'Autre',
  meanOf: (label: string) => `${label} (moyenne)`,
  recoShort: 'Recommandation (moyenne sur 10)',
  withheldSmall: (min: number) => `non affiché : moins de ${min} réponses`,
  withheldComplement: 'non affiché : permettrait de déduire les réponses d’un petit groupe',
  openAnswers: 'Réponses aux questions ouvertes',
  noOpenAnswer: 'Aucune réponse.',
  openNotPublished: 'Les réponses aux questions ouvertes ne sont pas publiées.',
  csv: 'Télécharger les résultats (CSV)',
  print: 'Imprimer',
  csvFile: 'resultats-evaluation',
  csvSection: 'Rubrique',
  csvValue: 'Valeur',
  meanWord: 'moyenne',
  rateWord: 'taux de réponse (%)',
};

export type ResultsMessages = typeof fr;

/** The words in `locale` (see lazyWords). */
export const resultsMessages = lazyWords(fr, () => import('./messages.en.js'));
