export * from './events.ts';
export * from './messages.ts';
export * from './limits.ts';
