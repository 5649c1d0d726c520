/// <reference types="node" />
/** Reading a JSON body within a size limit. */
import type { Context } from './respond.js';
import { HttpError } from './respond.js';

/** Whether the request says its body is JSON. */
function isJson(contentType: string | undefined): boolean {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  return type === 'application/json' || (type !== undefined && /^application\/[a-z0-9.+-]+\+json$/.test(type));
}

const tooLarge = (ctx: Context, limit: number) =>
  new HttpError(413, 'payload-too-large', ctx.say('payload-too-large', { limit }), {}, { Connection: 'close' });

/** What the headers alone refuse: a body not declared JSON (415), or declared larger than `limit` (413). */
export function checkJsonHeaders(ctx: Context, limit: number): void {
  if (!isJson(ctx.req.headers['content-type'])) {
    throw new HttpError(415, 'unsupported-media-type', ctx.say('unsupported-media-type'));
  }
  const declared = Number(ctx.req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(ctx, limit);
}

/**
 * The request's body, parsed. 415 unless it is declared JSON (which also keeps cross-site HTML forms
 * out: they cannot send application/json without a CORS preflight); 413 past `limit` bytes, from
 * Content-Length or while reading; 400 when it does not parse.
 */
export async function readJson(ctx: Context, limit: number): Promise<{ readonly value: unknown; readonly text: string }> {
  checkJsonHeaders(ctx, limit);
  const { req } = ctx;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw tooLarge(ctx, limit);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return { value: JSON.parse(text) as unknown, text };
  } catch {
    throw new HttpError(400, 'invalid', ctx.say('invalid-json'), { issues: [{ path: '', message: ctx.say('invalid-json') }] });
  }
}

/** A canonical hash input of a JSON value: keys sorted, so that the same body written twice compares equal. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
