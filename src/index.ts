/**
 * formacoop — the SDK: the model (zod schemas and their types), the rules over it, its public
 * formats and the backend client. Runs in Node and in the browser; imports nothing from lit or the DOM.
 */
export * from './model/index.js';
export * from './rules/index.js';
export * from './formats/index.js';
export * from './backend/index.js';
