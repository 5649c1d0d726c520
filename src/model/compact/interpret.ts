/**
 * The compact validator's interpreter: runs the IR of ir.ts the way zod parses the schemas it was
 * derived from — same output (defaults, trims, unknown keys dropped), same issues at the same paths,
 * same rules for when a check still runs after a failure. Its issues name a message key and its
 * params, not a text: the texts (messages.ts) are loaded only when there is something to explain.
 * Imports nothing of zod, and builds no code at run time (no eval, no `new Function`).
 */
import { formatPath, type ValidationIssue } from '../issues.js';
import type { MessageKey } from '../messages.js';
import type { RuleContext } from '../refinements.js';
import type { Check, Node } from './ir.js';

/** An issue in zod's raw form: the fields that zod's error map, and so our messages, read. */
interface Issue {
  code: string;
  /** Relative to the node that raised it until its parents prefix their keys. */
  path: PropertyKey[];
  input: unknown;
  /** zod's `continue`: true lets the next checks run; false stops even length checks; unset stops the others. */
  c?: boolean;
  /** The message key of the schema or check that raised it (`keyed()`). */
  k?: MessageKey | undefined;
  params?: { fc?: MessageKey };
  [param: string]: unknown;
}

// The issues of the validation under way, in the order zod raises them. A node's issues are the
// tail of this list from the length it had when the node started.
let issues: Issue[] = [];

const add = (code: string, input: unknown, props?: Partial<Issue>) => {
  issues.push({ code, path: [], input, ...props });
};

/** Whether an issue since `from` stops the next checks (zod's `aborted`, or `explicitlyAborted`). */
const stops = (from: number, explicit?: boolean) => {
  for (let i = from; i < issues.length; i++) if (explicit ? issues[i]!.c === false : issues[i]!.c !== true) return true;
  return false;
};

const prefix = (from: number, key: PropertyKey) => {
  for (let i = from; i < issues.length; i++) issues[i]!.path.unshift(key);
};

const isObject = (v: unknown): v is Record<PropertyKey, unknown> => typeof v == 'object' && v !== null && !Array.isArray(v);

/** zod's `isPlainObject`, which a record requires. */
const isPlainObject = (v: unknown) => {
  if (!isObject(v)) return false;
  const ctor = v.constructor;
  if (typeof ctor != 'function') return true;
  const proto: unknown = ctor.prototype;
  return isObject(proto) && Object.prototype.hasOwnProperty.call(proto, 'isPrototypeOf');
};

/** A default is copied, as zod copies an array or object default at each parse. */
const copy = (v: unknown) => (Array.isArray(v) ? [...v] : isObject(v) ? { ...v } : v);

const originOf = (v: unknown) => (typeof v == 'string' ? 'string' : Array.isArray(v) ? 'array' : 'unknown');

function run(n: Node, v: unknown): unknown {
  const start = issues.length;
  let out = v;
  let checks: readonly Check[] | undefined;
  switch (n[0]) {
    case 0:
      if (typeof v != 'string') add('invalid_type', v, { expected: 'string', k: n[2] });
      checks = n[1];
      break;
    case 1:
      if (!Number.isFinite(v)) add('invalid_type', v, { expected: 'number' });
      checks = n[1];
      break;
    case 2:
      if (typeof v != 'boolean') add('invalid_type', v, { expected: 'boolean' });
      break;
    case 3:
      if (!n[1].includes(v as never)) add('invalid_value', v, { values: n[1], k: n[2] });
      break;
    case 4:
      if (isObject(v)) {
        const o: Record<string, unknown> = {};
        // Object.keys, not for…in: a key added to Object.prototype by the page is not one of ours.
        for (const k of Object.keys(n[1])) {
          const s = n[1][k]!;
          const x = v[k];
          // zod asks `k in v` (an explicit undefined is kept; an absent optional key stays absent).
          const has = x !== undefined || k in v;
          if (!has && s[0] == 9) continue;
          const from = issues.length;
          const r = run(s, x);
          prefix(from, k);
          if (has || r !== undefined) o[k] = r;
        }
        out = o;
      } else add('invalid_type', v, { expected: 'object' });
      checks = n[2];
      break;
    case 5:
      if (Array.isArray(v)) {
        const a: unknown[] = [];
        for (let i = 0; i < v.length; i++) {
          const from = issues.length;
          a.push(run(n[1], v[i]));
          prefix(from, i);
        }
        out = a;
      } else add('invalid_type', v, { expected: 'array' });
      checks = n[2];
      break;
    case 6:
      if (isPlainObject(v)) {
        const o: Record<PropertyKey, unknown> = {};
        for (const k of Reflect.ownKeys(v as object)) {
          if (k === '__proto__' || !Object.prototype.propertyIsEnumerable.call(v, k)) continue;
          let from = issues.length;
          const key = run(n[1], k) as PropertyKey;
          if (issues.length > from) {
            issues.length = from;
            add('invalid_key', k, { path: [k] });
            continue;
          }
          if (key === '__proto__') continue;
          from = issues.length;
          o[key] = run(n[2], (v as Record<PropertyKey, unknown>)[k]);
          prefix(from, k);
        }
        out = o;
      } else add('invalid_type', v, { expected: 'record' });
      break;
    case 7: {
      const tried: [unknown, Issue[]][] = [];
      for (const option of n[1]) {
        const r = run(option, v);
        const own = issues.splice(start);
        if (!own.length) return r;
        tried.push([r, own]);
      }
      // One option failing only on checks that let others continue is the answer; else no option is.
      const near = tried.filter(([, own]) => !own.some((i) => i.c !== true));
      if (near.length == 1) {
        issues.push(...near[0]![1]);
        out = near[0]![0];
      } else add('invalid_union', v);
      break;
    }
    case 8:
      if (isObject(v)) {
        const tag = v[n[1]];
        const option = n[2].find(([value]) => value === tag);
        if (option) return run(option[1], v);
        add('invalid_union', v, { path: [n[1]], values: n[2].map(([value]) => value), k: 'not_allowed' });
      } else add('invalid_type', v, { expected: 'object' });
      break;
    case 9:
      return v === undefined ? v : run(n[1], v);
    case 10:
      out = v === undefined ? undefined : run(n[1], v);
      return out === undefined ? copy(n[2]) : out;
  }
  return checks ? check(checks, out, start) : out;
}

/** Runs a node's checks on its value, from its first issue `start`, stopping as zod stops. */
function check(checks: readonly Check[], v: unknown, start: number): unknown {
  let stop = stops(start);
  for (const c of checks) {
    // zod runs length checks (with their `when`) even after a failure, on anything with a length.
    if (c[0] < 2 ? stops(start, true) || v == null || (v as { length?: unknown }).length === undefined : stop) continue;
    const from = issues.length;
    const s = v as string;
    switch (c[0]) {
      case 0:
      case 1: {
        // Strings are measured in code points; a count in UTF-16 units decides whenever it can.
        let length = s.length;
        if (typeof s == 'string' && (c[0] ? length > c[1] : length < 2 * c[1])) length = [...s].length;
        if (c[0] ? length > c[1] : length < c[1]) {
          add(c[0] ? 'too_big' : 'too_small', v, { [c[0] ? 'maximum' : 'minimum']: c[1], origin: originOf(v), c: true });
        }
        break;
      }
      case 2:
        if (!c[1].test(s)) add('invalid_format', v, { k: c[2], c: true });
        break;
      case 3:
      case 4: {
        const small = c[0] == 3;
        const n = v as number;
        if (!(small ? (c[2] ? n >= c[1] : n > c[1]) : c[2] ? n <= c[1] : n < c[1])) {
          add(small ? 'too_small' : 'too_big', v, { [small ? 'minimum' : 'maximum']: c[1], inclusive: !!c[2], origin: 'number', c: true });
        }
        break;
      }
      case 5:
        if (!Number.isInteger(v)) add('invalid_type', v, { expected: 'int', c: false });
        else if (!Number.isSafeInteger(v)) {
          const big = (v as number) > 0;
          add(big ? 'too_big' : 'too_small', v, {
            [big ? 'maximum' : 'minimum']: big ? Number.MAX_SAFE_INTEGER : Number.MIN_SAFE_INTEGER,
            inclusive: true,
            origin: 'int',
            c: true,
          });
        }
        break;
      case 6:
        v = s.trim();
        break;
      case 7: {
        // zod's httpUrl: `http(s)://` first, then the URL parser, then hostname and protocol.
        const t = s.trim();
        let url: URL | undefined;
        try {
          if (/^https?:\/\//i.test(t)) url = new URL(t);
        } catch {
          url = undefined;
        }
        if (!url) {
          add('invalid_format', v, { k: c[3], c: true });
          break;
        }
        if (!c[2].test(url.hostname)) add('invalid_format', v, { k: c[3], c: true });
        if (!c[1].test(url.protocol.slice(0, -1))) add('invalid_format', v, { k: c[3], c: true });
        // The parser ignores tabs and line breaks; zod drops them from the value it returns.
        v = t.replace(/[\t\n\r]/g, '');
        break;
      }
      case 8:
        if (!(c[1] as (value: unknown) => boolean)(v)) add('custom', v, { params: c[2], c: true });
        break;
      case 9:
        // The rule pushes its issues in zod's raw form, paths relative to the value.
        (c[1] as (value: unknown, ctx: RuleContext) => void)(v, { issues });
    }
    if (!stop) stop = stops(from);
  }
  return v;
}

/** The message key of an issue: the rule's or the schema's own, else the generic one for its code. */
function keyFor(i: Issue): MessageKey {
  const key = i.params?.fc ?? i.k;
  if (key) return key;
  const origin = i.origin;
  switch (i.code) {
    case 'invalid_type':
      // A missing required field reads better as "required" than as "expected string".
      return i.input === undefined ? 'required' : 'expected_type';
    case 'too_small':
      return origin == 'string' ? (i.minimum === 1 ? 'required' : 'too_short') : origin == 'array' ? 'too_few' : 'number_too_small';
    case 'too_big':
      return origin == 'string' ? 'too_long' : origin == 'array' ? 'too_many' : 'number_too_big';
    case 'invalid_value':
      return 'not_allowed';
    case 'invalid_format':
      return 'invalid_format';
    case 'invalid_key':
      return 'invalid_key';
    default:
      return 'invalid_union';
  }
}

/** An issue before it is put in words: where, zod's code, and the message key with its params. */
export interface RawIssue {
  readonly segments: (string | number)[];
  readonly code: string;
  readonly key: MessageKey;
  readonly params: Readonly<Record<string, unknown>>;
}

export type RawResult<T = unknown> =
  | { readonly success: true; readonly data: T }
  | { readonly success: false; readonly issues: RawIssue[] };

/** Runs the IR of a schema on `input`. */
export function interpret<T = unknown>(ir: Node, input: unknown): RawResult<T> {
  issues = [];
  let data: unknown;
  let raised: Issue[];
  try {
    data = run(ir, input);
  } finally {
    raised = issues;
    issues = [];
  }
  if (!raised.length) return { success: true, data: data as T };
  return {
    success: false,
    issues: raised.map((i) => ({
      segments: i.path as (string | number)[],
      code: i.params?.fc ?? i.code,
      key: keyFor(i),
      params: { ...i.params, ...i },
    })),
  };
}

/** The issues in words (`text` gives a key's message), one per path and message as the SDK does after zod. */
export function describe(raw: readonly RawIssue[], text: (key: MessageKey, params: RawIssue['params']) => string): ValidationIssue[] {
  const seen = new Set<string>();
  const out: ValidationIssue[] = [];
  for (const i of raw) {
    const path = formatPath(i.segments);
    const message = text(i.key, i.params);
    const id = `${path}\u0000${message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push({ path, segments: i.segments, code: i.code, message });
  }
  return out;
}
