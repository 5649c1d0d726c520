// Fictitious evaluation answers for the demo's example cycle: a seeded sequence (the same answers
// at every start), so that the results page shows what a bilan looks like. They are example data:
// demo/evaluation.html says so, and nothing else uses them.

/** `count` answers to the example cycle's questionnaire (examples/demo-cycle-exemple.json). */
export function exampleFeedback(count = 24, seed = 2027) {
  let s = seed;
  const next = () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
  // Mostly satisfied, as a cycle that people chose to follow tends to be; a few less so.
  const rating = () => Math.min(5, Math.max(1, Math.round(3.9 + (next() - 0.45) * 3)));
  const communautes = ['cc-monts-alban-villefranchois', 'cc-carmausin-segala', 'cc-membre-3', 'cc-membre-4', 'cc-membre-5'];
  // Per communauté: 8, 7, 5, 3, 1 answers — the last two groups are withheld in the results.
  const sizes = [8, 7, 5, 3, 1];
  const orgOf = (i) => {
    let n = i;
    for (let k = 0; k < sizes.length; k++) {
      if (n < sizes[k]) return communautes[k];
      n -= sizes[k];
    }
    return 'other';
  };
  return Array.from({ length: count }, (_, i) => {
    const answers = { contenus: rating(), animation: rating(), utilite: rating(), 'organisation-journees': rating() };
    if (next() > 0.25) answers['alternance-lieux'] = rating();
    answers.recommandation = Math.min(10, Math.max(0, Math.round(8 + (next() - 0.5) * 6)));
    answers.communaute = orgOf(i);
    return { formId: 'evaluation-cycle', answers };
  });
}

/**
 * Sends the example answers to a running server, once: only when the questionnaire has no answer
 * yet. Returns how many were sent.
 */
export async function seedExampleFeedback(apiOrigin, cycleId = 'management-par-la-cooperation-exemple-2027') {
  const summary = await fetch(`${apiOrigin}/api/cycles/${cycleId}/feedback/summary?formId=evaluation-cycle`).then((r) => r.json());
  if (summary.count > 0) return 0;
  let sent = 0;
  for (const [i, submission] of exampleFeedback().entries()) {
    const response = await fetch(`${apiOrigin}/api/cycles/${cycleId}/feedback`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': `example-feedback-${i}` },
      body: JSON.stringify(submission),
    });
    if (!response.ok) throw new Error(`example answer ${i}: ${response.status} ${await response.text()}`);
    sent++;
  }
  return sent;
}
