/**
 * The REST contract as OpenAPI 3.1, generated from the zod schemas (`z.toJSONSchema`): the document
 * cannot drift from what the server validates.
 */
import { z } from '../model/zod.js';
import { AvailabilitySchema } from '../model/availability.js';
import { CatalogueFeedSchema, CycleFeedSchema } from '../model/feed.js';
import { FeedbackResponseSchema, FeedbackSubmissionSchema } from '../model/feedback.js';
import { RegistrationSchema } from '../model/registration.js';
import {
  ErasureRequestSchema,
  ErrorBodySchema,
  FeedbackReceiptSchema,
  FeedbackTokensRequestSchema,
  RegistrationSubmissionSchema,
} from '../backend/protocol.js';

type Json = Record<string, unknown>;

/** A request body is what people write (defaults optional); an answer is what the server fills in. */
function jsonSchema(schema: z.core.$ZodType, io: 'input' | 'output'): Json {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Json;
  delete json.$schema;
  return json;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: string) => ({ 'application/json': { schema: ref(name) } });
const error = (description: string) => ({ description, content: json('Error') });

const cycleId = { name: 'cycleId', in: 'path', required: true, schema: { type: 'string' } };
const sessionId = { name: 'sessionId', in: 'path', required: true, schema: { type: 'string' } };
const formIdQuery = { name: 'formId', in: 'query', required: true, schema: { type: 'string' } };
const idempotencyKey = {
  name: 'Idempotency-Key',
  in: 'header',
  required: true,
  description: 'One key per submission, the same across its retries. Same key and body: the stored answer is replayed.',
  schema: { type: 'string', minLength: 1, maxLength: 200 },
};
const admin = [{ adminToken: [] }];

const writeErrors = {
  '400': error('Invalid body (`issues` give each bad field’s path) or Idempotency-Key missing'),
  '409': error('`in-flight`: the first request with this key is being processed; `refused` / `already-answered` / `closed`'),
  '413': error('Body too large'),
  '415': error('Body not declared as JSON'),
  '422': error('Idempotency-Key already used with another body'),
  '429': { description: 'Too many requests from this client; see Retry-After', headers: { 'Retry-After': { schema: { type: 'integer' } } }, content: json('Error') },
};

/** The OpenAPI document. */
export function openApiDocument(version: string): Json {
  const feedbackPost = (summary: string, extraParams: Json[]) => ({
    summary,
    parameters: [cycleId, ...extraParams, idempotencyKey],
    requestBody: { required: true, content: json('FeedbackSubmission') },
    responses: {
      '201': { description: 'Stored', content: json('FeedbackReceipt') },
      '403': error('`token-invalid`: the token was not issued for this form'),
      '404': error('No such cycle'),
      ...writeErrors,
    },
  });
  return {
    openapi: '3.1.0',
    info: {
      title: 'formacoop reference server',
      version,
      description:
        'Training cycles of local authorities: feeds, registrations (seats decided atomically, waiting list), evaluations. ' +
        'JSON only, no cookies. Messages in French, or English with `Accept-Language: en`. Every error answers `{ "error": { code, message, issues?, reason? } }`.',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    components: {
      securitySchemes: { adminToken: { type: 'http', scheme: 'bearer', description: 'FORMACOOP_ADMIN_TOKEN' } },
      schemas: {
        CycleFeed: jsonSchema(CycleFeedSchema, 'output'),
        CycleFeedInput: jsonSchema(CycleFeedSchema, 'input'),
        CatalogueFeed: jsonSchema(CatalogueFeedSchema, 'output'),
        Availability: jsonSchema(AvailabilitySchema, 'output'),
        RegistrationSubmission: jsonSchema(RegistrationSubmissionSchema, 'input'),
        Registration: jsonSchema(RegistrationSchema, 'output'),
        FeedbackSubmission: jsonSchema(FeedbackSubmissionSchema, 'input'),
        FeedbackReceipt: jsonSchema(FeedbackReceiptSchema, 'output'),
        FeedbackResponse: jsonSchema(FeedbackResponseSchema, 'output'),
        ErasureRequest: jsonSchema(ErasureRequestSchema, 'input'),
        FeedbackTokensRequest: jsonSchema(FeedbackTokensRequestSchema, 'input'),
        Error: jsonSchema(ErrorBodySchema, 'output'),
      },
    },
    paths: {
      '/healthz': { get: { summary: 'Liveness and database check', responses: { '200': { description: 'OK' }, '503': error('Database unreachable') } } },
      '/openapi.json': { get: { summary: 'This document', responses: { '200': { description: 'OpenAPI 3.1' } } } },
      '/api/cycles': {
        get: { summary: 'Every cycle, as a catalogue feed', responses: { '200': { description: 'Catalogue (ETag; 304 on If-None-Match)', content: json('CatalogueFeed') }, '304': { description: 'Not modified' } } },
      },
      '/api/cycles/{cycleId}': {
        get: {
          summary: 'A cycle feed, as the elements read it',
          parameters: [cycleId],
          responses: { '200': { description: 'Cycle feed (ETag; 304 on If-None-Match)', content: json('CycleFeed') }, '304': { description: 'Not modified' }, '404': error('No such cycle') },
        },
      },
      '/api/cycles/{cycleId}/calendar.ics': {
        get: {
          summary: 'The cycle’s exactly dated sessions as iCalendar (RFC 5545)',
          parameters: [cycleId],
          responses: { '200': { description: 'text/calendar', content: { 'text/calendar': { schema: { type: 'string' } } } }, '404': error('No such cycle, or no dated session') },
        },
      },
      '/api/cycles/{cycleId}/availability': {
        get: { summary: 'Seats left, counts only', parameters: [cycleId], responses: { '200': { description: 'Availability', content: json('Availability') }, '404': error('No such cycle') } },
      },
      '/api/cycles/{cycleId}/registrations': {
        post: {
          summary: 'Register: confirmed, or waitlisted with a position, decided atomically',
          parameters: [cycleId, idempotencyKey],
          requestBody: { required: true, content: json('RegistrationSubmission') },
          responses: {
            '201': { description: '`confirmed`, or `waitlisted` with `waitlistPosition` (replays carry Idempotent-Replayed: true)', content: json('Registration') },
            '404': error('No such cycle'),
            ...writeErrors,
          },
        },
      },
      '/api/cycles/{cycleId}/feedback': { post: feedbackPost('Send an evaluation answer (cycle-scoped form, or session in the body)', []) },
      '/api/cycles/{cycleId}/sessions/{sessionId}/feedback': { post: feedbackPost('Send an evaluation answer for a session', [sessionId]) },
      '/api/cycles/{cycleId}/feedback/summary': {
        get: {
          summary: 'Evaluation statistics, small groups withheld; public when the form’s results are, else admin',
          parameters: [cycleId, formIdQuery],
          security: [{}, { adminToken: [] }],
          responses: { '200': { description: 'FeedbackSummary (see the SDK’s summariseFeedback)', content: { 'application/json': { schema: { type: 'object' } } } }, '401': error('Results not public'), '404': error('No such cycle or form') },
        },
      },
      '/api/admin/cycles/{cycleId}': {
        put: {
          summary: 'Create or replace a cycle feed (validated); seats are recounted and the waiting list promoted if seats were added',
          security: admin,
          parameters: [cycleId],
          requestBody: { required: true, content: json('CycleFeedInput') },
          responses: { '200': { description: 'Replaced', content: json('CycleFeed') }, '201': { description: 'Created', content: json('CycleFeed') }, '400': error('Invalid feed'), '401': error('Admin token missing or wrong') },
        },
      },
      '/api/admin/cycles/{cycleId}/registrations': {
        get: {
          summary: 'Registrations of a cycle (JSON; CSV with Accept: text/csv or at registrations.csv)',
          security: admin,
          parameters: [cycleId],
          responses: { '200': { description: '{ cycleId, registrations }', content: { 'application/json': { schema: { type: 'object', properties: { cycleId: { type: 'string' }, registrations: { type: 'array', items: ref('Registration') } } } }, 'text/csv': { schema: { type: 'string' } } } }, '401': error('Admin token missing or wrong') },
        },
      },
      '/api/admin/cycles/{cycleId}/registrations.csv': {
        get: { summary: 'Registrations of a cycle as CSV (French Excel: UTF-8 with BOM, `;`)', security: admin, parameters: [cycleId], responses: { '200': { description: 'text/csv' }, '401': error('Admin token missing or wrong') } },
      },
      '/api/admin/cycles/{cycleId}/registrations/{registrationId}/cancel': {
        post: {
          summary: 'Cancel a registration; the first waitlisted people who fit are promoted in the same transaction',
          security: admin,
          parameters: [cycleId, { name: 'registrationId', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { '200': { description: '{ registration, promoted }' }, '401': error('Admin token missing or wrong'), '404': error('No such registration') },
        },
      },
      '/api/admin/erasure': {
        post: {
          summary: 'Erase a person: every registration with this email (RGPD article 17)',
          security: admin,
          requestBody: { required: true, content: json('ErasureRequest') },
          responses: { '200': { description: '{ registrations, cycleIds }' }, '401': error('Admin token missing or wrong') },
        },
      },
      '/api/admin/cycles/{cycleId}/feedback.csv': {
        get: { summary: 'Evaluation answers of a form as CSV', security: admin, parameters: [cycleId, formIdQuery], responses: { '200': { description: 'text/csv' }, '401': error('Admin token missing or wrong') } },
      },
      '/api/admin/cycles/{cycleId}/feedback/{formId}/tokens': {
        post: {
          summary: 'Issue feedback tokens for a form with access: token (stored hashed, returned once)',
          security: admin,
          parameters: [cycleId, { name: 'formId', in: 'path', required: true, schema: { type: 'string' } }],
          requestBody: { required: true, content: json('FeedbackTokensRequest') },
          responses: { '201': { description: '{ formId, tokens }' }, '401': error('Admin token missing or wrong') },
        },
      },
      '/api/admin/purge': {
        post: { summary: 'Delete the data of cycles whose retention period (privacy.retentionDays after the last session) is over', security: admin, responses: { '200': { description: 'PurgeReport' }, '401': error('Admin token missing or wrong') } },
      },
    },
  };
}
