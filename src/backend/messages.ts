/**
 * What a backend says to people, in French first and in English when asked (Accept-Language for
 * the server): the reference server and the memory backend read the same sentences, so that a form
 * shows the same words whichever backend answers. Validation messages come from the model's
 * catalogue; these are the rest. Browser-safe (the memory backend runs in pages).
 */
import type { Locale } from '../model/messages.js';

type Params = Record<string, string | number | undefined>;
type Catalogue = Record<BackendMessageKey, (p: Params) => string>;

export type BackendMessageKey =
  | 'not-found'
  | 'cycle-not-found'
  | 'registration-not-found'
  | 'form-not-found'
  | 'no-calendar'
  | 'method-not-allowed'
  | 'origin-not-allowed'
  | 'invalid'
  | 'invalid-json'
  | 'cycle-id-mismatch'
  | 'session-id-mismatch'
  | 'idempotency-key-missing'
  | 'idempotency-key-reused'
  | 'in-flight'
  | 'unauthorized'
  | 'payload-too-large'
  | 'unsupported-media-type'
  | 'rate-limited'
  | 'server-error'
  | 'refused-closed'
  | 'refused-not-open-yet'
  | 'refused-full'
  | 'refused-full-session'
  | 'refused-unknown-session'
  | 'refused-session-cancelled'
  | 'refused-already-registered'
  | 'refused-not-eligible'
  | 'refused-audience'
  | 'refused-anti-bot'
  | 'token-invalid'
  | 'already-answered'
  | 'feedback-closed'
  | 'feedback-not-open-yet'
  | 'form-without-tokens'
  // Transport failures have no server answer: the client's own words.
  | 'network'
  | 'timeout';

const fr: Catalogue = {
  'not-found': () => "cette adresse n'existe pas",
  'cycle-not-found': (p) => `aucun cycle n'a l'identifiant « ${p.id} »`,
  'registration-not-found': (p) => `aucune inscription n'a l'identifiant « ${p.id} » dans ce cycle`,
  'form-not-found': (p) => `ce cycle n'a pas de questionnaire « ${p.id} »`,
  'no-calendar': () => "aucune journée de ce cycle n'a encore de date précise : il n'y a rien à ajouter à un agenda",
  'method-not-allowed': (p) => `méthode non prise en charge ici (acceptées : ${p.allow})`,
  'origin-not-allowed': (p) => `le site ${p.origin} n'est pas autorisé à appeler ce serveur`,
  invalid: (p) => `la demande contient ${p.count} erreur(s) : ${p.detail}`,
  'invalid-json': () => "le corps de la demande n'est pas un JSON valide",
  'cycle-id-mismatch': (p) => `l'identifiant du flux (« ${p.id} ») doit être celui de l'adresse (« ${p.expected} »)`,
  'session-id-mismatch': (p) => `la journée évaluée doit être celle de l'adresse (« ${p.expected} »)`,
  'idempotency-key-missing': () => "l'en-tête Idempotency-Key est obligatoire (1 à 200 caractères visibles)",
  'idempotency-key-reused': () => 'cette clé Idempotency-Key a déjà servi pour une autre demande',
  'in-flight': () => 'une demande avec cette clé Idempotency-Key est en cours de traitement : réessayez dans un instant',
  unauthorized: () => "jeton d'administration absent ou invalide",
  'payload-too-large': (p) => `demande trop volumineuse (au plus ${p.limit} octets)`,
  'unsupported-media-type': () => 'le corps de la demande doit être du JSON (Content-Type: application/json)',
  'rate-limited': (p) => `trop de demandes : réessayez dans ${p.seconds} seconde(s)`,
  'server-error': () => 'erreur du serveur : votre demande n’a pas été enregistrée, réessayez plus tard',
  'refused-closed': () => 'les inscriptions à ce cycle sont closes',
  'refused-not-open-yet': () => 'les inscriptions à ce cycle ne sont pas encore ouvertes',
  'refused-full': () => "ce cycle est complet et n'a pas de liste d'attente",
  'refused-full-session': (p) => `la journée « ${p.session} » est complète et le cycle n'a pas de liste d'attente`,
  'refused-unknown-session': (p) => `ce cycle n'a pas de journée « ${p.session} »`,
  'refused-session-cancelled': (p) => `la journée « ${p.session} » est annulée`,
  'refused-already-registered': (p) => `vous êtes déjà inscrit·e à la journée « ${p.session} »`,
  'refused-not-eligible': (p) => `la journée « ${p.session} » est réservée aux personnes déjà inscrites au cycle`,
  'refused-audience': (p) => `la journée « ${p.session} » n'est pas ouverte à votre public (agents ou élu·es)`,
  'refused-anti-bot': () =>
    'votre envoi ressemble à celui d’un robot : prenez le temps de vérifier le formulaire, puis envoyez-le de nouveau',
  'token-invalid': () => "ce lien d'évaluation n'est pas valide pour ce questionnaire",
  'already-answered': () => "vous avez déjà répondu à ce questionnaire avec ce lien d'évaluation",
  'feedback-closed': () => "ce questionnaire n'accepte plus de réponses",
  'feedback-not-open-yet': () => "ce questionnaire n'est pas encore ouvert",
  'form-without-tokens': () => "ce questionnaire est anonyme (access: anonymous) : il n'utilise pas de jetons",
  network: () => 'le serveur ne répond pas ou la connexion est coupée',
  timeout: () => "le serveur n'a pas répondu à temps",
};

const en: Catalogue = {
  'not-found': () => 'there is nothing at this address',
  'cycle-not-found': (p) => `no cycle has the identifier "${p.id}"`,
  'registration-not-found': (p) => `no registration has the identifier "${p.id}" in this cycle`,
  'form-not-found': (p) => `this cycle has no questionnaire "${p.id}"`,
  'no-calendar': () => 'no session of this cycle has an exact date yet: there is nothing to add to a calendar',
  'method-not-allowed': (p) => `method not supported here (accepted: ${p.allow})`,
  'origin-not-allowed': (p) => `the site ${p.origin} is not allowed to call this server`,
  invalid: (p) => `the request has ${p.count} error(s): ${p.detail}`,
  'invalid-json': () => 'the request body is not valid JSON',
  'cycle-id-mismatch': (p) => `the feed's identifier ("${p.id}") must be the one in the address ("${p.expected}")`,
  'session-id-mismatch': (p) => `the evaluated session must be the one in the address ("${p.expected}")`,
  'idempotency-key-missing': () => 'the Idempotency-Key header is required (1 to 200 visible characters)',
  'idempotency-key-reused': () => 'this Idempotency-Key was already used for another request',
  'in-flight': () => 'a request with this Idempotency-Key is being processed: try again in a moment',
  unauthorized: () => 'admin token missing or invalid',
  'payload-too-large': (p) => `request too large (at most ${p.limit} bytes)`,
  'unsupported-media-type': () => 'the request body must be JSON (Content-Type: application/json)',
  'rate-limited': (p) => `too many requests: try again in ${p.seconds} second(s)`,
  'server-error': () => 'server error: your request was not stored, please try again later',
  'refused-closed': () => 'registration to this cycle is closed',
  'refused-not-open-yet': () => 'registration to this cycle is not open yet',
  'refused-full': () => 'this cycle is full and has no waiting list',
  'refused-full-session': (p) => `session "${p.session}" is full and the cycle has no waiting list`,
  'refused-unknown-session': (p) => `this cycle has no session "${p.session}"`,
  'refused-session-cancelled': (p) => `session "${p.session}" is cancelled`,
  'refused-already-registered': (p) => `you are already registered to session "${p.session}"`,
  'refused-not-eligible': (p) => `session "${p.session}" is for people already registered to the cycle`,
  'refused-audience': (p) => `session "${p.session}" is not open to your audience (agents or elected officials)`,
  'refused-anti-bot': () => 'your submission looks like a robot’s: take the time to check the form, then send it again',
  'token-invalid': () => 'this evaluation link is not valid for this questionnaire',
  'already-answered': () => 'you have already answered this questionnaire with this evaluation link',
  'feedback-closed': () => 'this questionnaire no longer accepts answers',
  'feedback-not-open-yet': () => 'this questionnaire is not open yet',
  'form-without-tokens': () => 'this questionnaire is anonymous (access: anonymous): it uses no tokens',
  network: () => 'the server does not answer or the connection is down',
  timeout: () => 'the server did not answer in time',
};

const catalogues: Record<Locale, Catalogue> = { fr, en };

export function say(key: BackendMessageKey, locale: Locale, params: Params = {}): string {
  return catalogues[locale][key](params);
}
