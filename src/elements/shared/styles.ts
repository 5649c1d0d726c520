import { css } from 'lit';

/**
 * The semantic tokens every element reads. Defaults inherit the host page's font and text colour;
 * the accent colours reach at least 4.5:1 on white (RGAA 3.2). A site restyles formacoop by setting
 * these on any ancestor, e.g. `fc-agenda { --fc-color-accent: #7a2e0e; }`.
 */
export const tokens = css`
  :host {
    --_text: var(--fc-color-text, inherit);
    --_muted: var(--fc-color-muted, #595959);
    --_surface: var(--fc-color-surface, transparent);
    --_raised: var(--fc-color-surface-raised, #f6f6f6);
    --_border: var(--fc-color-border, #767676);
    --_accent: var(--fc-color-accent, #0b5e8a);
    --_on-accent: var(--fc-color-on-accent, #ffffff);
    --_danger: var(--fc-color-danger, #b3261e);
    --_success: var(--fc-color-success, #1b6b2f);
    --_focus: var(--fc-color-focus, #0b5e8a);
    --_badge-bg: var(--fc-color-badge, #e8eef3);
    --_badge-text: var(--fc-color-badge-text, #1d3b52);
    --_space-xs: var(--fc-space-xs, 0.25rem);
    --_space-s: var(--fc-space-s, 0.5rem);
    --_space-m: var(--fc-space-m, 1rem);
    --_space-l: var(--fc-space-l, 1.5rem);
    --_radius: var(--fc-radius-m, 0.375rem);
    --_radius-s: var(--fc-radius-s, 0.25rem);
    --_font: var(--fc-font-family, inherit);
    --_font-size: var(--fc-font-size, 1rem);
    --_font-small: var(--fc-font-size-small, 0.875rem);
    display: block;
    font-family: var(--_font);
    font-size: var(--_font-size);
    color: var(--_text);
    line-height: 1.5;
  }
  :host([hidden]) {
    display: none;
  }
  * {
    box-sizing: border-box;
  }
  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0, 0, 0, 0);
    white-space: nowrap;
    border: 0;
  }
  button,
  .button {
    font: inherit;
    display: inline-flex;
    align-items: center;
    gap: var(--_space-xs);
    min-height: 2.75rem;
    padding: var(--_space-s) var(--_space-m);
    border: 2px solid var(--_accent);
    border-radius: var(--_radius);
    background: var(--_on-accent);
    color: var(--_accent);
    cursor: pointer;
    text-decoration: none;
    font-weight: 600;
  }
  .button.primary,
  button.primary {
    background: var(--_accent);
    color: var(--_on-accent);
  }
  button[aria-pressed='true'] {
    background: var(--_accent);
    color: var(--_on-accent);
  }
  a {
    color: var(--_accent);
  }
  .state {
    padding: var(--_space-m);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_raised);
  }
  .state.error {
    border-color: var(--_danger);
    border-left-width: 6px;
  }
  .state.error ul {
    margin: var(--_space-s) 0;
    padding-left: var(--_space-l);
  }
  .spinner {
    display: inline-block;
    width: 1em;
    height: 1em;
    margin-right: var(--_space-s);
    border: 3px solid var(--_badge-bg);
    border-top-color: var(--_accent);
    border-radius: 50%;
    vertical-align: -0.15em;
    animation: fc-spin 1s linear infinite;
  }
  @keyframes fc-spin {
    to {
      transform: rotate(360deg);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    *,
    .spinner {
      animation: none !important;
      transition: none !important;
      scroll-behavior: auto !important;
    }
  }
  code {
    font-family: ui-monospace, monospace;
    font-size: 0.95em;
  }
`;
