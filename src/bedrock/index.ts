export * from './actions.js';
export * from './catalog.js';
export { expandModel } from './expand.js';
export {
  INFERENCE_PROFILE_ARN,
  PROMPT_ROUTER_ARN,
  REQUESTED_REGION,
  UNSPECIFIED_REGION,
  foundationModelArn,
  type AuthorizationRequest,
  type ExpandModelInput,
  type Expansion,
  type ExpansionIssue,
  type ExpansionProblem,
  type ExpansionProblemCode,
  type ExpansionWarning,
  type ExpansionWarningCode,
} from './expansion.js';
export * from './messages.js';
export * from './model-id.js';
export * from './partition.js';
export * from './to-request.js';
export * from './regions.js';
export * from './catalog-suggestions.js';
