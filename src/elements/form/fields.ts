import { css, html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { FieldErrors } from './validation.js';

/** The kit's own words, given by each form in its language. */
export interface FormWords {
  /** After the label of a required field, e.g. « (obligatoire) ». */
  readonly required: string;
  /** Before an error message under a field, e.g. « Erreur : ». */
  readonly error: string;
}

export interface FieldSpec {
  /** The field's path in the submission (`participant.email`): its name, and its id `f-<path>`. */
  readonly name: string;
  readonly label: string;
  readonly value: string;
  readonly type?: 'text' | 'email' | 'tel' | 'textarea' | 'select';
  readonly required?: boolean;
  readonly hint?: string;
  readonly autocomplete?: string;
  /** For `select`: `[value, label]` pairs (the first is usually « choose »). */
  readonly options?: readonly (readonly [string, string])[];
}

export interface ChoicesSpec {
  readonly name: string;
  readonly legend: string;
  readonly required?: boolean;
  readonly hint?: string;
  /** `[value, label, note?]`: the note is read with the checkbox (a date, « réservée … »). */
  readonly options: readonly (readonly [string, string, string?])[];
  readonly selected: readonly string[];
}

const id = (name: string) => `f-${name}`;

function describedBy(name: string, hint: unknown, error: unknown): string | typeof nothing {
  const ids = [hint ? `${id(name)}-hint` : '', error ? `${id(name)}-error` : ''].filter(Boolean).join(' ');
  return ids || nothing;
}

function errorText(name: string, error: string | undefined, w: FormWords): TemplateResult | typeof nothing {
  return error ? html`<p class="field-error" id="${id(name)}-error"><span class="visually-hidden">${w.error}</span>${error}</p>` : nothing;
}

const marker = (required: boolean | undefined, w: FormWords) => (required ? html` <span class="required">${w.required}</span>` : nothing);

/** A labelled control with its hint and error, all in the caller's shadow root. */
export function field(s: FieldSpec, errors: FieldErrors, w: FormWords): TemplateResult {
  const error = errors[s.name];
  const common = {
    id: id(s.name),
    invalid: error ? 'true' : nothing,
    describedBy: describedBy(s.name, s.hint, error),
  };
  let control: TemplateResult;
  if (s.type === 'select') {
    control = html`<select id=${common.id} name=${s.name} ?required=${s.required} aria-invalid=${common.invalid} aria-describedby=${common.describedBy} autocomplete=${s.autocomplete ?? nothing}>
      ${(s.options ?? []).map(([v, l]) => html`<option value=${v} ?selected=${v === s.value}>${l}</option>`)}
    </select>`;
  } else if (s.type === 'textarea') {
    control = html`<textarea id=${common.id} name=${s.name} rows="3" ?required=${s.required} aria-invalid=${common.invalid} aria-describedby=${common.describedBy} .value=${live(s.value)}></textarea>`;
  } else {
    control = html`<input id=${common.id} name=${s.name} type=${s.type ?? 'text'} ?required=${s.required} aria-invalid=${common.invalid} aria-describedby=${common.describedBy} autocomplete=${s.autocomplete ?? nothing} .value=${live(s.value)} />`;
  }
  return html`<div class="field ${error ? 'invalid' : ''}">
    <label for=${common.id}>${s.label}${marker(s.required, w)}</label>
    ${s.hint ? html`<p class="hint" id="${common.id}-hint">${s.hint}</p>` : nothing} ${control} ${errorText(s.name, error, w)}
  </div>`;
}

/** A fieldset of checkboxes; its error is announced with its legend and the first box. */
export function choices(s: ChoicesSpec, errors: FieldErrors, w: FormWords): TemplateResult {
  const error = errors[s.name];
  return html`<fieldset class="field choices ${error ? 'invalid' : ''}" id=${id(s.name)} aria-describedby=${describedBy(s.name, s.hint, error)}>
    <legend>${s.legend}${marker(s.required, w)}</legend>
    ${s.hint ? html`<p class="hint" id="${id(s.name)}-hint">${s.hint}</p>` : nothing} ${errorText(s.name, error, w)}
    ${s.options.map(
      ([value, label, note], i) => html`<div class="choice">
        <input type="checkbox" id="${id(s.name)}-${i}" name=${s.name} value=${value} .checked=${live(s.selected.includes(value))} aria-invalid=${error ? 'true' : nothing} aria-describedby=${note ? `${id(s.name)}-${i}-note` : nothing} />
        <label for="${id(s.name)}-${i}">${label}</label>
        ${note ? html`<span class="note" id="${id(s.name)}-${i}-note">${note}</span>` : nothing}
      </div>`,
    )}
  </fieldset>`;
}

/** Moves focus to a field (its first checkbox for a fieldset). */
export function focusField(root: ShadowRoot | HTMLElement, name: string): void {
  const target = (root as ShadowRoot).getElementById?.(id(name)) ?? root.querySelector(`[id="${id(name)}"]`);
  const control = target?.matches('fieldset') ? target.querySelector<HTMLElement>('input') : (target as HTMLElement | null);
  control?.focus();
}

/** The summary of a failed submit: a `role="alert"` list whose links move focus to their fields. */
export function errorSummary(title: string, entries: readonly (readonly [name: string, text: string])[], root: () => ShadowRoot | HTMLElement): TemplateResult | typeof nothing {
  if (!entries.length) return nothing;
  const go = (e: Event, name: string) => {
    e.preventDefault();
    focusField(root(), name);
  };
  return html`<div class="error-summary" role="alert" part="error-summary">
    <p class="summary-title">${title}</p>
    <ul>
      ${entries.map(([name, text]) => html`<li><a href="#${id(name)}" @click=${(e: Event) => go(e, name)}>${text}</a></li>`)}
    </ul>
  </div>`;
}

export const formStyles = css`
  .field {
    margin: 0 0 var(--_space-m);
  }
  label,
  legend {
    display: block;
    font-weight: 600;
  }
  fieldset {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space-s) var(--_space-m);
    min-width: 0;
  }
  legend {
    padding: 0 var(--_space-xs);
  }
  .required,
  .hint,
  .note {
    font-weight: 400;
    color: var(--_muted);
    font-size: var(--_font-small);
  }
  .hint {
    margin: 0 0 var(--_space-xs);
  }
  input:not([type='checkbox']),
  select,
  textarea {
    display: block;
    width: 100%;
    max-width: 32rem;
    min-height: 2.75rem;
    padding: var(--_space-s);
    font: inherit;
    color: var(--fc-color-input-text, #1a1a1a);
    background: var(--fc-color-input, #fff);
    border: 1px solid var(--_border);
    border-radius: var(--_radius-s);
  }
  .choice {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 0 var(--_space-s);
    align-items: start;
    padding: var(--_space-xs) 0;
  }
  .choice input {
    width: 1.25rem;
    height: 1.25rem;
    margin: 0.15rem 0 0;
  }
  .choice label {
    font-weight: 400;
  }
  .choice .note {
    grid-column: 2;
  }
  .invalid input,
  .invalid select,
  .invalid textarea,
  fieldset.invalid {
    border-color: var(--_danger);
    border-width: 2px;
  }
  .field-error {
    color: var(--_danger);
    font-weight: 600;
    margin: var(--_space-xs) 0;
  }
  .error-summary {
    border: 2px solid var(--_danger);
    border-left-width: 6px;
    border-radius: var(--_radius);
    padding: var(--_space-s) var(--_space-m);
    margin: 0 0 var(--_space-m);
  }
  .summary-title {
    font-weight: 700;
    margin: 0;
  }
`;
