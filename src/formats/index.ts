export * from './labels.js';
export * from './ics.js';
export * from './jsonld.js';
export * from './csv.js';
