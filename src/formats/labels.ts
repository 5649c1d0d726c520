/**
 * The words formacoop writes for the model's enumerations, in French (source) and English. One
 * source for the exports here and for the elements later, so a function never reads "Chef·fe de
 * service" in the agenda and "Cheffe de service" in the spreadsheet.
 */
import type { Locale } from '../model/messages.js';
import type { Participant, ParticipantFunction } from '../model/participant.js';
import type { RegistrationStatus } from '../model/registration.js';
import type { AudienceKind, ProgrammeItemKind, Session } from '../model/session.js';

type Labels<K extends string> = Readonly<Record<Locale, Readonly<Record<K, string>>>>;

export const participantFunctionLabels: Labels<ParticipantFunction> = {
  fr: {
    dgs: 'Directeur·rice général·e des services (DGS)',
    dga: 'Directeur·rice général·e adjoint·e (DGA)',
    'head-of-division': 'Responsable de pôle',
    'head-of-department': 'Chef·fe de service',
    'project-officer': 'Chargé·e de mission',
    'elected-official': 'Élu·e',
    other: 'Autre',
  },
  en: {
    dgs: 'Chief executive (DGS)',
    dga: 'Deputy chief executive (DGA)',
    'head-of-division': 'Head of division',
    'head-of-department': 'Head of department',
    'project-officer': 'Project officer',
    'elected-official': 'Elected official',
    other: 'Other',
  },
};

export const registrationStatusLabels: Labels<RegistrationStatus> = {
  fr: { confirmed: 'Confirmée', waitlisted: "En liste d'attente", cancelled: 'Annulée' },
  en: { confirmed: 'Confirmed', waitlisted: 'Waitlisted', cancelled: 'Cancelled' },
};

export const programmeItemKindLabels: Labels<ProgrammeItemKind> = {
  fr: {
    workshop: 'Travaux',
    theory: 'Apports théoriques',
    'experience-sharing': "Retour d'expérience",
    'tools-and-methods': "Appropriation d'outils et de méthodes",
    discussion: "Temps d'échanges",
    presentation: 'Présentation',
    evaluation: 'Évaluation',
    other: 'Autre',
  },
  en: {
    workshop: 'Workshop',
    theory: 'Theory',
    'experience-sharing': 'Experience sharing',
    'tools-and-methods': 'Tools and methods',
    discussion: 'Discussion',
    presentation: 'Presentation',
    evaluation: 'Evaluation',
    other: 'Other',
  },
};

export const audienceKindLabels: Labels<AudienceKind> = {
  fr: { agents: 'Agents', 'elected-officials': 'Élu·es' },
  en: { agents: 'Local government staff', 'elected-officials': 'Elected officials' },
};

/** The word before a session's number: "Journée 4", "Day 4". */
export const sessionNumberWords: Readonly<Record<Locale, string>> = { fr: 'Journée', en: 'Day' };

/** "Journée 4" for a numbered session, else its title. */
export function sessionShortName(session: Pick<Session, 'number' | 'title'>, locale: Locale): string {
  return session.number === undefined ? session.title : `${sessionNumberWords[locale]} ${session.number}`;
}

/** "Journée 4 — Manager les projets…" for a numbered session, else its title. */
export function sessionHeading(session: Pick<Session, 'number' | 'title'>, locale: Locale): string {
  return session.number === undefined ? session.title : `${sessionNumberWords[locale]} ${session.number} — ${session.title}`;
}

/** A participant's function as they would say it: their own words when it is `other`. */
export function participantFunctionLabel(participant: Pick<Participant, 'function' | 'functionOther'>, locale: Locale): string {
  if (participant.function === 'other' && participant.functionOther) return participant.functionOther;
  return participantFunctionLabels[locale][participant.function];
}
