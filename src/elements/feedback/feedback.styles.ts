import { css } from 'lit';

export const feedbackStyles = css`
  .title {
    font-size: 1.4em;
    font-weight: 700;
    line-height: 1.25;
    margin: 0 0 var(--_space-s);
  }
  .intro {
    margin: 0 0 var(--_space-s);
  }
  .note {
    display: block;
    margin: 0 0 var(--_space-m);
  }
  .points {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-xs);
    margin-top: var(--_space-xs);
  }
  .point {
    display: flex;
    align-items: center;
    gap: var(--_space-xs);
    flex: 1 1 9rem;
    min-height: 2.75rem;
    padding: var(--_space-xs) var(--_space-s);
    border: 1px solid var(--_border);
    border-radius: var(--_radius-s);
    font-weight: 400;
    cursor: pointer;
  }
  .recommendation .point {
    flex: 0 0 3.25rem;
    justify-content: center;
  }
  .point input {
    flex-shrink: 0;
    width: 1.25rem;
    height: 1.25rem;
    margin: 0;
    accent-color: var(--_accent);
  }
  .point:has(:checked) {
    border: 2px solid var(--_accent);
    font-weight: 600;
  }
  .point:has(:focus-visible) {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  .sending:empty {
    display: none;
  }
  .state p {
    margin: 0 0 var(--_space-s);
  }
  .state p:last-child {
    margin: 0;
  }
  .state.done {
    border-color: var(--_success);
    border-left-width: 6px;
  }
  .state.error {
    border-color: var(--_danger);
    border-left-width: 6px;
  }
  button[aria-disabled='true'] {
    opacity: 0.7;
    cursor: progress;
  }
  @media (max-width: 32rem) {
    .rating .points {
      flex-direction: column;
    }
    .rating .point {
      flex-basis: auto;
    }
  }
`;
