export * from './span.js';
export * from './tri.js';
export * from './policy.js';
export * from './request.js';
export * from './decision.js';
export * from './arn.js';
export * from './principal.js';
export * from './input-issue.js';
