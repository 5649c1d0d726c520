export * from './dates.js';
export * from './ui.js';
