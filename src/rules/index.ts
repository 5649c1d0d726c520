export * from './lookup.js';
export * from './time.js';
export * from './schedule.js';
export * from './capacity.js';
export * from './feedback.js';
