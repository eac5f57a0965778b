import type { Note } from '../model/index.js';
import type { BedrockCatalog } from './catalog.js';
import type { ModelIdentifier } from './model-id.js';

export const REQUESTED_REGION = 'aws:RequestedRegion';
export const INFERENCE_PROFILE_ARN = 'bedrock:InferenceProfileArn';
export const PROMPT_ROUTER_ARN = 'bedrock:PromptRouterArn';
/** The aws:RequestedRegion value AWS uses when it authorizes the Region-less model of a global profile. */
export const UNSPECIFIED_REGION = 'unspecified';

/** One authorization request AWS evaluates for the call. */
export interface AuthorizationRequest {
  readonly action: string;
  readonly resource: string;
  /** Context keys the request carries, with their values. */
  readonly context: Readonly<Record<string, readonly string[]>>;
  /** Context keys known to be absent from the request (any other key is for the caller to decide). */
  readonly absentKeys: readonly string[];
  /** Context keys the request carries with a value the tool cannot know: unknown even with --assume-absent. */
  readonly unknownKeys?: readonly string[];
  /** Why AWS evaluates this request, for people. */
  readonly why: string;
}

/** The expansion could not be completed: requests are missing (or none can be derived). */
type ExpansionProblemCode =
  | 'unrecognized-identifier'
  | 'unknown-action'
  | 'invalid-region'
  | 'partition-mismatch'
  | 'region-mismatch'
  | 'account-mismatch'
  | 'invalid-account'
  | 'unknown-profile'
  | 'not-a-source-region'
  | 'destinations-unknown'
  | 'routed-models-unknown'
  | 'invalid-routed-model'
  | 'not-modeled';

/** The requests are complete, but the call may still fail or the data is uncertain. */
type ExpansionWarningCode =
  | 'model-not-in-catalog'
  | 'profile-not-in-catalog'
  | 'not-on-demand-in-region'
  | 'model-eol'
  | 'model-legacy'
  | 'profile-eol'
  | 'profile-legacy'
  | 'profile-id-inferred'
  | 'profile-regions-override'
  | 'profile-regions-ignored'
  | 'routed-models-ignored'
  | 'profile-not-listed'
  | 'other-account';

export interface ExpansionIssue<Code extends string> {
  readonly code: Code;
  readonly message: string;
}

export type ExpansionProblem = ExpansionIssue<ExpansionProblemCode>;
export type ExpansionWarning = ExpansionIssue<ExpansionWarningCode>;

export interface ExpandModelInput {
  /** What the user passes to --model. */
  readonly model: string;
  /** The Region of the bedrock-runtime endpoint the call goes to (the source Region of a profile). */
  readonly region: string;
  /** The caller's account: system-defined profile ARNs live in it. */
  readonly account: string;
  /** Checked against the Region's partition when given. */
  readonly partition?: string;
  /** API or IAM action names (see normalizeActions); empty means both invoke actions. */
  readonly actions: readonly string[];
  /** Destination Regions of a geographic profile, overriding the catalog (--profile-regions). */
  readonly profileRegions?: readonly string[];
  /** Foundation-model ARNs an application inference profile or prompt router routes to, when known (live mode). */
  readonly routedModelArns?: readonly string[];
  /**
   * The system-defined profile as the account's ListInferenceProfiles listed it from this Region (`source` names
   * that read): its destination Regions replace the catalog's; `regions: null` when the list lacks the profile.
   * --profile-regions still wins.
   */
  readonly listedProfile?: ListedProfile;
}

export interface ListedProfile {
  readonly source: string;
  readonly regions: readonly string[] | null;
}

export interface Expansion {
  readonly input: string;
  readonly identifier: ModelIdentifier;
  readonly region: string;
  readonly account: string;
  readonly partition: string;
  readonly actions: readonly string[];
  /** Every target × every action, targets in evaluation order, actions sorted. */
  readonly requests: readonly AuthorizationRequest[];
  /** False when AWS evaluates requests that are not in `requests`; `problems` says why. */
  readonly complete: boolean;
  readonly problems: readonly ExpansionProblem[];
  readonly warnings: readonly ExpansionWarning[];
  /** Assumptions and limitations the result rests on. */
  readonly notes: readonly Note[];
  /** Destination Regions used for a system-defined profile, and where they came from. */
  readonly destinations?: {
    readonly from: 'catalog' | 'profile-regions' | 'account';
    readonly regions: readonly string[];
  };
  /** The date of the catalog consulted; reports state it. */
  readonly catalogDate: string;
}

/** A resource AWS authorizes, before it is crossed with the actions. */
export interface Target {
  readonly resource: string;
  readonly context: Readonly<Record<string, readonly string[]>>;
  readonly absentKeys: readonly string[];
  readonly why: string;
}

/** What a kind-specific expander decides; expandModel crosses the targets with the actions. */
export interface Plan {
  readonly targets: readonly Target[];
  readonly problems: readonly ExpansionProblem[];
  readonly warnings: readonly ExpansionWarning[];
  readonly notes: readonly Note[];
  readonly destinations?: Expansion['destinations'];
}

/** The validated call the kind-specific expanders work from. */
export interface CallSite {
  readonly region: string;
  readonly account: string;
  readonly partition: string;
  readonly catalog: BedrockCatalog;
  readonly profileRegions?: readonly string[];
  readonly routedModelArns?: readonly string[];
  readonly listedProfile?: ListedProfile;
}

export function foundationModelArn(partition: string, region: string, modelId: string): string {
  return `arn:${partition}:bedrock:${region}::foundation-model/${modelId}`;
}

export function emptyPlan(): Plan {
  return { targets: [], problems: [], warnings: [], notes: [] };
}
