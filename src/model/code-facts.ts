import type { Span } from './span.js';

/** The package ecosystems whose manifests and locks `policy-check iac` reads. */
export type PackageEcosystem = 'pypi' | 'npm';

/**
 * One package version requirement read from a dependency manifest or lock, at the line that states it.
 * - `lock`: the lock file pins `version` exactly (poetry.lock, uv.lock, Pipfile.lock, package-lock.json, …);
 * - `exact`: a manifest pins one version (`boto3==1.28.0`, Poetry `boto3 = "1.28.0"`);
 * - `range`: a manifest constraint (`>=1.20`, `^1.26`, `~=1.28`); `lowest` is the lowest version it admits,
 *   or null when the constraint names no version the tool can read (a URL, a git source): then `spec` says it.
 */
export interface PackageRequirement {
  readonly ecosystem: PackageEcosystem;
  /** Normalised name: PEP 503 for PyPI (`boto3`), as written for npm (`@aws-sdk/client-bedrock-runtime`). */
  readonly name: string;
  readonly kind: 'lock' | 'exact' | 'range';
  /** The constraint or version as written. */
  readonly spec: string;
  /** The pinned version (lock, exact) or the lowest version the range admits. */
  readonly lowest: string | null;
  /** A PEP 508 environment marker the requirement applies under, as written. */
  readonly marker?: string;
  readonly at: Span;
}

/** The calls the tool looks for in code: Bedrock inference operations. */
export type InferenceOperation =
  | 'InvokeModel'
  | 'InvokeModelWithResponseStream'
  | 'Converse'
  | 'ConverseStream'
  | 'InvokeModelWithBidirectionalStream';

/** An inference call on a Bedrock client found in code: the operation, at the call, and where the client is made. */
export interface InferenceCall {
  readonly language: 'python' | 'javascript';
  readonly service: 'bedrock' | 'bedrock-runtime';
  readonly operation: InferenceOperation;
  readonly at: Span;
  readonly client: Span;
}

/**
 * An inference call that cannot reach bedrock-runtime, found in Python or JavaScript/TypeScript code:
 * - `control-plane-client`: made on a `bedrock` (control-plane) client: boto3's `client('bedrock')`, or a
 *   `BedrockClient` / `Bedrock` from `@aws-sdk/client-bedrock`;
 * - `control-plane-endpoint`: a runtime client whose endpoint override points at `bedrock.{region}…`.
 */
export interface MisdirectedCall {
  readonly language: 'python' | 'javascript';
  readonly kind: 'control-plane-client' | 'control-plane-endpoint';
  readonly operation: InferenceOperation | null;
  /** How the call is made: a boto3 method, `client.send(new …Command())`, or a method of `Bedrock`. */
  readonly style: 'python' | 'command' | 'aggregated';
  /** The call (or, for an endpoint override, the override itself). */
  readonly at: Span;
  /** Where the client is created. */
  readonly client: Span;
  /** The endpoint URL as written, for `control-plane-endpoint`. */
  readonly endpoint?: string;
}

/** A Bedrock client created in code, and whether its code calls Converse (for the SDK version findings). */
export interface SdkUse {
  readonly language: 'python' | 'javascript';
  readonly service: 'bedrock' | 'bedrock-runtime';
  readonly operations: readonly InferenceOperation[];
  readonly at: Span;
}

/** A model id or Bedrock ARN written as a string literal in code (`modelId=`, `modelId:`, an ARN). */
export interface ModelIdUse {
  readonly id: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** What the readers of code and manifests found in a repository's files. */
export interface CodeFacts {
  readonly requirements: readonly PackageRequirement[];
  readonly misdirectedCalls: readonly MisdirectedCall[];
  readonly sdkUses: readonly SdkUse[];
  readonly modelIds: readonly ModelIdUse[];
}
