import { css } from 'lit';

export const agendaStyles = css`
  .header {
    margin-bottom: var(--_space-m);
  }
  .cycle-title {
    font-size: var(--fc-agenda-title-size, 1.5em);
    font-weight: 700;
    margin: 0 0 var(--_space-xs);
    line-height: 1.25;
  }
  .subtitle,
  .organisers {
    margin: 0 0 var(--_space-s);
    color: var(--_muted);
  }
  form.filters {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-s) var(--_space-m);
    align-items: flex-end;
    padding: var(--_space-m);
    margin: 0 0 var(--_space-m);
    border-radius: var(--_radius);
    background: var(--_raised);
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: var(--_space-xs);
    min-width: min(12rem, 100%);
    flex: 1 1 12rem;
  }
  .field label {
    font-weight: 600;
    font-size: var(--_font-small);
  }
  input,
  select {
    font: inherit;
    min-height: 2.75rem;
    padding: var(--_space-xs) var(--_space-s);
    border: 1px solid var(--_border);
    border-radius: var(--_radius-s);
    background: var(--fc-color-input, #ffffff);
    color: var(--fc-color-input-text, #1a1a1a);
    max-width: 100%;
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    align-items: center;
    gap: var(--_space-s);
    margin-bottom: var(--_space-m);
  }
  .views {
    display: inline-flex;
    gap: var(--_space-xs);
  }
  .count {
    margin: 0;
    color: var(--_muted);
  }
  .month-title {
    font-size: 1.2em;
    font-weight: 700;
    margin: var(--_space-l) 0 var(--_space-s);
  }
  ol.sessions {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--_space-m);
  }
  .session {
    padding: var(--_space-m);
    border: 1px solid var(--_border);
    border-left: 6px solid var(--_accent);
    border-radius: var(--_radius);
    background: var(--_surface);
    scroll-margin-top: var(--fc-agenda-scroll-margin, 1rem);
  }
  .session.past {
    border-left-color: var(--_muted);
  }
  .session-title {
    font-size: 1.1em;
    font-weight: 700;
    margin: 0 0 var(--_space-xs);
    line-height: 1.3;
  }
  .session-title:focus {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  .number {
    display: block;
    font-size: var(--_font-small);
    font-weight: 600;
    color: var(--_muted);
    text-transform: uppercase;
    letter-spacing: 0.03em;
  }
  .session p {
    margin: var(--_space-xs) 0;
  }
  .when {
    font-weight: 600;
  }
  .badges {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-xs);
    list-style: none;
    padding: 0;
    margin: var(--_space-s) 0;
  }
  .badge {
    display: inline-block;
    padding: 0 var(--_space-s);
    border-radius: 999px;
    background: var(--_badge-bg);
    color: var(--_badge-text);
    font-size: var(--_font-small);
    font-weight: 600;
  }
  .badge.past {
    background: #ececec;
    color: #3d3d3d;
  }
  .badge.warning {
    background: #fdecea;
    color: #8a1c12;
  }
  .seats {
    font-weight: 600;
  }
  .seats.full {
    color: var(--_danger);
  }
  details {
    margin: var(--_space-s) 0;
  }
  summary {
    cursor: pointer;
    font-weight: 600;
    color: var(--_accent);
    min-height: 2.75rem;
    display: flex;
    align-items: center;
  }
  details ul {
    margin: var(--_space-xs) 0;
    padding-left: var(--_space-l);
  }
  .item-kind {
    font-weight: 600;
  }
  .item-speakers {
    color: var(--_muted);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-s);
    margin-top: var(--_space-s);
    align-items: center;
  }
  .permalink {
    font-size: var(--_font-small);
  }
  .photos {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(10rem, 1fr));
    gap: var(--_space-s);
    margin: var(--_space-s) 0;
    padding: 0;
    list-style: none;
  }
  figure {
    margin: 0;
  }
  figure img {
    width: 100%;
    height: auto;
    aspect-ratio: 4 / 3;
    object-fit: cover;
    border-radius: var(--_radius-s);
  }
  figcaption {
    font-size: var(--_font-small);
    color: var(--_muted);
  }
  .more {
    margin-top: var(--_space-m);
  }
`;
