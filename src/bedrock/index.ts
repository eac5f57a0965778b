export * from './actions.js';
export * from './api-keys.js';
export * from './catalog.js';
export { expandModel } from './expand.js';
export {
  foundationModelArn,
  type AuthorizationRequest,
  type Expansion,
  type ExpansionIssue,
  type ListedProfile,
} from './expansion.js';
export * from './guardrail.js';
export * from './messages.js';
export * from './model-availability.js';
export * from './model-id.js';
export * from './partition.js';
export * from './to-request.js';
export * from './regions.js';
export * from './service-tier.js';
export * from './catalog-suggestions.js';
