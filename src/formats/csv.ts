/**
 * Rows as CSV (RFC 4180) that a French spreadsheet opens as it is: UTF-8 with a byte order mark
 * (without it Excel reads UTF-8 as Windows-1252 and "Élu·e" turns into mojibake) and `;` as the
 * separator (Excel in French uses `,` as the decimal comma, so it splits on `;`).
 *
 * Values:
 * - `null` and `undefined` are empty cells;
 * - numbers and bigints are written with `String()`: `1.5`, `-2`. They are not localised to a
 *   decimal comma — the file is data, and a column that wants French figures returns its own text;
 *   `NaN` and infinities are empty cells;
 * - booleans are `true` / `false`: the ready-made column sets return words ("oui") where a person
 *   reads them, the generic writer does not guess a language;
 * - a `Date` is its ISO 8601 instant in UTC (`2026-03-01T09:30:00.000Z`), sortable and
 *   unambiguous; an invalid date is an empty cell;
 * - arrays are their values, so formatted, joined with `, `; other objects are JSON.
 *
 * Formula injection (OWASP "CSV Injection", ASVS 1.2.10): a cell written from text whose first
 * character is `=`, `+`, `-`, `@`, a tab, a carriage return, a line feed or NUL gets a leading `'`,
 * so a spreadsheet shows it instead of evaluating it. Numbers are not text: `-2` given as a number
 * stays `-2`; `"-2"` given as a string becomes `'-2`.
 */
import type { Cycle } from '../model/cycle.js';
import type { Locale } from '../model/messages.js';
import type { Registration } from '../model/registration.js';
import { organisationById } from '../rules/lookup.js';
import { participantFunctionLabel, registrationStatusLabels, sessionShortName } from './labels.js';

/** A column: its header and how to read its value from a row. */
export interface CSVColumn<Row> {
  readonly header: string;
  readonly value: (row: Row) => unknown;
}

/** A column, or a key of a plain-object row (the key is then the header). */
export type CSVColumnSpec<Row> = CSVColumn<Row> | (keyof Row & string);

export type CSVSeparator = ';' | ',' | '\t';

export interface CSVOptions {
  /** Default `;` (French Excel). */
  readonly separator?: CSVSeparator;
  /** Start with a UTF-8 byte order mark. Default `true`. */
  readonly bom?: boolean;
  /** Write the header record. Default `true`. */
  readonly header?: boolean;
}

const CRLF = '\r\n';
const BOM = '\uFEFF';
const FORMULA_START = /^[=+\-@\t\r\n\0]/;

/** Writes rows as CSV; every record, the last included, ends with CRLF. */
export function toCSV<Row>(rows: readonly Row[], columns: readonly CSVColumnSpec<Row>[], options: CSVOptions = {}): string {
  const separator = options.separator ?? ';';
  const cols = columns.map(toColumn);
  const records: string[] = [];
  if (options.header ?? true) records.push(cols.map((c) => quote(neutralise(c.header), separator)).join(separator));
  for (const row of rows) records.push(cols.map((c) => quote(cell(c.value(row)), separator)).join(separator));
  return (options.bom ?? true ? BOM : '') + records.map((r) => r + CRLF).join('');
}

function toColumn<Row>(spec: CSVColumnSpec<Row>): CSVColumn<Row> {
  return typeof spec === 'string' ? { header: spec, value: (row) => row[spec] } : spec;
}

/** A value as the text of a cell, formula-neutralised unless it is a number. */
function cell(value: unknown): string {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'bigint') return String(value);
  return neutralise(text(value));
}

function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString();
  if (Array.isArray(value)) return value.map(text).join(', ');
  return JSON.stringify(value) ?? '';
}

function neutralise(s: string): string {
  return FORMULA_START.test(s) ? `'${s}` : s;
}

/** Quotes a field that holds the separator, a quote or a line break; quotes inside are doubled. */
function quote(field: string, separator: CSVSeparator): string {
  return field.includes(separator) || /["\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}

type RegistrationColumnKey =
  | 'id'
  | 'status'
  | 'waitlistPosition'
  | 'lastName'
  | 'firstName'
  | 'email'
  | 'phone'
  | 'function'
  | 'organisation'
  | 'sessions'
  | 'accessNeeds'
  | 'createdAt';

const REGISTRATION_HEADERS: Record<Locale, Record<RegistrationColumnKey, string>> = {
  fr: {
    id: 'Identifiant',
    status: 'Statut',
    waitlistPosition: "Rang en liste d'attente",
    lastName: 'Nom',
    firstName: 'Prénom',
    email: 'Courriel',
    phone: 'Téléphone',
    function: 'Fonction',
    organisation: 'Organisation',
    sessions: 'Journées',
    accessNeeds: "Besoins d'adaptation",
    createdAt: 'Inscription le (UTC)',
  },
  en: {
    id: 'ID',
    status: 'Status',
    waitlistPosition: 'Waitlist position',
    lastName: 'Last name',
    firstName: 'First name',
    email: 'Email',
    phone: 'Phone',
    function: 'Function',
    organisation: 'Organisation',
    sessions: 'Sessions',
    accessNeeds: 'Access needs',
    createdAt: 'Registered at (UTC)',
  },
};

/**
 * The columns of a registrations export: organisations are named from the cycle, sessions are
 * "Journée 4" when numbered (their title otherwise), functions and statuses are words of `locale`.
 */
export function registrationColumns(cycle: Pick<Cycle, 'organisations' | 'sessions'>, locale: Locale = 'fr'): CSVColumn<Registration>[] {
  const h = REGISTRATION_HEADERS[locale];
  const sessionName = new Map(cycle.sessions.map((s) => [s.id, sessionShortName(s, locale)]));
  const column = (key: RegistrationColumnKey, value: (r: Registration) => unknown): CSVColumn<Registration> => ({ header: h[key], value });
  return [
    column('id', (r) => r.id),
    column('status', (r) => registrationStatusLabels[locale][r.status]),
    column('waitlistPosition', (r) => r.waitlistPosition),
    column('lastName', (r) => r.participant.lastName),
    column('firstName', (r) => r.participant.firstName),
    column('email', (r) => r.participant.email),
    column('phone', (r) => r.participant.phone),
    column('function', (r) => participantFunctionLabel(r.participant, locale)),
    column('organisation', (r) => {
      const p = r.participant;
      // A registration may outlive a renamed or removed organisation: fall back to what was typed, then the id.
      return organisationById(cycle, p.organisationId)?.name ?? p.organisationName ?? p.organisationId;
    }),
    column('sessions', (r) => r.sessionIds.map((id) => sessionName.get(id) ?? id)),
    column('accessNeeds', (r) => r.accessNeeds),
    column('createdAt', (r) => new Date(r.createdAt)),
  ];
}
