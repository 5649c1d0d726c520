/** The English words of `<fc-feedback>`, fetched when an element speaks English. */
import type { FeedbackMessages } from './messages.js';

export const en: FeedbackMessages = {
  noForm: 'This cycle has no evaluation questionnaire.',
  unknownForm: (id) => `This cycle has no questionnaire "${id}".`,
  noServer: 'The questionnaire cannot be sent: this component is not connected to a formacoop server (api attribute).',
  notOpenYet: (date) => `The questionnaire opens on ${date}.`,
  beforeSession: (title) => `The questionnaire opens at the end of the day "${title}".`,
  closed: (date) => `The questionnaire closed on ${date}. Thank you to everyone who answered.`,
  closedNow: 'The questionnaire is closed: answers are no longer accepted.',
  tokenMissing: 'This questionnaire is for participants: open it with the personal link you received by email (it ends with "?token=…").',
  tokenInvalid: 'This evaluation link is not valid: check that it was copied whole, or ask the training team for a new link.',
  alreadyAnswered: 'You have already answered this questionnaire with this personal link: one answer per person. Thank you!',
  requiredNote: 'Questions marked "(required)" must be answered; the others are optional.',
  required: '(required)',
  error: 'Error: ',
  summaryTitle: (n) => `${n} question${n > 1 ? 's' : ''} to complete or correct:`,
  anonymous:
    'Your answers are anonymous: this questionnaire asks neither your name nor your address, and they are used only to evaluate the training. Results of very few answers are never shown.',
  tokenNotice: 'Your personal link only ensures one answer per person: it is not stored with your answers.',
  session: 'Day evaluated',
  choose: '— Choose —',
  otherOrganisation: 'Other',
  send: 'Send my answers',
  sending: 'Sending your answers…',
  retrying: 'The server does not answer, trying again…',
  queued: 'You seem to be offline. Your answers are kept on this device and will be sent automatically when the connection is back.',
  queuedMemory: 'Keep this page open: this browser cannot keep them once it is closed.',
  tryNow: 'Try now',
  thanks: 'Thank you! Your answers have been recorded.',
  failed: (detail) => `Your answers could not be sent: ${detail}`,
  back: 'Back to the questionnaire',
};
