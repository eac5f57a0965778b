import type { AccountGroup, AccountRole, AccountUser, AccountVpcEndpoint } from './account.js';
import type { InputIssue } from './input-issue.js';
import type { Policy, UnknownValue } from './policy.js';
import type { Span } from './span.js';

/** The infrastructure-as-code formats `policy-check iac` reads. */
export type IacFormat = 'terraform' | 'terraform-plan' | 'cloudformation' | 'cdk' | 'policy-json';

/**
 * What one IaC reader found in a repository. Every principal and policy keeps the line of the file that
 * declares it (`Policy.file` + statement spans, `IacPrincipal.declaredAt`), repository-relative. Fragments of
 * every reader are merged into the AccountModel(s) the matrix evaluates.
 */
export interface IacFragment {
  readonly format: IacFormat;
  readonly users: readonly IacPrincipal<AccountUser>[];
  readonly groups: readonly IacPrincipal<AccountGroup>[];
  readonly roles: readonly IacPrincipal<AccountRole>[];
  /** Customer managed policies the repository declares, attached or not. */
  readonly managedPolicies: readonly Policy[];
  /** Service control policies with what they are attached to. */
  readonly scps: readonly IacScp[];
  /** Organizational units and accounts the repository declares (for SCP chains). */
  readonly organizationNodes: readonly IacOrganizationNode[];
  /** Every value that could not be known without deploying, with where it is written. */
  readonly unknowns: readonly IacUnknown[];
  /** Files or constructs that could not be read: errors stop the check (exit 2), warnings are reported. */
  readonly issues: readonly InputIssue[];
  /** Interface endpoints for bedrock-runtime the repository declares (aws_vpc_endpoint, AWS::EC2::VPCEndpoint). */
  readonly vpcEndpoints?: readonly IacVpcEndpoint[];
}

/** A bedrock-runtime interface endpoint as IaC declares it: `id` is its address (the vpce- id exists only once deployed). */
export type IacVpcEndpoint = AccountVpcEndpoint & { readonly address: string; readonly declaredAt: Span };

/** A principal as an IaC file declares it: the account model's principal plus its address and line. */
export type IacPrincipal<T> = T & {
  /** Terraform address (`module.app.aws_iam_role.worker[0]`) or CloudFormation logical id (`WorkerRole`). */
  readonly address: string;
  readonly declaredAt: Span;
  /** True when the name is not known before deployment (name_prefix, a computed name): `name` is the address. */
  readonly nameUnknown?: boolean;
};

export interface IacScp {
  readonly policy: Policy;
  readonly address: string;
  readonly declaredAt: Span;
  readonly targets: readonly IacScpTarget[];
}

/** What an SCP is attached to: the root, an OU or an account, by id or by the address that declares it. */
export interface IacScpTarget {
  readonly kind: 'root' | 'organizational-unit' | 'account' | 'unknown';
  /** The AWS id when written literally (r-…, ou-…, a 12-digit account). */
  readonly id?: string;
  /** The address of the declaring resource when the target is one of the repository's own. */
  readonly address?: string;
  /** The expression when the target is not known before deployment. */
  readonly expression?: string;
  readonly declaredAt: Span;
}

export interface IacOrganizationNode {
  readonly kind: 'root' | 'organizational-unit' | 'account';
  readonly address: string;
  readonly name?: string;
  readonly id?: string;
  /** The parent's address or id; undefined for the root or when unknown. */
  readonly parent?: { readonly address?: string; readonly id?: string };
  readonly declaredAt: Span;
}

/** A value not known before deployment, with what it affects (a principal's or policy's address). */
export interface IacUnknown extends UnknownValue {
  readonly affects: string;
}
