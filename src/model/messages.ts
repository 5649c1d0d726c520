/**
 * Validation messages of formacoop's own rules, in French (source) and English. zod's locales
 * (fr, en) give the rest in the SDK (see `errorMap` in errors.ts); the compact validator of the
 * embed bundle uses the generic keys below instead. Imports nothing of zod, so that an element
 * may read this catalogue without pulling zod in; the elements load it only to explain an invalid
 * document (src/model/compact/feed.ts).
 */
import type { Locale } from './locale.js';

export { keyed } from './keys.js';
export { toLocale, type Locale } from './locale.js';

type Params = Record<string, unknown>;
type Catalogue = Record<MessageKey, (p: Params) => string>;

export type MessageKey =
  | 'id_format'
  | 'http_url'
  | 'resource_url'
  | 'email'
  | 'phone'
  | 'local_date'
  | 'local_time'
  | 'instant'
  | 'time_zone'
  | 'postal_code'
  | 'control_chars'
  | 'start_time_missing'
  | 'end_before_start'
  | 'closes_before_opens'
  | 'duplicate_id'
  | 'unknown_ref'
  | 'required'
  | 'too_short'
  | 'too_long'
  | 'function_other_missing'
  | 'organisation_missing'
  | 'scale_labels'
  | 'unsupported_version'
  | 'answer_required'
  | 'answer_range'
  | 'answer_text'
  | 'answer_organisation'
  | 'feedback_session_missing'
  | 'feedback_session_not_in_form'
  | 'feedback_session_unexpected'
  | 'feedback_token_missing'
  // Generic cases, for validators that do not carry zod's locales (the compact validator).
  | 'expected_type'
  | 'too_few'
  | 'too_many'
  | 'number_too_small'
  | 'number_too_big'
  | 'not_allowed'
  | 'invalid_format'
  | 'invalid_union'
  | 'invalid_key';

const REF_FR: Record<string, string> = {
  venue: 'aucun lieu',
  organisation: 'aucune organisation',
  session: 'aucune session',
  question: 'aucune question',
  form: 'aucun questionnaire',
};

/** What an `invalid_type` issue expected, in words (`int` is zod's name for a whole number). */
const EXPECTED_FR: Record<string, string> = {
  string: 'un texte est attendu',
  number: 'un nombre est attendu',
  int: 'un nombre entier est attendu',
  boolean: 'true ou false est attendu',
  object: 'un objet { … } est attendu',
  record: 'un objet { … } est attendu',
  array: 'une liste [ … ] est attendue',
};
const EXPECTED_EN: Record<string, string> = {
  string: 'text is expected',
  number: 'a number is expected',
  int: 'a whole number is expected',
  boolean: 'true or false is expected',
  object: 'an object { … } is expected',
  record: 'an object { … } is expected',
  array: 'a list [ … ] is expected',
};

const fr: Catalogue = {
  id_format: () => 'identifiant invalide : lettres, chiffres, « - », « _ » ou « . » seulement',
  http_url: () => 'adresse web invalide : une URL complète en http:// ou https:// est attendue',
  resource_url: () => 'lien invalide : une URL http(s) ou un chemin relatif est attendu',
  email: () => 'adresse e-mail invalide (exemple : prenom.nom@exemple.fr)',
  phone: () => 'numéro de téléphone invalide (exemple : 05 63 00 00 00)',
  local_date: () => 'date invalide : une date réelle au format AAAA-MM-JJ est attendue',
  local_time: () => 'heure invalide : le format HH:MM est attendu',
  instant: () => 'date et heure invalides : le format ISO 8601 avec fuseau est attendu',
  time_zone: () => 'fuseau horaire invalide (exemple : Europe/Paris)',
  postal_code: () => 'code postal invalide : cinq chiffres attendus',
  control_chars: () => 'texte invalide : caractères de contrôle interdits',
  start_time_missing: () => 'heure de début manquante : une heure de fin est donnée sans heure de début',
  end_before_start: () => "l'heure de fin doit être après l'heure de début",
  closes_before_opens: () => "la date de fermeture doit être après la date d'ouverture",
  duplicate_id: (p) => `identifiant en double : « ${String(p.id)} » est déjà utilisé`,
  unknown_ref: (p) =>
    `référence inconnue : ${REF_FR[String(p.kind)] ?? String(p.kind)} n'a l'identifiant « ${String(p.ref)} »`,
  required: () => 'ce champ est obligatoire',
  too_short: (p) => `trop court : au moins ${String(p.minimum)} caractère(s)`,
  too_long: (p) => `trop long : au plus ${String(p.maximum)} caractères`,
  function_other_missing: () => 'précisez votre fonction',
  organisation_missing: () => 'indiquez votre organisation',
  scale_labels: (p) => `il faut un libellé par point de l'échelle (${String(p.points)})`,
  unsupported_version: (p) => `version de format non prise en charge : ${JSON.stringify(p.input)} (attendue : 1)`,
  answer_required: () => 'réponse obligatoire',
  answer_range: (p) => `choisissez une valeur entre ${String(p.min)} et ${String(p.max)}`,
  answer_text: () => 'une réponse écrite est attendue',
  answer_organisation: () => 'choisissez une organisation de la liste, ou « autre »',
  feedback_session_missing: () => 'indiquez la journée que vous évaluez',
  feedback_session_not_in_form: (p) => `ce questionnaire n'évalue pas la session « ${String(p.sessionId)} »`,
  feedback_session_unexpected: () => 'ce questionnaire porte sur tout le cycle : aucune session ne doit être indiquée',
  feedback_token_missing: () => "lien d'évaluation incomplet : le jeton personnel manque",
  expected_type: (p) => `valeur invalide : ${EXPECTED_FR[String(p.expected)] ?? 'un autre type est attendu'}`,
  too_few: (p) => `liste trop courte : au moins ${String(p.minimum)} élément(s)`,
  too_many: (p) => `liste trop longue : au plus ${String(p.maximum)} élément(s)`,
  number_too_small: (p) =>
    p.inclusive ? `valeur trop petite : au moins ${String(p.minimum)}` : `valeur trop petite : elle doit être supérieure à ${String(p.minimum)}`,
  number_too_big: (p) =>
    p.inclusive ? `valeur trop grande : au plus ${String(p.maximum)}` : `valeur trop grande : elle doit être inférieure à ${String(p.maximum)}`,
  not_allowed: (p) => {
    const values = p.values as readonly unknown[];
    return values.length === 1
      ? `valeur invalide : « ${String(values[0])} » est attendu`
      : `valeur non autorisée : choisissez parmi ${values.map((v) => `« ${String(v)} »`).join(', ')}`;
  },
  invalid_format: () => 'format invalide',
  invalid_union: () => 'valeur invalide : elle ne correspond à aucune des formes acceptées',
  invalid_key: (p) => `clé invalide : « ${String(p.input)} »`,
};

const en: Catalogue = {
  id_format: () => 'invalid identifier: letters, digits, "-", "_" or "." only',
  http_url: () => 'invalid web address: a full http:// or https:// URL is expected',
  resource_url: () => 'invalid link: an http(s) URL or a relative path is expected',
  email: () => 'invalid email address (example: first.last@example.org)',
  phone: () => 'invalid phone number (example: +33 5 63 00 00 00)',
  local_date: () => 'invalid date: a real date in YYYY-MM-DD format is expected',
  local_time: () => 'invalid time: HH:MM format is expected',
  instant: () => 'invalid date and time: ISO 8601 with an offset is expected',
  time_zone: () => 'invalid time zone (example: Europe/Paris)',
  postal_code: () => 'invalid postal code: five digits expected',
  control_chars: () => 'invalid text: control characters are not allowed',
  start_time_missing: () => 'missing start time: an end time is given without a start time',
  end_before_start: () => 'the end time must be after the start time',
  closes_before_opens: () => 'the closing date must be after the opening date',
  duplicate_id: (p) => `duplicate identifier: "${String(p.id)}" is already used`,
  unknown_ref: (p) => `unknown reference: no ${String(p.kind)} has the identifier "${String(p.ref)}"`,
  required: () => 'this field is required',
  too_short: (p) => `too short: at least ${String(p.minimum)} character(s)`,
  too_long: (p) => `too long: at most ${String(p.maximum)} characters`,
  function_other_missing: () => 'please state your function',
  organisation_missing: () => 'please state your organisation',
  scale_labels: (p) => `one label per point of the scale is needed (${String(p.points)})`,
  unsupported_version: (p) => `unsupported format version: ${JSON.stringify(p.input)} (expected: 1)`,
  answer_required: () => 'an answer is required',
  answer_range: (p) => `choose a value between ${String(p.min)} and ${String(p.max)}`,
  answer_text: () => 'a written answer is expected',
  answer_organisation: () => 'choose an organisation from the list, or "other"',
  feedback_session_missing: () => 'state which day you are evaluating',
  feedback_session_not_in_form: (p) => `this questionnaire does not cover session "${String(p.sessionId)}"`,
  feedback_session_unexpected: () => 'this questionnaire covers the whole cycle: no session is expected',
  feedback_token_missing: () => 'incomplete evaluation link: the personal token is missing',
  expected_type: (p) => `invalid value: ${EXPECTED_EN[String(p.expected)] ?? 'another type is expected'}`,
  too_few: (p) => `list too short: at least ${String(p.minimum)} item(s)`,
  too_many: (p) => `list too long: at most ${String(p.maximum)} item(s)`,
  number_too_small: (p) =>
    p.inclusive ? `too small: at least ${String(p.minimum)}` : `too small: it must be greater than ${String(p.minimum)}`,
  number_too_big: (p) =>
    p.inclusive ? `too large: at most ${String(p.maximum)}` : `too large: it must be less than ${String(p.maximum)}`,
  not_allowed: (p) => {
    const values = p.values as readonly unknown[];
    return values.length === 1
      ? `invalid value: "${String(values[0])}" is expected`
      : `value not allowed: choose one of ${values.map((v) => `"${String(v)}"`).join(', ')}`;
  },
  invalid_format: () => 'invalid format',
  invalid_union: () => 'invalid value: it matches none of the accepted forms',
  invalid_key: (p) => `invalid key: "${String(p.input)}"`,
};

const catalogues: Record<Locale, Catalogue> = { fr, en };

/** The message for a formacoop key in a locale. */
export function message(key: MessageKey, locale: Locale, params: Params = {}): string {
  return catalogues[locale][key](params);
}
