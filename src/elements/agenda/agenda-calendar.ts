/**
 * The agenda's month calendar, fetched when someone switches to it (or a link opens the agenda on
 * it): the list, the default, does without it.
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import type { Messages } from '../../i18n/ui.js';
import { formatDay, formatSessionDate } from '../../i18n/dates.js';
import type { Locale } from '../../model/locale.js';
import type { AgendaRow } from './agenda-rows.js';

/** What the calendar needs from its agenda. */
export interface CalendarHost {
  readonly t: Messages;
  readonly locale: Locale;
  /** The month shown (`YYYY-MM`), or '' for the first one with an upcoming session. */
  readonly month: string;
  monthLabel(month: string): string;
  /** A heading one level below the agenda's top one. */
  heading(cls: string, content: unknown, id: string): TemplateResult;
  setMonth(month: string): void;
}

export function renderCalendar(host: CalendarHost, rows: readonly AgendaRow[]): TemplateResult {
  const { t, locale } = host;
  const months = rows.map((r) => r.month).filter((m) => m !== 'unknown');
  const first = rows.find((r) => r.timing !== 'past' && r.month !== 'unknown')?.month ?? months[months.length - 1];
  const month = host.month || first || new Date().toISOString().slice(0, 7);
  const [y, m] = month.split('-').map(Number) as [number, number];
  const byDay = new Map<string, AgendaRow[]>();
  const approximate: AgendaRow[] = [];
  for (const r of rows) {
    const d = r.session.date;
    if (d.precision === 'exact' && r.month === month) byDay.set(d.date, [...(byDay.get(d.date) ?? []), r]);
    else if (d.precision === 'month' && r.month === month) approximate.push(r);
    else if (d.precision === 'unknown') approximate.push(r);
  }
  const label = host.monthLabel(month);
  const firstDay = new Date(Date.UTC(y, m - 1, 1));
  const offset = (firstDay.getUTCDay() + 6) % 7; // Monday first
  const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const cells: (string | undefined)[] = [...Array<undefined>(offset).fill(undefined)];
  for (let d = 1; d <= daysInMonth; d++) cells.push(`${month}-${String(d).padStart(2, '0')}`);
  while (cells.length % 7) cells.push(undefined);
  const weeks: (string | undefined)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  const shift = (delta: number) => host.setMonth(new Date(Date.UTC(y, m - 1 + delta, 1)).toISOString().slice(0, 7));
  const weekdayNames = Array.from({ length: 7 }, (_, i) => formatDay(`2024-01-0${i + 1}`, locale).split(/[ ,]/)[0]!);
  return html`<div class="calendar" part="calendar">
    <div class="calendar-nav">
      <button type="button" @click=${() => shift(-1)} aria-label=${t.previousMonth}>‹ <span aria-hidden="true">${t.previousMonth}</span></button>
      ${host.heading('month-title', label, 'calendar-month')}
      <button type="button" @click=${() => shift(1)} aria-label=${t.nextMonth}><span aria-hidden="true">${t.nextMonth}</span> ›</button>
    </div>
    <table aria-labelledby="calendar-month">
      <thead>
        <tr>
          ${t.weekdaysShort.map((d, i) => html`<th scope="col"><abbr title=${weekdayNames[i]!}>${d}</abbr></th>`)}
        </tr>
      </thead>
      <tbody>
        ${weeks.map(
          (week) => html`<tr>
            ${week.map((day) =>
              day
                ? html`<td>
                    <span class="day" aria-hidden=${byDay.has(day) ? 'true' : 'false'}>${Number(day.slice(8))}</span>
                    ${(byDay.get(day) ?? []).map(
                      (r) => html`<a href="#${r.anchor}"><span class="visually-hidden">${formatDay(day, locale)} : </span>${r.session.number !== undefined ? `${t.sessionNumber(r.session.number)} — ` : ''}${r.session.title}</a>`,
                    )}
                  </td>`
                : html`<td class="outside"></td>`,
            )}
          </tr>`,
        )}
      </tbody>
    </table>
    ${byDay.size === 0 && approximate.length === 0 ? html`<p>${t.noSessionThisMonth}</p>` : nothing}
    ${approximate.length
      ? html`<p><strong>${t.undatedSessions}</strong></p>
          <ul>
            ${approximate.map((r) => html`<li><a href="#${r.anchor}">${r.session.title}</a> — ${formatSessionDate(r.session.date, locale)}</li>`)}
          </ul>`
      : nothing}
  </div>`;
}

export const calendarStyles = css`
  .calendar-nav {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: var(--_space-s);
    margin-bottom: var(--_space-s);
  }
  .calendar-nav .month-title {
    margin: 0;
  }
  table {
    width: 100%;
    border-collapse: collapse;
    table-layout: fixed;
  }
  th {
    font-size: var(--_font-small);
    padding: var(--_space-xs);
    text-align: left;
  }
  td {
    vertical-align: top;
    border: 1px solid var(--_border);
    padding: var(--_space-xs);
    height: 4.5rem;
    overflow-wrap: anywhere;
  }
  td.outside {
    background: var(--_raised);
  }
  td .day {
    display: block;
    font-size: var(--_font-small);
    color: var(--_muted);
  }
  td a {
    display: block;
    font-size: var(--_font-small);
    font-weight: 600;
    margin-top: var(--_space-xs);
  }
  @media (max-width: 40rem) {
    td {
      height: 3rem;
    }
    td a {
      font-size: 0.75rem;
    }
  }
`;
