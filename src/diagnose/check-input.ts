import type { ApiKeyAuth, GuardrailRef, IndexedCatalog } from '../bedrock/index.js';
import type {
  AccountBedrockState,
  ActionCorrection,
  Assumption,
  InputIssue,
  Policy,
  Principal,
  ScpLevel,
  UnresolvedPolicy,
} from '../model/index.js';

export interface CheckInput {
  readonly identity: readonly Policy[];
  /** The SCP chain root → account; undefined when the account is not governed by SCPs. */
  readonly scpLevels?: readonly ScpLevel[];
  readonly permissionsBoundary?: Policy;
  readonly sessionPolicies?: readonly Policy[];
  /** The policy of the interface VPC endpoint for bedrock-runtime the call goes through (--vpce-policy); undefined: no endpoint gate. */
  readonly vpcEndpointPolicy?: Policy;
  readonly model: string;
  readonly region: string;
  /** The caller; undefined shows a placeholder. */
  readonly principal?: Principal;
  /** IAM actions (already normalized). */
  readonly actions: readonly string[];
  /** --context: overrides every derived key. */
  readonly context?: Readonly<Record<string, readonly string[]>>;
  readonly assumeAbsent?: boolean;
  /** Keys known to be absent from every request (e.g. a tag the principal does not carry, when its tags are known). */
  readonly absentKeys?: readonly string[];
  readonly profileRegions?: readonly string[];
  /** --trust-model: a model or profile id the catalog does not know is taken as AWS serves it (a warning, not an error). */
  readonly trustModel?: boolean;
  /** Misspelt actions of Allow statements and what IAM has (from the policy check): the fix planner tries them first. */
  readonly actionCorrections?: readonly ActionCorrection[];
  readonly now: Date;
  readonly toolVersion: string;
  /** Problems with the inputs that did not stop evaluation (e.g. a policy over AWS's size quota), for the report's notes. */
  readonly inputWarnings?: readonly InputIssue[];
  /** Extra assumptions the caller made (e.g. FullAWSAccess at every SCP level). */
  readonly assumptions?: readonly Assumption[];
  /** Policies the source refers to but could not resolve: the check is incomplete, never allowed. */
  readonly unresolvedPolicies?: readonly UnresolvedPolicy[];
  /** The caller's IAM tags, the values of aws:PrincipalTag/<key>; undefined when unknown. */
  readonly principalTags?: Readonly<Record<string, string>>;
  /**
   * What a snapshot or live scan read of Bedrock in the caller's account, in `accountBedrock.region`: there,
   * its inference profiles' destination Regions replace the catalog's and its model access decides whether
   * Bedrock serves the model at all. Undefined: the catalog alone.
   */
  readonly accountBedrock?: AccountBedrockState;
  /**
   * --guardrail: the guardrail the call names. Undefined: the call names none, so bedrock:GuardrailIdentifier is
   * absent from its invoke requests.
   */
  readonly guardrail?: GuardrailRef;
  /** The Bedrock model catalog; the composition root (the CLI, the library's check()) defaults it to the shipped one. */
  readonly catalog?: IndexedCatalog;
  /** The service tier the call asks for (a value of SERVICE_TIERS): bedrock:ServiceTier on the invoke requests; undefined: unknown. */
  readonly serviceTier?: string;
  /** The API operations the caller named (e.g. InvokeModelWithBidirectionalStream), for notes on how they are authorized. */
  readonly operations?: readonly string[];
  /** --auth api-key: the call is made with an Amazon Bedrock API key, which also needs bedrock:CallWithBearerToken. */
  readonly apiKey?: ApiKeyAuth;
}
