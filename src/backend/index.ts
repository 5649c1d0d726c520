export * from './backend.js';
export * from './static-feed.js';
