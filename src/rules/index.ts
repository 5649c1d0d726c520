export * from './lookup.js';
export * from './time.js';
