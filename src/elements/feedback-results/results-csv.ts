/**
 * The results shown by `<fc-feedback-results>` as one CSV file (French Excel: `;`, UTF-8 with BOM,
 * formula injection neutralised by `toCSV`): one row per figure, so that the file says exactly
 * what the page says, withheld groups included. Loaded on demand, when the organiser exports.
 */
import { toCSV } from '../../formats/csv.js';
import type { FeedbackForm } from '../../model/feedback.js';
import type { Locale } from '../../model/messages.js';
import type { FeedbackGroup, FeedbackSummary } from '../../rules/feedback.js';
import type { ResultsMessages } from './messages.js';

type Row = readonly [section: string, question: string, answer: string, value: string | number];

export function resultsCsv(form: FeedbackForm, summary: FeedbackSummary, m: ResultsMessages, locale: Locale): string {
  // Decimals written as the page's language writes them: a French spreadsheet reads "4,25" as a number.
  const num = (n: number | undefined) => (n === undefined ? '' : new Intl.NumberFormat(locale, { maximumFractionDigits: 2, useGrouping: false }).format(n));
  const rows: Row[] = [[m.results, form.title, m.count, summary.count]];
  if (summary.responseRate !== undefined) rows.push([m.results, form.title, m.rateWord, num(summary.responseRate * 100)]);
  for (const c of summary.criteria ?? []) {
    const question = form.questions.find((q) => q.id === c.questionId);
    const labels = (question?.type === 'rating' ? question.scale?.labels : undefined) ?? form.scale.labels;
    c.distribution.forEach((n, i) => rows.push([m.results, c.label, `${i + 1} — ${labels[i] ?? ''}`, n]));
    rows.push([m.results, c.label, m.meanWord, num(c.mean)]);
  }
  const r = summary.recommendation;
  if (r) {
    r.distribution.forEach((n, i) => rows.push([m.recommendation, r.label, String(i), n]));
    rows.push([m.recommendation, r.label, m.meanWord, num(r.mean)]);
    if (r.nps !== undefined) rows.push([m.recommendation, r.label, 'NPS', Math.round(r.nps)]);
  }
  const groups = (title: string, list: readonly FeedbackGroup[]) => {
    for (const g of list) {
      const name = `${title} — ${g.key === 'other' && !g.label ? m.other : (g.label ?? g.key)}`;
      rows.push([name, '', m.count, g.count]);
      if (g.withheld) {
        rows.push([name, '', g.withheldReason === 'complement' ? m.withheldComplement : m.withheldSmall(summary.minGroupSize), '']);
        continue;
      }
      for (const c of g.criteria ?? []) rows.push([name, c.label, m.meanWord, num(c.mean)]);
      if (g.recommendation) rows.push([name, g.recommendation.label, m.meanWord, num(g.recommendation.mean)]);
    }
  };
  groups(m.bySession, summary.bySession);
  groups(m.byOrganisation, summary.byOrganisation);
  for (const o of summary.openAnswers ?? []) for (const a of o.answers) rows.push([m.openAnswers, o.label, a, '']);
  return toCSV(rows, [
    { header: m.csvSection, value: (row) => row[0] },
    { header: 'Question', value: (row) => row[1] },
    { header: m.answer, value: (row) => row[2] },
    { header: m.csvValue, value: (row) => row[3] },
  ]);
}
