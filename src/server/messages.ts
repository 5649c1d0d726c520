/** The server's words are the backends' (src/backend/messages.ts): one catalogue for the server and the memory backend. */
export { say, type BackendMessageKey as ServerMessageKey } from '../backend/messages.js';
