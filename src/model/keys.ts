/**
 * Which formacoop message a zod check or schema raises. Kept apart from messages.ts so that the
 * catalogue imports nothing of zod and `keyOf` stays internal (the SDK exports `keyed` only).
 */
import type { MessageKey } from './messages.js';

const keys = new WeakMap<object, MessageKey>();

/** Gives a check or schema formacoop's own message for the issues it raises. */
export function keyed<T extends object>(check: T, key: MessageKey): T {
  keys.set(check, key);
  return check;
}

/** The message key given to a check or schema by {@link keyed}, if any. */
export const keyOf = (check: object): MessageKey | undefined => keys.get(check);
