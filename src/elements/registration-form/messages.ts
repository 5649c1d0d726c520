/** The registration form's own words (the shared ones — loading, errors of the feed — are in src/i18n/ui.ts). */
import type { Locale } from '../../model/messages.js';

const fr = {
  required: '(obligatoire)',
  error: 'Erreur : ',
  requiredNote: 'Les champs marqués « (obligatoire) » doivent être remplis.',
  seatsLeft: (n: number, of: number) => `${n} place${n > 1 ? 's' : ''} restante${n > 1 ? 's' : ''} sur ${of}`,
  fullWaitlist: 'Le cycle est complet : vous pouvez vous inscrire sur la liste d’attente. Vous serez prévenu·e si une place se libère.',
  firstName: 'Prénom',
  lastName: 'Nom',
  email: 'Adresse e-mail professionnelle',
  emailHint: 'La confirmation et les informations pratiques y seront envoyées. Exemple : prenom.nom@cc-exemple.fr',
  phone: 'Téléphone',
  phoneHint: 'Facultatif : pour vous joindre le jour même en cas d’imprévu. Exemple : 05 63 00 00 00',
  functionLabel: 'Fonction',
  choose: '— Choisissez —',
  functions: {
    dgs: 'Directeur·rice général·e des services (DGS)',
    dga: 'Directeur·rice général·e adjoint·e (DGA)',
    'head-of-division': 'Responsable de pôle',
    'head-of-department': 'Chef·fe de service',
    'project-officer': 'Chargé·e de mission',
    'elected-official': 'Élu·e',
    other: 'Autre fonction',
  },
  functionOther: 'Votre fonction',
  organisation: 'Organisation',
  otherOrganisation: 'Une autre organisation',
  organisationName: 'Nom de votre organisation',
  sessions: 'Journées auxquelles vous participerez',
  sessionsHint: 'Cochez au moins une journée.',
  participantsOnly: 'Réservée aux personnes déjà inscrites au cycle : à choisir seule, une fois votre inscription au cycle faite.',
  electedOnly: (n: number) => `Pour les élu·es, ${n > 1 ? 'seules les journées ouvertes aux élu·es sont proposées' : 'seule la journée ouverte aux élu·es est proposée'}.`,
  noSessionOffered: 'Aucune journée à venir n’est ouverte à votre fonction.',
  accessNeeds: 'Besoins pour un accès adapté',
  accessNeedsHint:
    'Facultatif. Mobilité, audition, vue, alimentation… : demandé pour que l’accueil soit adapté à chacun·e ; lu par l’équipe d’organisation seulement, et supprimé avec les autres données du cycle.',
  privacyTitle: 'Vos données personnelles',
  controller: 'Responsable du traitement',
  purpose: 'Finalité',
  legalBasis: 'Base légale',
  recipients: 'Destinataires',
  retention: 'Durée de conservation',
  rights: 'Vos droits',
  dpo: 'Délégué·e à la protection des données',
  cnil: 'Si vous estimez que vos droits ne sont pas respectés, vous pouvez adresser une réclamation à la CNIL',
  noPrivacy: 'L’organisateur n’a pas publié de notice d’information sur les données personnelles : contactez-le avant de vous inscrire.',
  submit: 'Envoyer mon inscription',
  submitWaitlist: 'M’inscrire sur la liste d’attente',
  summaryTitle: (n: number) => `Le formulaire contient ${n} erreur${n > 1 ? 's' : ''} :`,
  sessionsMissing: 'choisissez au moins une journée',
  functionMissing: 'choisissez votre fonction',
  mixedParticipantsOnly: 'la journée réservée aux personnes déjà inscrites se choisit seule : envoyez d’abord votre inscription aux autres journées',
  sending: 'Envoi de votre inscription…',
  retrying: (s: number) => `La connexion a échoué : nouvel essai dans ${s} seconde${s > 1 ? 's' : ''}. Votre inscription est gardée.`,
  queued: 'Vous êtes hors connexion : votre inscription est gardée sur cet appareil et sera envoyée dès le retour de la connexion, même si vous rechargez la page.',
  queuedRetry: 'Le serveur ne répond pas : votre inscription est gardée sur cet appareil et sera envoyée automatiquement dans un moment.',
  notPersisted: 'Attention : ce navigateur ne permet pas de la garder si vous fermez la page ; laissez-la ouverte.',
  sendNow: 'Réessayer maintenant',
  confirmedTitle: 'Inscription confirmée',
  confirmed: (name: string, email: string) => `${name}, votre inscription est enregistrée. Une confirmation sera envoyée à ${email}.`,
  waitlistedTitle: 'Inscription sur la liste d’attente',
  waitlisted: (n: number) => `Le cycle est complet : vous êtes en position ${n} sur la liste d’attente. Vous serez prévenu·e si une place se libère.`,
  yourSessions: 'Vos journées :',
  addToCalendar: 'Ajouter à mon agenda',
  addBonus: (title: string) => `M’inscrire aussi à « ${title} »`,
  another: 'Inscrire une autre personne',
  closedTitle: 'Inscriptions closes',
  closed: 'Les inscriptions à ce cycle sont closes.',
  notOpenYet: 'Les inscriptions à ce cycle ne sont pas encore ouvertes.',
  opensAt: (date: string) => `Elles ouvriront le ${date}.`,
  fullTitle: 'Cycle complet',
  full: 'Il n’y a plus de place dans ce cycle, et il n’a pas de liste d’attente.',
  contact: 'Contact :',
  noSessions: 'Ce cycle n’a pas encore de journées : l’inscription sera possible quand elles seront publiées.',
  readOnly: 'Ce formulaire ne peut pas envoyer d’inscription : indiquez l’adresse d’un serveur formacoop (attribut api).',
  whichCycle: (ids: string) => `Plusieurs cycles dans ce programme : indiquez lequel avec l’attribut cycle (${ids}).`,
  failed: 'Votre inscription n’a pas pu être enregistrée :',
  tryAgain: 'Revenir au formulaire',
  bot: 'le formulaire a été envoyé trop vite ou un champ caché a été rempli ; vérifiez vos réponses puis envoyez à nouveau.',
  website: 'Ne pas remplir ce champ',
};

export type RegistrationWords = typeof fr;
export { fr };

let en: RegistrationWords | undefined;
let load: Promise<unknown> | undefined;

/**
 * The form's words in `locale`: French at once; English fetched once for the page (messages.en.ts),
 * `undefined` until it has arrived — `then` is called when it has (or failed: French stands in).
 */
export function registrationWords(locale: Locale, then: () => void): RegistrationWords | undefined {
  if (locale === 'fr' || en) return en && locale === 'en' ? en : fr;
  load ??= import('./messages.en.js').then(
    (m) => (en = m.en),
    () => (en = fr),
  );
  void load.then(then);
  return undefined;
}
