import type { ActionCorrection } from './action-correction.js';
import type { InputIssue } from './input-issue.js';
import type { Policy, ScpLevel } from './policy.js';

/**
 * One AWS account as a source reads it (a GAAD file, a policy-check snapshot, an IaC repository, a live
 * scan): every principal with the policies that govern it. Policies are shared by reference and
 * identified by `Policy.id` (the ARN for a managed policy), so a managed policy attached to 300 roles is
 * one Policy, compiled once and fixed once.
 */
export interface AccountModel {
  readonly accountId: string;
  readonly partition: string;
  readonly organizationId?: string;
  /** The SCP chain root → OUs → account; undefined when the source says nothing about SCPs. */
  readonly scpLevels?: readonly ScpLevel[];
  /** True when the account is the organization's management account (SCPs do not apply to it). */
  readonly managementAccount?: boolean;
  readonly users: readonly AccountUser[];
  readonly groups: readonly AccountGroup[];
  readonly roles: readonly AccountRole[];
  /** Regions the source names for the account (a snapshot's, a scan's); empty when unknown. */
  readonly regions: readonly string[];
  /** What the source knows of Bedrock in the account; undefined when it knows nothing. */
  readonly bedrock?: AccountBedrockState;
  /** Where the model came from, for reports and locations. */
  readonly origin: AccountOrigin;
  /** The dated AWS managed policy extract used to resolve ARNs the source did not include. */
  readonly managedPolicyExtract?: ManagedPolicyExtractUse;
  /** The account's interface endpoints for bedrock-runtime; undefined when the source says nothing of them. */
  readonly vpcEndpoints?: readonly AccountVpcEndpoint[];
  /** What a live scan could not read (the API and its error): the checks that depend on it are incomplete. */
  readonly unreadable?: readonly UnreadablePart[];
  /** Problems that did not stop loading (an unknown managed policy ARN, a misspelt action, …), once per policy. */
  readonly warnings: readonly InputIssue[];
  /** Misspelt actions of Allow statements in the account's policies (each with its policy's id), for the fix planner. */
  readonly actionCorrections?: readonly ActionCorrection[];
}

/** Which dated extract of AWS managed policies resolved ARNs the source did not include, and which ARNs. */
export interface ManagedPolicyExtractUse {
  readonly date: string;
  readonly source: string;
  /** The AWS managed policy ARNs taken from the extract, sorted. */
  readonly arns: readonly string[];
}

export interface AccountOrigin {
  readonly kind: 'gaad' | 'snapshot' | 'iac' | 'live';
  /** The file read (a GAAD or snapshot file, an IaC root); absent for a live scan. */
  readonly file?: string;
}

/**
 * A policy a principal refers to that the source could not resolve (an AWS managed policy ARN the
 * dated extract does not know, a customer managed policy missing from the snapshot): every check of
 * that principal is `incomplete`, never allowed. A group a user belongs to that the source does not
 * describe is one too (`missing-group`, its ARN built from the account and the group's name).
 */
export interface UnresolvedPolicy {
  readonly arn: string;
  readonly reason:
    | 'unknown-aws-managed-policy'
    | 'missing-customer-managed-policy'
    | 'missing-group'
    | 'unreadable-scp-chain'
    | 'unreadable-model-access'
    | 'unreadable-vpc-endpoints';
}

interface AccountPrincipalBase {
  readonly arn: string;
  readonly name: string;
  /** IAM path, e.g. "/" or "/service-role/". */
  readonly path: string;
  /** Inline and attached managed policies, resolved. */
  readonly policies: readonly Policy[];
  readonly unresolvedPolicies: readonly UnresolvedPolicy[];
}

export interface AccountGroup extends AccountPrincipalBase {}

export interface AccountUser extends AccountPrincipalBase {
  /** Group names; the groups' policies apply to the user. */
  readonly groups: readonly string[];
  readonly tags: Readonly<Record<string, string>>;
  readonly permissionsBoundary?: Policy | UnresolvedPolicy;
}

export interface AccountRole extends AccountPrincipalBase {
  readonly tags: Readonly<Record<string, string>>;
  readonly permissionsBoundary?: Policy | UnresolvedPolicy;
  /** Service-linked roles (path /aws-service-role/) are exempt from SCPs. */
  readonly serviceLinked: boolean;
}

/** One model's access in one account and Region, as GetFoundationModelAvailability spelt each field. */
export interface ModelAvailability {
  /** agreementAvailability.status: AVAILABLE | PENDING | NOT_AVAILABLE | ERROR. */
  readonly agreement: string;
  /** authorizationStatus: AUTHORIZED | NOT_AUTHORIZED. */
  readonly authorization: string;
  /** entitlementAvailability: AVAILABLE | NOT_AVAILABLE. */
  readonly entitlement: string;
  /** regionAvailability: AVAILABLE | NOT_AVAILABLE. */
  readonly region: string;
}

/** A snapshot's view of Bedrock in the account; each part is optional because sources know different parts. */
export interface AccountBedrockState {
  /** The Region whose endpoint reported `inferenceProfiles` and `modelAvailability`; they apply there only. */
  readonly region?: string;
  /** Foundation-model ids offered per Region (ListFoundationModels). */
  readonly modelsByRegion?: Readonly<Record<string, readonly string[]>>;
  /** System-defined inference profiles callable from `region`, with their destination Regions (ListInferenceProfiles). */
  readonly inferenceProfiles?: readonly { readonly id: string; readonly regions: readonly string[] }[];
  /** Model access per foundation-model id in `region` (GetFoundationModelAvailability), as the service reported it. */
  readonly modelAvailability?: Readonly<Record<string, ModelAvailability>>;
  /** Model ids the account uses (from CloudTrail, tags or the user); the matrix's default model set. */
  readonly modelsInUse?: readonly string[];
  /**
   * The account's application inference profiles and prompt routers in `region`, each with the model ARNs it
   * routes to (GetInferenceProfile / GetPromptRouter `models[].modelArn`): a call naming one is also authorized
   * against each of those models. A routing ARN the list lacks stays unresolved.
   */
  readonly routingResources?: readonly { readonly arn: string; readonly models: readonly string[] }[];
}

/** An API call a live scan could not make, and which part of the account it left unknown. */
export interface UnreadablePart {
  /** service:Operation, e.g. organizations:ListPoliciesForTarget. */
  readonly api: string;
  readonly error: string;
  readonly part: 'scp-chain' | 'model-availability' | 'bedrock-catalog' | 'vpc-endpoints';
}

/**
 * An interface VPC endpoint for Amazon Bedrock's runtime (com.amazonaws.<region>.bedrock-runtime) in the account, as
 * DescribeVpcEndpoints or the IaC declares it: a call through it is also authorized against its policy.
 */
export interface AccountVpcEndpoint {
  /** vpce-…; in IaC, the resource's address when the id is only known after deployment. */
  readonly id: string;
  /** vpc-…; undefined when only deployment knows it (IaC). */
  readonly vpcId?: string;
  readonly serviceName: string;
  /** The Region of the service name; '' when only deployment knows it (IaC): the endpoint then counts in every Region. */
  readonly region: string;
  /** The endpoint policy; undefined: the default policy, which allows full access. */
  readonly policy?: Policy;
  readonly privateDns: boolean;
}

export function isUnresolvedPolicy(value: Policy | UnresolvedPolicy): value is UnresolvedPolicy {
  return !('statements' in value);
}
