export * from './backend.js';
export * from './errors.js';
export * from './protocol.js';
export * from './static-feed.js';
export * from './memory.js';
export * from './http.js';
export * from './outbox.js';
