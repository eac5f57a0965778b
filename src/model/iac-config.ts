import type { PolicyType } from './policy.js';
import type { Span } from './span.js';

/**
 * `.policy-check.yml` at the root of the directory `policy-check iac` checks (schemas/iac-config.schema.json):
 * every entry keeps its line, so a failed expectation or an expired suppression points at it.
 */
export interface IacConfig {
  /** The config file, repository-relative; undefined when the repository has none. */
  readonly file?: string;
  readonly region?: string;
  /** The account the repository deploys to; without it, ARN-dependent checks are conditional. */
  readonly account?: string;
  /** `requireGuardrail: true`: every invocation must name a guardrail (the guardrail-not-required rule). */
  readonly requireGuardrail?: boolean;
  /** How the pipeline's code makes its calls (`auth`, `serviceTier`, `guardrail`), as written: the CLI validates them. */
  readonly auth?: IacConfigValue;
  readonly serviceTier?: IacConfigValue;
  readonly guardrail?: IacConfigValue;
  /** `vpcEndpoint: ADDRESS`: every call goes through this bedrock-runtime endpoint the repository declares. */
  readonly vpcEndpoint?: { readonly address: string; readonly span: Span };
  readonly organization?: { readonly id?: string; readonly path: readonly string[] };
  readonly expect: readonly IacExpectation[];
  readonly suppress: readonly IacSuppression[];
  readonly include: readonly string[];
  readonly exclude: readonly string[];
  readonly policies: readonly IacPolicyMapping[];
  readonly code: readonly IacCodeMapping[];
}

/** A value of the config as written, at its line. */
export interface IacConfigValue {
  readonly value: string;
  readonly span: Span;
}

export interface IacExpectation {
  /** Terraform address, CloudFormation logical id, or role/user name; `*` and `?` are globs. */
  readonly principal: string;
  readonly models: readonly string[];
  readonly access: 'allowed' | 'denied';
  /** The Regions the expectation holds in; default: the config's Region. */
  readonly regions?: readonly string[];
  readonly span: Span;
}

export interface IacSuppression {
  readonly rule: string;
  /** A glob on the finding's repository-relative file. */
  readonly path: string;
  readonly reason: string;
  /** YYYY-MM-DD: from the day after, the suppression no longer applies and is itself a finding. */
  readonly expires: string;
  readonly span: Span;
}

export interface IacPolicyMapping {
  readonly path: string;
  readonly principal: string;
  readonly type: Extract<PolicyType, 'identity' | 'scp' | 'permissions-boundary'>;
  readonly span: Span;
}

export interface IacCodeMapping {
  readonly path: string;
  readonly principal: string;
  readonly span: Span;
}

/** The config of a repository without `.policy-check.yml`: built-in rules only. */
export const EMPTY_IAC_CONFIG: IacConfig = {
  expect: [],
  suppress: [],
  include: [],
  exclude: [],
  policies: [],
  code: [],
};
