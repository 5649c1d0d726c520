/// <reference types="node" />
/** What several routes share: finding the cycle, the admin check, and idempotent writes. */
import { createHash } from 'node:crypto';
import { IDEMPOTENCY_KEY_PATTERN } from '../../backend/protocol.js';
import type { App } from '../app.js';
import { canonicalJson, checkJsonHeaders, readJson } from '../http/body.js';
import { HttpError, sendJson, type Context } from '../http/respond.js';
import type { EarlierAnswer, IdempotencyKind, IdempotencyRef, StoredAnswer, StoredCycle } from '../storage/store.js';

export async function cycleOr404(ctx: Context, app: App): Promise<StoredCycle> {
  const id = ctx.params.cycleId!;
  const cycle = await app.store.cycle(id);
  if (!cycle) throw new HttpError(404, 'not-found', ctx.say('cycle-not-found', { id }));
  return cycle;
}

export function requireAdmin(ctx: Context, app: App): void {
  if (!app.auth.check(ctx.req)) {
    throw new HttpError(401, 'unauthorized', ctx.say('unauthorized'), {}, { 'WWW-Authenticate': 'Bearer realm="formacoop"' });
  }
}

export function idempotencyKeyOf(ctx: Context): string {
  const key = ctx.req.headers['idempotency-key'];
  if (typeof key !== 'string' || !IDEMPOTENCY_KEY_PATTERN.test(key)) {
    throw new HttpError(400, 'idempotency-key-missing', ctx.say('idempotency-key-missing'));
  }
  return key;
}

/** The request a handler processes once per Idempotency-Key. */
export interface IdempotentRequest {
  readonly ref: IdempotencyRef;
  readonly value: unknown;
  readonly bodyHash: string;
}

/** What processing gives: an answer (already kept with the key), or the key's earlier answer. */
export type Processed = StoredAnswer | { readonly earlier: EarlierAnswer };

/**
 * Runs `process` once per Idempotency-Key of this cycle and kind:
 * - while this process handles the key's first request, another is 409 `in-flight`, worth retrying
 *   (checked on the headers, before the body is read);
 * - the key was answered: with the same body, the answer is replayed (`Idempotent-Replayed: true`);
 *   with another body, 422;
 * - else `process` decides, and keeps its answer with the key in the same transaction. A request
 *   that ends with no answer worth replaying (an invalid body, a failure) keeps nothing, so that the
 *   client may retry it.
 */
export async function idempotent(
  ctx: Context,
  app: App,
  kind: IdempotencyKind,
  cycleId: string,
  process: (request: IdempotentRequest) => Promise<Processed>,
): Promise<void> {
  const key = idempotencyKeyOf(ctx);
  const ref: IdempotencyRef = { cycleId, kind, key };
  // Headers first (415, and 413 from Content-Length): refused on sight, the key is not touched.
  checkJsonHeaders(ctx, app.settings.bodyLimit);
  const id = `${cycleId}\n${kind}\n${key}`;
  if (app.inFlight.has(id)) throw new HttpError(409, 'in-flight', ctx.say('in-flight'), {}, { 'Retry-After': '1' });
  app.inFlight.add(id);
  try {
    const { value } = await readJson(ctx, app.settings.bodyLimit);
    const bodyHash = createHash('sha256').update(canonicalJson(withoutToken(value))).digest('hex');
    const earlier = await app.store.earlierAnswer(ref);
    const result = earlier ? { earlier } : await process({ ref, value, bodyHash });
    if ('earlier' in result) {
      if (result.earlier.bodyHash !== bodyHash) throw new HttpError(422, 'idempotency-key-reused', ctx.say('idempotency-key-reused'));
      sendJson(ctx.res, result.earlier.answer.status, result.earlier.answer.body, { 'Idempotent-Replayed': 'true' });
      return;
    }
    sendJson(ctx.res, result.status, result.body);
  } finally {
    app.inFlight.delete(id);
  }
}

/**
 * The body as its idempotency hash sees it: without a feedback token. The hash is kept beside the
 * stored answer; with the token in it, whoever holds the list of tokens could tell whose answer it is.
 */
export function withoutToken(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || !('token' in value)) return value;
  const { token: _token, ...rest } = value as Record<string, unknown>;
  return rest;
}
