import { expect } from '@open-wc/testing';
import {
  FeedbackResponseSchema,
  feedbackFormState,
  parseCycle,
  parseWith,
  summariseFeedback,
  validateFeedback,
  type FeedbackAnswer,
  type FeedbackResponse,
  type FeedbackSubmission,
} from '../../src/index.js';

const scale5 = { points: 5, labels: ['Pas du tout satisfait', 'Peu satisfait', 'Moyennement satisfait', 'Satisfait', 'Très satisfait'] };

const cycle = parseCycle({
  formatVersion: 1,
  type: 'cycle',
  id: 'management-cooperation',
  title: 'Management par la Coopération',
  audience: { kinds: ['agents'] },
  organisations: [
    { id: 'cnfpt-tarn', name: 'CNFPT, antenne du Tarn', shortName: 'CNFPT Tarn', kind: 'cnfpt', roles: ['organiser'] },
    { id: 'cc-a', name: 'Communauté de communes A', shortName: 'CC A', kind: 'epci', roles: ['member', 'host'] },
    { id: 'cc-b', name: 'Communauté de communes B', kind: 'epci', roles: ['member'] },
  ],
  sessions: [
    { id: 'j5', number: 5, title: 'Journée 5 — Cap’Découverte', date: { precision: 'exact', date: '2026-05-14' } },
    { id: 'j4', number: 4, title: 'Journée 4 — La Halle d’Alban', date: { precision: 'exact', date: '2026-03-26' } },
    { id: 'bonus', number: 6, title: 'Journée bonus', date: { precision: 'month', year: 2026, month: 6, part: 'late' } },
  ],
  feedback: [
    {
      id: 'eval-journee',
      title: 'Évaluation de la journée',
      scope: 'session',
      sessionIds: ['j4', 'j5'],
      scale: scale5,
      questions: [
        { id: 'q-organisation', type: 'organisation', label: 'Votre communauté de communes' },
        { id: 'q-contenu', type: 'rating', label: 'Contenu de la journée' },
        {
          id: 'q-animation', type: 'rating', label: 'Animation', required: false,
          scale: { points: 4, labels: ['Insuffisante', 'Moyenne', 'Bonne', 'Excellente'] },
        },
        { id: 'q-recommandation', type: 'recommendation', label: 'Recommanderiez-vous ce cycle ?' },
        { id: 'q-commentaire', type: 'text', label: 'Un commentaire ?', maxLength: 20 },
      ],
    },
    {
      id: 'eval-cycle',
      title: 'Évaluation du cycle',
      scope: 'cycle',
      access: 'token',
      scale: scale5,
      questions: [{ id: 'q-attentes', type: 'text', label: 'Le cycle a-t-il répondu à vos attentes ?', required: true }],
    },
    {
      id: 'eval-proto',
      title: 'Questions aux noms piégeux',
      scope: 'cycle',
      scale: scale5,
      questions: [{ id: 'toString', type: 'rating', label: 'Note' }],
    },
    {
      id: 'eval-toutes',
      title: 'Toutes les journées',
      scope: 'session',
      scale: scale5,
      questions: [{ id: 'q-contenu', type: 'rating', label: 'Contenu' }],
    },
  ],
});
const form = cycle.feedback[0]!;

const valid: FeedbackSubmission = {
  formId: 'eval-journee',
  sessionId: 'j4',
  answers: { 'q-organisation': 'cc-a', 'q-contenu': 4, 'q-animation': 3, 'q-recommandation': 9, 'q-commentaire': 'Très riche' },
};
const withAnswers = (answers: Record<string, FeedbackAnswer>, over: Partial<FeedbackSubmission> = {}): FeedbackSubmission => ({
  ...valid,
  ...over,
  answers: { ...valid.answers, ...answers },
});
/** `[path, code, message]` of each issue, to compare in one assertion. */
const summary = (issues: ReturnType<typeof validateFeedback>) => issues.map((i) => [i.path, i.code, i.message]);

describe('rules/feedback: validateFeedback', () => {
  it('accepts a complete answer, and one that leaves out optional questions', () => {
    expect(validateFeedback(cycle, valid)).to.deep.equal([]);
    expect(validateFeedback(cycle, { formId: 'eval-journee', sessionId: 'j5', answers: { 'q-contenu': 1, 'q-organisation': 'other' } })).to.deep.equal([]);
  });

  it('names a missing required answer at its path, in French by default and in English', () => {
    const submission = { formId: 'eval-journee', sessionId: 'j4', answers: { 'q-commentaire': 'Bien' } };
    const fr = validateFeedback(cycle, submission);
    expect(fr).to.deep.equal([{ path: 'answers.q-contenu', segments: ['answers', 'q-contenu'], code: 'answer_required', message: 'réponse obligatoire' }]);
    expect(summary(validateFeedback(cycle, submission, 'en'))).to.deep.equal([['answers.q-contenu', 'answer_required', 'an answer is required']]);
  });

  it('keeps ratings within their scale, the form’s or their own, and recommendations within 0–10', () => {
    const issues = validateFeedback(cycle, withAnswers({ 'q-contenu': 6, 'q-animation': 5, 'q-recommandation': 11 }));
    expect(summary(issues)).to.deep.equal([
      ['answers.q-contenu', 'answer_range', 'choisissez une valeur entre 1 et 5'],
      ['answers.q-animation', 'answer_range', 'choisissez une valeur entre 1 et 4'],
      ['answers.q-recommandation', 'answer_range', 'choisissez une valeur entre 0 et 10'],
    ]);
    const en = validateFeedback(cycle, withAnswers({ 'q-contenu': 2.5, 'q-animation': 0, 'q-recommandation': -1 }), 'en');
    expect(en.map((i) => i.message)).to.deep.equal([
      'choose a value between 1 and 5',
      'choose a value between 1 and 4',
      'choose a value between 0 and 10',
    ]);
    expect(summary(validateFeedback(cycle, withAnswers({ 'q-contenu': '4' })))).to.deep.equal([
      ['answers.q-contenu', 'answer_range', 'choisissez une valeur entre 1 et 5'],
    ]);
    expect(validateFeedback(cycle, withAnswers({ 'q-contenu': 1, 'q-animation': 4, 'q-recommandation': 0 }))).to.deep.equal([]);
  });

  it('limits open answers to their length and to plain text, and treats a blank answer as none', () => {
    expect(summary(validateFeedback(cycle, withAnswers({ 'q-commentaire': 'x'.repeat(21) })))).to.deep.equal([
      ['answers.q-commentaire', 'too_long', 'trop long : au plus 20 caractères'],
    ]);
    expect(validateFeedback(cycle, withAnswers({ 'q-commentaire': `  ${'x'.repeat(20)}  ` }))).to.deep.equal([]);
    expect(summary(validateFeedback(cycle, withAnswers({ 'q-commentaire': 'a\u0007b' }), 'en'))).to.deep.equal([
      ['answers.q-commentaire', 'control_chars', 'invalid text: control characters are not allowed'],
    ]);
    expect(summary(validateFeedback(cycle, withAnswers({ 'q-commentaire': 12 })))).to.deep.equal([
      ['answers.q-commentaire', 'answer_text', 'une réponse écrite est attendue'],
    ]);
    const blank = { formId: 'eval-cycle', answers: { 'q-attentes': '   ' }, token: 'jeton-personnel-123' };
    expect(summary(validateFeedback(cycle, blank))).to.deep.equal([['answers.q-attentes', 'answer_required', 'réponse obligatoire']]);
  });

  it('accepts only a member organisation or "other"', () => {
    expect(summary(validateFeedback(cycle, withAnswers({ 'q-organisation': 'cnfpt-tarn' })))).to.deep.equal([
      ['answers.q-organisation', 'answer_organisation', 'choisissez une organisation de la liste, ou « autre »'],
    ]);
    expect(summary(validateFeedback(cycle, withAnswers({ 'q-organisation': 'cc-z' }), 'en'))).to.deep.equal([
      ['answers.q-organisation', 'answer_organisation', 'choose an organisation from the list, or "other"'],
    ]);
    expect(validateFeedback(cycle, withAnswers({ 'q-organisation': 'cc-b' }))).to.deep.equal([]);
  });

  it('refuses answers to unknown questions, own properties only', () => {
    const issues = validateFeedback(cycle, withAnswers({ 'q-inconnue': 3, constructor: 'x' }));
    expect(summary(issues)).to.deep.equal([
      ['answers.q-inconnue', 'unknown_ref', 'référence inconnue : aucune question n\'a l\'identifiant « q-inconnue »'],
      ['answers.constructor', 'unknown_ref', 'référence inconnue : aucune question n\'a l\'identifiant « constructor »'],
    ]);
  });

  it("does not take an inherited property for an answer", () => {
    expect(summary(validateFeedback(cycle, { formId: 'eval-proto', answers: {} }))).to.deep.equal([
      ['answers.toString', 'answer_required', 'réponse obligatoire'],
    ]);
  });

  it('checks the form and the evaluated session', () => {
    expect(summary(validateFeedback(cycle, { formId: 'eval-x', answers: {} }))).to.deep.equal([
      ['formId', 'unknown_ref', 'référence inconnue : aucun questionnaire n\'a l\'identifiant « eval-x »'],
    ]);
    expect(summary(validateFeedback(cycle, withAnswers({}, { sessionId: undefined })))).to.deep.equal([
      ['sessionId', 'feedback_session_missing', 'indiquez la journée que vous évaluez'],
    ]);
    expect(summary(validateFeedback(cycle, withAnswers({}, { sessionId: 'bonus' }), 'en'))).to.deep.equal([
      ['sessionId', 'feedback_session_not_in_form', 'this questionnaire does not cover session "bonus"'],
    ]);
    expect(summary(validateFeedback(cycle, withAnswers({}, { sessionId: 'j9' })))[0]).to.deep.equal([
      'sessionId', 'unknown_ref', 'référence inconnue : aucune session n\'a l\'identifiant « j9 »',
    ]);
    // A form without sessionIds evaluates every session.
    expect(validateFeedback(cycle, { formId: 'eval-toutes', sessionId: 'bonus', answers: { 'q-contenu': 5 } })).to.deep.equal([]);
  });

  it('wants no session on a cycle form and a token on a token form', () => {
    const issues = validateFeedback(cycle, { formId: 'eval-cycle', sessionId: 'j4', answers: { 'q-attentes': 'Oui' } });
    expect(summary(issues)).to.deep.equal([
      ['sessionId', 'feedback_session_unexpected', 'ce questionnaire porte sur tout le cycle : aucune session ne doit être indiquée'],
      ['token', 'feedback_token_missing', "lien d'évaluation incomplet : le jeton personnel manque"],
    ]);
    expect(validateFeedback(cycle, { formId: 'eval-cycle', token: 'jeton-personnel-123', answers: { 'q-attentes': 'Oui' } })).to.deep.equal([]);
  });

  it('tells whether a form takes answers at a given time', () => {
    const f = { opensAt: '2026-03-26T16:00:00+01:00', closesAt: '2026-04-30T00:00:00+02:00' };
    expect(feedbackFormState(f, new Date('2026-03-26T14:59:59Z'))).to.equal('not-open-yet');
    expect(feedbackFormState(f, new Date('2026-03-26T15:00:00Z'))).to.equal('open');
    expect(feedbackFormState(f, new Date('2026-04-29T22:00:00Z'))).to.equal('closed');
    expect(feedbackFormState({}, new Date())).to.equal('open');
  });
});

let seq = 0;
function response(sessionId: string | undefined, answers: Record<string, FeedbackAnswer>, over: Partial<FeedbackResponse> = {}): FeedbackResponse {
  seq += 1;
  return parseWith(FeedbackResponseSchema, {
    id: `fr-${seq}`,
    cycleId: 'management-cooperation',
    formId: 'eval-journee',
    sessionId,
    answers,
    submittedAt: '2026-03-26T17:00:00+01:00',
    ...over,
  });
}
const answers = (org: string | undefined, contenu: number, animation: number | undefined, reco: number, comment?: string) => ({
  ...(org === undefined ? {} : { 'q-organisation': org }),
  'q-contenu': contenu,
  ...(animation === undefined ? {} : { 'q-animation': animation }),
  'q-recommandation': reco,
  ...(comment === undefined ? {} : { 'q-commentaire': comment }),
});

/**
 * Seven responses, computed by hand:
 * - contenu 5 4 4 3 5 2 4 → n 7, mean 27/7, distribution [0, 1, 1, 3, 2];
 * - animation (4 points) 4 3 · 2 4 1 3 → n 6, mean 17/6, distribution [1, 1, 2, 2];
 * - recommendation 10 9 7 6 8 3 10 → n 7, mean 53/7; promoters 3, detractors 2, NPS 100/7;
 * - day 4: five responses, all from CC A; day 5: two, one from CC B and one from elsewhere.
 */
const seven = () => [
  response('j4', answers('cc-a', 5, 4, 10, 'Très riche')),
  response('j4', answers('cc-a', 4, 3, 9)),
  response('j4', answers('cc-a', 4, undefined, 7)),
  response('j4', answers('cc-a', 3, 2, 6, 'Trop court')),
  response('j4', answers('cc-a', 5, 4, 8)),
  response('j5', answers('cc-b', 2, 1, 3, '   ')),
  response('j5', answers('other', 4, 3, 10, 'Bien')),
  // Not counted: another form, another cycle.
  response('j4', answers('cc-a', 1, 1, 0), { formId: 'eval-toutes' }),
  response('j4', answers('cc-a', 1, 1, 0), { cycleId: 'autre-cycle' }),
];

describe('rules/feedback: summariseFeedback', () => {
  it('computes exact overall statistics on a hand-computed set', () => {
    const s = summariseFeedback(form, seven(), { cycle, expected: 10, minGroupSize: 5 });
    expect([s.formId, s.count, s.responseRate, s.minGroupSize, s.withheld]).to.deep.equal(['eval-journee', 7, 0.7, 5, false]);
    expect(s.criteria).to.deep.equal([
      { questionId: 'q-contenu', label: 'Contenu de la journée', points: 5, count: 7, mean: 27 / 7, distribution: [0, 1, 1, 3, 2] },
      { questionId: 'q-animation', label: 'Animation', points: 4, count: 6, mean: 17 / 6, distribution: [1, 1, 2, 2] },
    ]);
    expect(s.recommendation).to.deep.equal({
      questionId: 'q-recommandation',
      label: 'Recommanderiez-vous ce cycle ?',
      count: 7,
      mean: 53 / 7,
      distribution: [0, 0, 0, 1, 0, 0, 1, 1, 1, 1, 2],
      nps: ((3 - 2) / 7) * 100,
    });
    expect(s.recommendation!.nps).to.be.closeTo(14.2857, 1e-4);
    expect('openAnswers' in s).to.equal(false);
  });

  it('lists open answers on request, trimmed, blank ones left out, in alphabetical order', () => {
    const s = summariseFeedback(form, seven(), { cycle, includeOpenAnswers: true });
    expect(s.openAnswers).to.deep.equal([{ questionId: 'q-commentaire', label: 'Un commentaire ?', answers: ['Bien', 'Très riche', 'Trop court'] }]);
  });

  it('withholds a group of 2 under a minimum of 5, and the group of 5 that would reveal it by subtraction', () => {
    const s = summariseFeedback(form, seven(), { cycle });
    expect(s.minGroupSize).to.equal(5);
    expect(s.bySession).to.deep.equal([
      { key: 'j4', label: 'Journée 4 — La Halle d’Alban', count: 5, withheld: true, withheldReason: 'complement' },
      { key: 'j5', label: 'Journée 5 — Cap’Découverte', count: 2, withheld: true, withheldReason: 'small-group' },
    ]);
    expect(s.byOrganisation).to.deep.equal([
      { key: 'cc-a', label: 'CC A', count: 5, withheld: true, withheldReason: 'complement' },
      { key: 'cc-b', label: 'Communauté de communes B', count: 1, withheld: true, withheldReason: 'small-group' },
      { key: 'other', count: 1, withheld: true, withheldReason: 'small-group' },
    ]);
  });

  it('shows a large group when the withheld ones are numerous enough, with its own statistics', () => {
    const more = [
      ...seven(),
      response('j5', answers('cc-b', 5, 4, 9)),
      response('j5', answers('cc-b', 4, 4, 9)),
      response('j5', answers('other', 3, undefined, 5)),
    ];
    const s = summariseFeedback(form, more, { cycle });
    expect(s.count).to.equal(10);
    const j4 = s.bySession[0]!;
    expect([j4.key, j4.count, j4.withheld]).to.deep.equal(['j4', 5, false]);
    expect(j4.criteria![0]).to.deep.equal({
      questionId: 'q-contenu', label: 'Contenu de la journée', points: 5, count: 5, mean: 21 / 5, distribution: [0, 0, 1, 2, 2],
    });
    expect(j4.recommendation!.nps).to.equal(((2 - 1) / 5) * 100);
    const j5 = s.bySession[1]!;
    expect([j5.key, j5.count, j5.withheld]).to.deep.equal(['j5', 5, false]);
    expect(j5.criteria![0]!.mean).to.equal((2 + 4 + 5 + 4 + 3) / 5);
    // CC B (3) and other (2) are withheld; together they make 5, so CC A may be shown.
    expect(s.byOrganisation.map((g) => [g.key, g.count, g.withheld, g.withheldReason])).to.deep.equal([
      ['cc-a', 5, false, undefined],
      ['cc-b', 3, true, 'small-group'],
      ['other', 2, true, 'small-group'],
    ]);
  });

  it('counts the responses in no group as withheld too: those without an organisation answer', () => {
    const eight = [
      ...Array.from({ length: 6 }, () => response('j4', answers('cc-a', 4, 4, 9))),
      response('j4', answers(undefined, 1, 1, 0)),
      response('j4', answers(undefined, 1, 1, 0)),
    ];
    const s = summariseFeedback(form, eight, { cycle });
    expect(s.withheld).to.equal(false);
    // The whole minus CC A would give away the two unanswered responses.
    expect(s.byOrganisation).to.deep.equal([{ key: 'cc-a', label: 'CC A', count: 6, withheld: true, withheldReason: 'complement' }]);
    // One group equal to the whole is kept, and shown: there is nothing to subtract.
    expect(s.bySession.map((g) => [g.key, g.count, g.withheld])).to.deep.equal([['j4', 8, false]]);
    expect(s.bySession[0]!.criteria![0]!.mean).to.equal(s.criteria![0]!.mean);
  });

  it('shows groups under a smaller minimum, and labels nothing without the cycle', () => {
    // Without the cycle, the other cycle's response to this form counts (on day 4, CC A).
    const s = summariseFeedback(form, seven(), { minGroupSize: 2 });
    expect(s.count).to.equal(8);
    expect(s.bySession.map((g) => [g.key, g.label, g.count, g.withheld])).to.deep.equal([
      ['j4', undefined, 6, false],
      ['j5', undefined, 2, false],
    ]);
    expect(s.bySession[1]!.criteria![0]!.distribution).to.deep.equal([0, 1, 0, 1, 0]);
    expect(s.bySession[1]!.recommendation).to.deep.include({ count: 2, mean: 6.5, nps: 0 });
    // cc-b and other, one each, make a withheld pair of 2 = the minimum: CC A stays visible.
    expect(s.byOrganisation.map((g) => [g.key, g.withheld])).to.deep.equal([
      ['cc-a', false],
      ['cc-b', true],
      ['other', true],
    ]);
  });

  it('withholds everything but the count below the minimum', () => {
    const four = seven().slice(0, 4);
    const s = summariseFeedback(form, four, { cycle, expected: 40, includeOpenAnswers: true });
    expect(s).to.deep.equal({
      formId: 'eval-journee',
      count: 4,
      responseRate: 0.1,
      minGroupSize: 5,
      withheld: true,
      bySession: [{ key: 'j4', label: 'Journée 4 — La Halle d’Alban', count: 4, withheld: true, withheldReason: 'small-group' }],
      byOrganisation: [{ key: 'cc-a', label: 'CC A', count: 4, withheld: true, withheldReason: 'small-group' }],
    });
  });

  it('leaves out stored answers that no longer fit the scale', () => {
    const s = summariseFeedback(form, [response('j4', { 'q-contenu': 7, 'q-recommandation': 12 }), response('j4', { 'q-contenu': 5 })], {
      minGroupSize: 2,
    });
    expect(s.criteria![0]).to.deep.include({ count: 1, mean: 5, distribution: [0, 0, 0, 0, 1] });
    expect(s.recommendation!.count).to.equal(0);
  });

  it('reports no mean for a question no one answered, and no response rate without expected', () => {
    const s = summariseFeedback(form, [response('j4', { 'q-contenu': 3 }), response('j4', { 'q-contenu': 5 })], { minGroupSize: 2 });
    expect('responseRate' in s).to.equal(false);
    expect(s.criteria![1]).to.deep.equal({ questionId: 'q-animation', label: 'Animation', points: 4, count: 0, distribution: [0, 0, 0, 0] });
    expect(s.recommendation).to.deep.equal({
      questionId: 'q-recommandation', label: 'Recommanderiez-vous ce cycle ?', count: 0, distribution: new Array(11).fill(0),
    });
    expect(s.byOrganisation).to.deep.equal([]);
  });
});
