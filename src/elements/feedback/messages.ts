/**
 * The words of `<fc-feedback>`: French first, always at hand; English key for key in messages.en.ts,
 * fetched the first time an element speaks English (most pages never do).
 */
import { lazyWords } from '../shared/lazy-words.js';

const fr = {
  noForm: "Ce cycle n'a pas de questionnaire d'évaluation.",
  unknownForm: (id: string) => `Ce cycle n'a pas de questionnaire « ${id} ».`,
  noServer: "Le questionnaire ne peut pas être envoyé : ce composant n'est pas relié à un serveur formacoop (attribut api).",
  notOpenYet: (date: string) => `Le questionnaire ouvrira le ${date}.`,
  beforeSession: (title: string) => `Le questionnaire ouvrira à la fin de la journée « ${title} ».`,
  closed: (date: string) => `Le questionnaire est clos depuis le ${date}. Merci à celles et ceux qui ont répondu.`,
  closedNow: 'Le questionnaire est clos : les réponses ne sont plus acceptées.',
  tokenMissing:
    "Ce questionnaire est réservé aux participant·es : ouvrez-le avec le lien personnel reçu par courriel (il se termine par « ?token=… »).",
  tokenInvalid:
    "Ce lien d'évaluation n'est pas valide : vérifiez qu'il a été copié en entier, ou demandez un nouveau lien à l'équipe qui organise la formation.",
  alreadyAnswered: 'Vous avez déjà répondu à ce questionnaire avec ce lien personnel : une seule réponse est possible. Merci !',
  requiredNote: 'Les questions marquées « (obligatoire) » doivent avoir une réponse ; les autres sont facultatives.',
  required: '(obligatoire)',
  error: 'Erreur : ',
  summaryTitle: (n: number) => `${n} question${n > 1 ? 's' : ''} à compléter ou corriger :`,
  anonymous:
    'Vos réponses sont anonymes : ce questionnaire ne demande ni votre nom ni votre adresse, et elles ne servent qu’au bilan de la formation. Les résultats de moins de quelques réponses ne sont jamais affichés.',
  tokenNotice:
    'Votre lien personnel sert seulement à garantir une réponse par personne : il n’est pas enregistré avec vos réponses.',
  session: 'Journée évaluée',
  choose: '— Choisir —',
  otherOrganisation: 'Autre',
  send: 'Envoyer mes réponses',
  sending: 'Envoi de vos réponses…',
  retrying: 'Le serveur ne répond pas, nouvel essai…',
  queued: 'Vous semblez hors ligne. Vos réponses sont gardées sur cet appareil et seront envoyées automatiquement dès le retour de la connexion.',
  queuedMemory: 'Gardez cette page ouverte : ce navigateur ne permet pas de les garder après sa fermeture.',
  tryNow: 'Réessayer maintenant',
  thanks: 'Merci ! Vos réponses ont bien été enregistrées.',
  failed: (detail: string) => `Vos réponses n'ont pas pu être envoyées : ${detail}`,
  back: 'Revenir au questionnaire',
};

export type FeedbackMessages = typeof fr;

/** The words in `locale` (see lazyWords). */
export const feedbackMessages = lazyWords(fr, () => import('./messages.en.js'));
