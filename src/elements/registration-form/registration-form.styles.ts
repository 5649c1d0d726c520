import { css } from 'lit';

export const registrationFormStyles = css`
  .title {
    font-size: 1.25em;
    font-weight: 700;
    margin: 0 0 var(--_space-s);
  }
  .header .title {
    font-size: 1.5em;
  }
  .header p {
    margin: 0 0 var(--_space-s);
  }
  .seats,
  .dates {
    color: var(--_muted);
  }
  fieldset.plain {
    border: 0;
    padding: 0;
    margin: 0;
  }
  .banner,
  .privacy,
  .outcome {
    padding: var(--_space-m);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_raised);
    margin: 0 0 var(--_space-m);
  }
  .privacy {
    font-size: var(--_font-small);
  }
  .privacy dt {
    font-weight: 600;
  }
  .privacy dd {
    margin: 0 0 var(--_space-xs);
  }
  .outcome.confirmed,
  .outcome.waitlisted {
    border-color: var(--_success);
    border-left-width: 6px;
  }
  .outcome.failed,
  .outcome.full,
  .outcome.closed,
  .outcome.not-open-yet {
    border-left-width: 6px;
  }
  .outcome.failed {
    border-color: var(--_danger);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-s);
  }
  .status {
    margin: var(--_space-s) 0 0;
  }
  .queued {
    margin: 0;
    padding: var(--_space-s) var(--_space-m);
    border-left: 6px solid var(--_accent);
    background: var(--_raised);
  }
  .queued button {
    margin-top: var(--_space-s);
  }
  button[aria-disabled='true'] {
    opacity: 0.7;
    cursor: progress;
  }
  .trap {
    position: absolute;
    left: -10000px;
    width: 1px;
    height: 1px;
    overflow: hidden;
  }
  :host {
    position: relative;
  }
`;
