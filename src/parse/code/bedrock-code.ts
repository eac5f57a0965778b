import type {
  InferenceCall,
  InferenceOperation,
  MisdirectedCall,
  ModelIdUse,
  SdkUse,
  Span,
} from '../../model/index.js';

/** What the code readers find in one file. */
export interface CodeFileFacts {
  readonly misdirectedCalls: MisdirectedCall[];
  readonly sdkUses: SdkUse[];
  readonly modelIds: ModelIdUse[];
  readonly inferenceCalls: InferenceCall[];
}

/** A Bedrock client created in the file: its service, endpoint override and the operations called on it. */
export interface ClientValue {
  readonly kind: 'client';
  readonly service: 'bedrock' | 'bedrock-runtime';
  /** `aggregated`: the JavaScript `Bedrock`/`BedrockRuntime` classes, whose methods are the operations. */
  readonly style: 'python' | 'command' | 'aggregated';
  readonly at: Span;
  readonly operations: Set<InferenceOperation>;
}

// The control-plane endpoints of https://docs.aws.amazon.com/general/latest/gr/bedrock.html (bedrock.{region}…,
// bedrock-fips.{region}…) and its interface VPC endpoints (vpce-….bedrock.{region}.vpce.amazonaws.com).
const CONTROL_PLANE_HOST =
  /^(?:[a-z][a-z0-9+.-]*:\/\/)?(?:[^/\s]*\.)?bedrock(?:-fips)?\.[a-z0-9-]+\.(?:vpce\.)?amazonaws\.com(?:\.cn)?(?:[:/]|$)/i;

export function isControlPlaneEndpoint(url: string): boolean {
  return CONTROL_PLANE_HOST.test(url.trim());
}

// Bedrock ARNs of models and profiles, as code passes them for modelId.
const BEDROCK_ARN = /^arn:aws[a-z-]*:bedrock:[a-z0-9-]*:\d{0,12}:[a-z-]+\/\S+$/;

export function isBedrockArn(text: string): boolean {
  return BEDROCK_ARN.test(text);
}

export function newFacts(): CodeFileFacts {
  return { misdirectedCalls: [], sdkUses: [], modelIds: [], inferenceCalls: [] };
}

/**
 * Records a client once, where it is created (its operations fill in as calls on it are found), and its
 * endpoint override when that sends a runtime client to the control plane.
 */
export function recordClient(
  facts: CodeFileFacts,
  language: SdkUse['language'],
  client: ClientValue,
  endpoint?: { readonly url: string | undefined; readonly at: Span },
): void {
  facts.sdkUses.push({
    language,
    service: client.service,
    at: client.at,
    get operations() {
      return [...client.operations].sort();
    },
  });
  if (client.service === 'bedrock-runtime' && endpoint?.url !== undefined && isControlPlaneEndpoint(endpoint.url)) {
    facts.misdirectedCalls.push({
      language,
      kind: 'control-plane-endpoint',
      style: client.style,
      operation: null,
      at: endpoint.at,
      client: client.at,
      endpoint: endpoint.url,
    });
  }
}

/** A model id or ARN written at `at`, once however many calls use it. */
export function addModelId(facts: CodeFileFacts, at: Span, id: string): void {
  if (facts.modelIds.some((use) => use.line === at.line && use.column === at.column)) return;
  facts.modelIds.push({ id, file: at.file, line: at.line, column: at.column });
}
