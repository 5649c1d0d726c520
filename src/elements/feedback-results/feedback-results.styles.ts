import { css } from 'lit';

export const resultsStyles = css`
  .h {
    font-weight: 700;
    font-size: 1.15em;
    margin: var(--_space-l) 0 var(--_space-s);
    line-height: 1.25;
  }
  .h.title {
    font-size: 1.4em;
    margin-top: 0;
  }
  .h.sub {
    font-size: 1em;
  }
  .note,
  .hint {
    color: var(--_muted);
    font-size: var(--_font-small);
  }
  .count,
  .mean {
    margin: 0 0 var(--_space-s);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-s);
    margin: var(--_space-m) 0;
  }
  .criterion,
  .breakdown {
    border-top: 1px solid var(--_border);
    margin-top: var(--_space-l);
  }
  .figure {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: var(--_space-s) var(--_space-l);
  }
  .chart {
    display: block;
    flex: 1 1 16rem;
    max-width: 24rem;
    height: auto;
    max-height: 12rem;
    font-size: 11px;
    overflow: visible;
  }
  .chart .bar {
    fill: var(--fc-results-bar-color, var(--_accent));
  }
  .chart text {
    fill: currentColor;
    text-anchor: middle;
    paint-order: stroke;
    stroke: Canvas;
    stroke-width: 3px;
  }
  .chart .axis {
    stroke: var(--_border);
  }
  .chart .mean-line {
    stroke: var(--_text, currentColor);
    stroke-width: 2;
    stroke-dasharray: 4 3;
  }
  table {
    border-collapse: collapse;
    margin: var(--_space-s) 0;
    font-size: var(--_font-small);
  }
  caption {
    text-align: left;
    font-weight: 600;
    padding-bottom: var(--_space-xs);
  }
  th,
  td {
    border: 1px solid var(--_border);
    padding: var(--_space-xs) var(--_space-s);
    text-align: left;
    vertical-align: top;
  }
  td {
    text-align: right;
    font-variant-numeric: tabular-nums;
  }
  thead th {
    background: var(--_raised);
  }
  tr.withheld td {
    text-align: left;
    color: var(--_muted);
    font-style: italic;
  }
  .scroll {
    overflow-x: auto;
  }
  .open {
    margin: 0;
    padding-left: var(--_space-l);
  }
  .open li {
    margin-bottom: var(--_space-xs);
    white-space: pre-line;
  }
  .locked {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: var(--_space-xs);
  }
  .locked p {
    margin: 0;
  }
  label {
    font-weight: 600;
  }
  input {
    font: inherit;
    min-height: 2.75rem;
    width: min(24rem, 100%);
    padding: var(--_space-xs) var(--_space-s);
    border: 1px solid var(--_border);
    border-radius: var(--_radius-s);
  }
  input[aria-invalid='true'] {
    border: 2px solid var(--_danger);
  }
  .error-text {
    color: var(--_danger);
    font-weight: 600;
  }
  /* Printed for the evaluation meeting: no buttons, black on white, a criterion never cut in two. */
  @media print {
    :host {
      color: #000;
      font-size: 11pt;
    }
    .actions,
    .locked,
    .spinner {
      display: none;
    }
    .criterion,
    .breakdown tr {
      break-inside: avoid;
    }
    .chart .bar {
      fill: #444;
      print-color-adjust: exact;
    }
    .scroll {
      overflow: visible;
    }
    th,
    td {
      border-color: #000;
    }
  }
`;
