import type { AccountBedrockState, UnresolvedPolicy } from './account.js';
import type { ActionCorrection } from './action-correction.js';
import type { InputIssue } from './input-issue.js';
import type { Assumption } from './notes.js';
import type { Policy, ScpLevel } from './policy.js';
import type { Principal } from './principal.js';

/**
 * Everything that governs one principal's calls, as a source loads it: the seed of the account model.
 * Policies are shared by reference (and identified by `Policy.id`), so many principals that carry the
 * same managed policy hold the same Policy and the engine compiles it once.
 */
export interface PrincipalPolicies {
  /** The caller; undefined when the source does not know it (the report shows a placeholder). */
  readonly principal?: Principal;
  readonly identity: readonly Policy[];
  /** The SCP chain root → account; undefined when the account is not governed by SCPs. */
  readonly scpLevels?: readonly ScpLevel[];
  readonly permissionsBoundary?: Policy;
  readonly sessionPolicies?: readonly Policy[];
  /** Problems with the inputs that did not stop loading (e.g. a policy over AWS's size quota). */
  readonly warnings?: readonly InputIssue[];
  /** Misspelt actions of Allow statements and what IAM has: the fix planner tries them first. */
  readonly actionCorrections?: readonly ActionCorrection[];
  /** What the source had to assume (e.g. FullAWSAccess at every SCP level). */
  readonly assumptions?: readonly Assumption[];
  /** Policies the principal refers to that the source could not resolve: its checks are incomplete. */
  readonly unresolvedPolicies?: readonly UnresolvedPolicy[];
  /** The principal's IAM tags (aws:PrincipalTag/*); undefined when the source does not know them. */
  readonly principalTags?: Readonly<Record<string, string>>;
  /** What the source read of Bedrock in the principal's account (inference profiles, model access); undefined when nothing. */
  readonly accountBedrock?: AccountBedrockState;
}

/**
 * Where policies come from. Today: the policy files a command names (sources/file-policy-source.ts),
 * one principal's policies. Later sources produce the same shape for every principal of an account,
 * growing it into an account model: a snapshot (`aws iam get-account-authorization-details` plus the
 * organization's SCPs), infrastructure as code (CloudFormation / Terraform plans) and a live scan through
 * the AWS SDK. Loading is asynchronous because those read networks and large files.
 */
export interface PolicySource {
  load(): Promise<PrincipalPolicies>;
}
