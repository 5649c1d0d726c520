/**
 * Derives the compact validator's IR (ir.ts) from the zod schemas' definitions, and writes it as a
 * TypeScript module. Used by scripts/build-validator.mjs (`npm run gen:validator`), which writes
 * ir.generated.ts, and by test/model/compact.test.ts, which checks that the committed file still
 * says what the schemas say. Never bundled into an element: it needs zod.
 *
 * It knows the zod constructs the model uses, each with zod's exact behaviour reproduced by
 * validate.ts; anything else (a custom error, a coercion, a strict object, an unknown format…) is
 * refused with its path, so that a schema change the interpreter cannot follow fails here rather
 * than validating differently in the browser.
 */
import { keyOf } from '../keys.js';
import * as model from '../index.js';
import * as refinements from '../refinements.js';
import { ruleOf, trim, z } from '../zod.js';
import type { Check, Node, Primitive, RefineFn, RuleFn } from './ir.js';

type Schema = z.core.$ZodType;
type ZodCheck = z.core.$ZodCheck;
/** A zod definition read loosely: which fields it has depends on its type. */
type Def = { readonly [field: string]: unknown };

/** The schemas the elements validate, by the name of their IR in ir.generated.ts. */
export const ROOTS = {
  FEED: model.FeedSchema,
  REGISTRATION_REQUEST: model.RegistrationRequestSchema,
  FEEDBACK_SUBMISSION: model.FeedbackSubmissionSchema,
  // What the HTTP backend checks in the server's answers.
  AVAILABILITY: model.AvailabilitySchema,
  REGISTRATION: model.RegistrationSchema,
  FEEDBACK_RECEIPT: model.FeedbackReceiptSchema,
} satisfies Record<string, Schema>;

export type Roots = { readonly [name in keyof typeof ROOTS]: Node };

const isSchema = (x: unknown): x is Schema =>
  typeof x === 'object' && x !== null && '_zod' in x && (x as Schema)._zod.traits?.has('$ZodType') === true;

/** Exported schemas by identity, to name the constants of the generated module. */
const SCHEMA_NAMES = new Map<Schema, string>(
  Object.entries(model).flatMap(([name, value]) => (isSchema(value) ? [[value, name] as const] : [])),
);
/** Functions of refinements.ts by identity: the IR refers to them by these names. */
const RULE_NAMES = new Map<unknown, string>(
  Object.entries(refinements).flatMap(([name, value]) => (typeof value === 'function' ? [[value, name] as const] : [])),
);

class Unsupported extends Error {
  constructor(where: string, what: string) {
    super(`compact validator: ${what} at ${where || '(root)'} is not supported; extend derive.ts and validate.ts, or use a construct they know`);
  }
}

/** A key check's `when` is zod's default one (run on anything with a length) when it answers like it. */
function isLengthWhen(when: unknown): boolean {
  if (typeof when !== 'function') return false;
  const w = when as (payload: { value: unknown }) => boolean;
  return w({ value: 'x' }) && w({ value: [] }) && w({ value: { length: 0 } }) && !w({ value: null }) && !w({ value: 1 });
}

function rejectOptions(def: Def, where: string, allowed: readonly string[]) {
  for (const field of ['error', 'coerce', 'path', 'when', 'abort'] as const) {
    if (allowed.includes(field)) continue;
    const v = def[field];
    if (v !== undefined && !(field === 'abort' && v === false)) throw new Unsupported(where, `option "${field}"`);
  }
}

function fnName(fn: unknown, where: string): string {
  const name = RULE_NAMES.get(fn);
  if (!name) throw new Unsupported(where, 'a refinement that is not an exported function of refinements.ts');
  return name;
}

function deriveCheck(check: ZodCheck, where: string): Check {
  const def = check._zod.def as unknown as Def;
  switch (def.check) {
    case 'min_length':
    case 'max_length':
      rejectOptions(def, where, ['when']);
      if (!isLengthWhen(def.when)) throw new Unsupported(where, `a ${String(def.check)} check with its own "when"`);
      return def.check === 'min_length' ? [0, def.minimum as number] : [1, def.maximum as number];
    case 'string_format':
      rejectOptions(def, where, []);
      if (def.format !== 'regex') throw new Unsupported(where, `a string format check "${String(def.format)}"`);
      return pattern(def.pattern, keyOf(check), where);
    case 'greater_than':
    case 'less_than':
      rejectOptions(def, where, []);
      if (typeof def.value !== 'number' || !Number.isFinite(def.value)) throw new Unsupported(where, 'a bound that is not a finite number');
      return [def.check === 'greater_than' ? 3 : 4, def.value, def.inclusive ? 1 : 0];
    case 'overwrite':
      if (check !== trim) throw new Unsupported(where, 'an overwrite other than `trim` of zod.ts (use it instead of z.trim())');
      return [6];
    case 'custom': {
      rejectOptions(def, where, []);
      if (def.type === 'custom') {
        // z.refine: its function is in the definition.
        const params = def.params as { fc?: unknown } | undefined;
        if (!params || typeof params.fc !== 'string') throw new Unsupported(where, 'a refine without `params: { fc: key }`');
        fnName(def.fn, where);
        return [8, def.fn as RefineFn, params as { fc: never }];
      }
      const fn = ruleOf(check);
      if (!fn) throw new Unsupported(where, 'a superRefine not made with `rule()` of zod.ts');
      fnName(fn, where);
      return [9, fn as RuleFn];
    }
    default:
      throw new Unsupported(where, `a "${String(def.check)}" check`);
  }
}

function pattern(re: unknown, key: string | undefined, where: string): Check {
  if (!(re instanceof RegExp) || /[gy]/.test(re.flags)) throw new Unsupported(where, 'a pattern that is not a plain RegExp');
  return key ? [2, re, key as never] : [2, re];
}

/** Checks of the definition, after the schema's own (a string format or `z.int()` is its first check). */
function checksOf(schema: Schema, where: string, own: Check[] = []): Check[] {
  const checks = (schema._zod.def as unknown as Def).checks as ZodCheck[] | undefined;
  return [...own, ...(checks ?? []).map((c) => deriveCheck(c, where))];
}

const memo = new Map<Schema, Node>();
/** Nodes derived from an exported schema, with its name (for the generated module's readability). */
export const NODE_NAMES = new Map<Node, string>();

/** The IR of a zod schema. */
export function derive(schema: Schema, where = ''): Node {
  let node = memo.get(schema);
  if (!node) {
    node = deriveNode(schema, where);
    memo.set(schema, node);
    const name = SCHEMA_NAMES.get(schema);
    if (name) NODE_NAMES.set(node, name);
  }
  return node;
}

function deriveNode(schema: Schema, where: string): Node {
  const def = schema._zod.def as unknown as Def;
  const key = keyOf(schema);
  const keyless = (kind: string) => {
    if (key) throw new Unsupported(where, `a keyed ${kind}`);
  };
  const traits = schema._zod.traits;
  switch (def.type) {
    case 'string': {
      rejectOptions(def, where, ['abort']);
      let own: Check[] = [];
      if (def.format === 'url') {
        // z.httpUrl(): zod requires `http(s)://` before parsing when the protocol is its http one.
        const { protocol, hostname } = def as { protocol?: unknown; hostname?: unknown };
        if (def.normalize || !(protocol instanceof RegExp) || protocol.source !== z.regexes.httpProtocol.source || !(hostname instanceof RegExp)) {
          throw new Unsupported(where, 'a URL format other than z.httpUrl()');
        }
        own = [key ? [7, protocol, hostname, key] : [7, protocol, hostname]];
      } else if (def.format !== undefined) {
        // Formats whose check is their pattern alone (others, like ipv6 or base64, add code).
        if (!['email', 'date', 'time', 'datetime'].includes(def.format as string)) {
          throw new Unsupported(where, `the string format "${String(def.format)}"`);
        }
        own = [pattern(def.pattern, key, where)];
      }
      const checks = checksOf(schema, where, own);
      return key ? [0, checks, key] : [0, checks];
    }
    case 'number': {
      keyless('number');
      rejectOptions(def, where, ['abort']);
      if (def.format !== undefined && def.format !== 'safeint') throw new Unsupported(where, `the number format "${String(def.format)}"`);
      return [1, checksOf(schema, where, def.format ? [[5]] : [])];
    }
    case 'boolean':
      keyless('boolean');
      rejectOptions(def, where, []);
      noChecks(def, where);
      return [2];
    case 'literal':
    case 'enum': {
      rejectOptions(def, where, []);
      noChecks(def, where);
      const values = def.type === 'literal' ? (def.values as unknown[]) : enumValues(def.entries as Record<string, unknown>);
      for (const v of values) {
        if (v !== null && !['string', 'number', 'boolean'].includes(typeof v)) throw new Unsupported(where, `the value ${String(v)}`);
      }
      return key ? [3, values as Primitive[], key] : [3, values as Primitive[]];
    }
    case 'object': {
      keyless('object');
      rejectOptions(def, where, []);
      if (def.catchall !== undefined) throw new Unsupported(where, 'an object with a catchall (strict or loose)');
      const shape = def.shape as Record<PropertyKey, Schema>;
      if (Object.getOwnPropertySymbols(shape).length) throw new Unsupported(where, 'a symbol key');
      const out: Record<string, Node> = {};
      for (const [k, v] of Object.entries(shape)) {
        if (k === '__proto__') throw new Unsupported(where, 'a `__proto__` key');
        out[k] = derive(v, where ? `${where}.${k}` : k);
      }
      const checks = checksOf(schema, where);
      return checks.length ? [4, out, checks] : [4, out];
    }
    case 'array': {
      keyless('array');
      rejectOptions(def, where, []);
      const element = derive(def.element as Schema, `${where}[]`);
      const checks = checksOf(schema, where);
      return checks.length ? [5, element, checks] : [5, element];
    }
    case 'record': {
      keyless('record');
      rejectOptions(def, where, []);
      noChecks(def, where);
      if (def.mode !== undefined || def.partial) throw new Unsupported(where, 'a loose or partial record');
      const keyNode = derive(def.keyType as Schema, `${where}{key}`);
      // A string key schema never accepts zod's numeric retry (Number(key)), so validate.ts omits it.
      if (keyNode[0] !== 0 || (def.keyType as Schema)._zod.values) throw new Unsupported(where, 'a record key that is not a plain string schema');
      return [6, keyNode, derive(def.valueType as Schema, `${where}{}`)];
    }
    case 'union': {
      keyless('union');
      rejectOptions(def, where, []);
      noChecks(def, where);
      const options = def.options as Schema[];
      if (options.length < 2) throw new Unsupported(where, 'a union of fewer than two options');
      if (def.discriminator === undefined) {
        if (def.inclusive === false) throw new Unsupported(where, 'an exclusive union (z.xor)');
        return [
          7,
          options.map((o, i) => {
            const n = derive(o, `${where}|${i}`);
            // An option accepting undefined would make a missing key valid: validate.ts assumes none does.
            if (n[0] === 9 || n[0] === 10) throw new Unsupported(where, 'an optional union option');
            return n;
          }),
        ];
      }
      if (def.unionFallback) throw new Unsupported(where, 'a discriminated union with unionFallback');
      const disc = def.discriminator as string;
      const pairs: [Primitive, Node][] = [];
      for (const o of options) {
        const values = (o._zod as { propValues?: Record<string, Set<unknown>> }).propValues?.[disc];
        if (!values || values.has(undefined)) throw new Unsupported(where, 'a discriminated union option without a required literal tag');
        const n = derive(o, `${where}<${[...values].join('|')}>`);
        for (const v of values) pairs.push([v as Primitive, n]);
      }
      return [8, disc, pairs];
    }
    case 'optional': {
      keyless('optional');
      if (traits.has('$ZodExactOptional')) throw new Unsupported(where, 'z.exactOptional');
      noChecks(def, where);
      const inner = derive(def.innerType as Schema, where);
      // zod applies an optional default's value to an absent key; validate.ts leaves it absent.
      if (inner[0] === 10) throw new Unsupported(where, 'an optional default');
      return [9, inner];
    }
    case 'default': {
      keyless('default');
      noChecks(def, where);
      // zod reads the getter at each parse (a copy of an object default); it must be a constant.
      const a = def.defaultValue;
      const json = JSON.stringify(a);
      if (a === undefined || json !== JSON.stringify(def.defaultValue) || JSON.stringify(JSON.parse(json)) !== json) {
        throw new Unsupported(where, 'a default that is not a constant JSON value');
      }
      return [10, derive(def.innerType as Schema, where), JSON.parse(json) as unknown];
    }
    default:
      throw new Unsupported(where, `the zod type "${String(def.type)}"`);
  }
}

function noChecks(def: Def, where: string) {
  if ((def.checks as unknown[] | undefined)?.length) throw new Unsupported(where, `checks on a ${String(def.type)}`);
}

/** zod's `getEnumValues`: the values of an enum's entries, without a numeric enum's reverse keys. */
function enumValues(entries: Record<string, unknown>): unknown[] {
  const numeric = Object.values(entries).filter((v) => typeof v === 'number');
  return Object.entries(entries)
    .filter(([k]) => numeric.indexOf(+k) === -1)
    .map(([, v]) => v);
}

/** The IR of every root. */
export function deriveRoots(): Roots {
  return {
    FEED: derive(ROOTS.FEED, ''),
    REGISTRATION_REQUEST: derive(ROOTS.REGISTRATION_REQUEST, ''),
    FEEDBACK_SUBMISSION: derive(ROOTS.FEEDBACK_SUBMISSION, ''),
    AVAILABILITY: derive(ROOTS.AVAILABILITY, ''),
    REGISTRATION: derive(ROOTS.REGISTRATION, ''),
    FEEDBACK_RECEIPT: derive(ROOTS.FEEDBACK_RECEIPT, ''),
  };
}

// ---------------------------------------------------------------------------------------------
// Writing the IR as a module.

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function literal(v: unknown): string {
  if (v instanceof RegExp) return `/${v.source}/${v.flags}`;
  if (typeof v === 'function') return fnName(v, '(generated module)');
  if (Array.isArray(v)) return `[${v.map(literal).join(', ')}]`;
  if (typeof v === 'object' && v !== null) {
    const entries = Object.entries(v).map(([k, x]) => `${IDENT.test(k) ? k : JSON.stringify(k)}: ${literal(x)}`);
    return `{ ${entries.join(', ')} }`;
  }
  if (typeof v === 'number' && !Number.isFinite(v)) throw new Error(`compact validator: cannot write ${v}`);
  return v === undefined ? 'undefined' : JSON.stringify(v);
}

/**
 * The source of ir.generated.ts. A node used more than once (the same schema, or one built twice
 * alike, like `plainText(300)`) becomes a constant, named after its schema when it has one.
 */
export function generatedModule(roots: Roots = deriveRoots()): string {
  // Each node as text with its children inline: equal texts are equal nodes.
  const inline = new Map<Node, string>();
  const children = (n: Node): Node[] => {
    switch (n[0]) {
      case 4:
        return Object.values(n[1]);
      case 5:
      case 9:
      case 10:
        return [n[1]];
      case 6:
        return [n[1], n[2]];
      case 7:
        return [...n[1]];
      case 8:
        return n[2].map(([, o]) => o);
      default:
        return [];
    }
  };
  // `ind` undefined: on one line (the text that identifies a node); else objects one property a line.
  const text = (n: Node, ref: (c: Node, ind?: string) => string, ind?: string): string => {
    const inner = ind === undefined ? undefined : `${ind}  `;
    const parts = n.map((x, i) => {
      if (i === 0) return String(x);
      if (n[0] === 4 && i === 1) {
        const props = Object.entries(x as Record<string, Node>).map(([k, c]) => `${IDENT.test(k) ? k : JSON.stringify(k)}: ${ref(c, inner)}`);
        return inner === undefined ? `{ ${props.join(', ')} }` : `{\n${props.map((prop) => `${inner}${prop},\n`).join('')}${ind}}`;
      }
      if ((n[0] === 5 || n[0] === 9 || n[0] === 10) && i === 1) return ref(x as Node, ind);
      if (n[0] === 6 && (i === 1 || i === 2)) return ref(x as Node, ind);
      if (n[0] === 7 && i === 1) return `[${(x as Node[]).map((o) => ref(o, ind)).join(', ')}]`;
      if (n[0] === 8 && i === 2) return `[${(x as [Primitive, Node][]).map(([v, o]) => `[${literal(v)}, ${ref(o, ind)}]`).join(', ')}]`;
      return literal(x);
    });
    return `[${parts.join(', ')}]`;
  };
  const inlineOf = (n: Node): string => {
    let t = inline.get(n);
    if (t === undefined) {
      t = text(n, inlineOf);
      inline.set(n, t);
    }
    return t;
  };
  // How many times each distinct node is referred to, and one name per distinct node.
  const uses = new Map<string, number>();
  const names = new Map<string, string>();
  const count = (n: Node) => {
    const t = inlineOf(n);
    const seen = uses.has(t);
    uses.set(t, (uses.get(t) ?? 0) + 1);
    const name = NODE_NAMES.get(n);
    if (name && !names.has(t)) names.set(t, name.replace(/Schema$/, ''));
    if (!seen) children(n).forEach(count);
  };
  Object.values(roots).forEach(count);

  // A wrapper of a named schema is named after it: `Provenance_optional`, `Venue_list_default`.
  const nameOf = (n: Node): string | undefined => {
    const own = names.get(inlineOf(n));
    if (own) return own;
    const suffix = n[0] === 9 ? 'optional' : n[0] === 10 ? 'default' : n[0] === 5 ? 'list' : undefined;
    const inner = suffix && nameOf(n[1] as Node);
    return inner ? `${inner}_${suffix}` : undefined;
  };
  const consts: string[] = [];
  const hoisted = new Map<string, string>();
  const taken = new Set<string>(Object.keys(roots));
  let anonymous = 0;
  const refOf = (n: Node, ind = ''): string => {
    const t = inlineOf(n);
    const done = hoisted.get(t);
    if (done) return done;
    // Short nodes cost less inline than as a constant.
    if ((uses.get(t) ?? 0) < 2 || t.length < 12) return text(n, refOf, ind);
    const body = text(n, refOf, '');
    let name = nameOf(n) ?? `node${++anonymous}`;
    while (taken.has(name)) name = `${name}_`;
    taken.add(name);
    hoisted.set(t, name);
    consts.push(`const ${name}: Node = ${body};`);
    return name;
  };
  const exports = Object.entries(roots).map(([name, n]) => `export const ${name}: Node = ${refOf(n)};`);
  const used = [...RULE_NAMES.values()].filter((name) => consts.concat(exports).some((line) => new RegExp(`\\b${name}\\b`).test(line)));

  return [
    '// Generated by `npm run gen:validator` (scripts/build-validator.mjs) from the zod schemas of',
    '// src/model, through src/model/compact/derive.ts. Do not edit: test/model/compact.test.ts fails',
    '// when this file no longer says what the schemas say. Node and check codes: see ir.ts.',
    `import { ${used.sort().join(', ')} } from '../refinements.js';`,
    "import type { Node } from './ir.js';",
    '',
    ...consts,
    '',
    ...exports,
    '',
  ].join('\n');
}
