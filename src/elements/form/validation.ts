/** One problem with one field, as the compact validator and a server's 400 body both give it. */
export interface IssueLike {
  readonly path: string;
  readonly message: string;
}

/** Field path → the message a person reads under it. */
export type FieldErrors = Readonly<Record<string, string>>;

/**
 * The one adapter from validation issues to field messages: the first issue of each field wins;
 * an item of a list (`sessionIds[0]`) is reported on its list.
 */
export function fieldErrors(issues: readonly IssueLike[], overrides: Readonly<Record<string, string>> = {}): FieldErrors {
  const out: Record<string, string> = {};
  for (const { path, message } of issues) {
    const key = path.replace(/\[.*$/, '');
    out[key] ??= overrides[key] ?? message;
  }
  return out;
}
