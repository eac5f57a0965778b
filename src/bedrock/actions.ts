export const INVOKE_MODEL = 'bedrock:InvokeModel';
export const INVOKE_MODEL_WITH_RESPONSE_STREAM = 'bedrock:InvokeModelWithResponseStream';

/**
 * The bidirectional streaming operation (Nova Sonic): it has no IAM action of its own, it "requires permission
 * for the bedrock:InvokeModel action" (Bedrock API Reference, InvokeModelWithBidirectionalStream).
 */
const BIDIRECTIONAL_STREAM_OPERATION = 'InvokeModelWithBidirectionalStream';

/**
 * Operations a Bedrock API key (bearer token) cannot call: the API keys pages list InvokeModelWithBidirectionalStream
 * among the operations API keys cannot be used with (Bedrock User Guide, "API keys reference"); the call needs
 * SigV4 credentials.
 */
export const API_KEY_UNSUPPORTED_OPERATIONS: readonly string[] = [BIDIRECTIONAL_STREAM_OPERATION];

/** Both permissions a model invocation can need; checked unless the user narrows the list. */
export const DEFAULT_ACTIONS: readonly string[] = [INVOKE_MODEL, INVOKE_MODEL_WITH_RESPONSE_STREAM];

// API operation → IAM action, from the "API operations" table of the Service Authorization
// Reference for Amazon Bedrock: Converse is authorized as InvokeModel, ConverseStream as
// InvokeModelWithResponseStream. Keys are lower-cased: names are matched case-insensitively.
const ACTION_BY_NAME: ReadonlyMap<string, string> = new Map([
  ['invokemodel', INVOKE_MODEL],
  ['invokemodelwithresponsestream', INVOKE_MODEL_WITH_RESPONSE_STREAM],
  ['converse', INVOKE_MODEL],
  ['conversestream', INVOKE_MODEL_WITH_RESPONSE_STREAM],
  [BIDIRECTIONAL_STREAM_OPERATION.toLowerCase(), INVOKE_MODEL],
  ['bedrock:invokemodel', INVOKE_MODEL],
  ['bedrock:invokemodelwithresponsestream', INVOKE_MODEL_WITH_RESPONSE_STREAM],
]);

// Names people write that are not IAM actions, with what they should write instead.
const NOT_ACTIONS: ReadonlyMap<string, string> = new Map([
  ['bedrock:converse', `Converse is authorized as ${INVOKE_MODEL}`],
  ['bedrock:conversestream', `ConverseStream is authorized as ${INVOKE_MODEL_WITH_RESPONSE_STREAM}`],
  [
    `bedrock:${BIDIRECTIONAL_STREAM_OPERATION.toLowerCase()}`,
    `${BIDIRECTIONAL_STREAM_OPERATION} is authorized as ${INVOKE_MODEL}`,
  ],
]);

export type NormalizedActions =
  | { readonly ok: true; readonly actions: readonly string[] }
  | { readonly ok: false; readonly unknown: readonly string[]; readonly message: string };

/** The IAM action an API or action name stands for, or undefined when it is not one of ours. */
export function actionFor(name: string): string | undefined {
  return ACTION_BY_NAME.get(name.trim().toLowerCase());
}

/**
 * API names (InvokeModel, Converse, …) and IAM action names (bedrock:InvokeModel, …), in any case,
 * comma-separated or not → the distinct IAM actions, sorted. An empty list means the default.
 */
export function normalizeActions(names: readonly string[]): NormalizedActions {
  const items = names
    .flatMap((name) => name.split(','))
    .map((name) => name.trim())
    .filter((name) => name !== '');
  if (items.length === 0) return { ok: true, actions: DEFAULT_ACTIONS };
  const actions = new Set<string>();
  const unknown: string[] = [];
  for (const item of items) {
    const action = actionFor(item);
    if (action) actions.add(action);
    else unknown.push(item);
  }
  if (unknown.length > 0) return { ok: false, unknown, message: unknownActionsMessage(unknown) };
  return { ok: true, actions: [...actions].sort() };
}

function unknownActionsMessage(unknown: readonly string[]): string {
  const details = unknown.map((name) => {
    const hint = NOT_ACTIONS.get(name.toLowerCase());
    return hint ? `"${name}" is not an IAM action (${hint})` : `"${name}"`;
  });
  return (
    `unknown action${unknown.length > 1 ? 's' : ''} ${details.join(', ')}; expected one of InvokeModel, InvokeModelWithResponseStream, ` +
    `Converse, ConverseStream, ${BIDIRECTIONAL_STREAM_OPERATION}, ${INVOKE_MODEL}, ${INVOKE_MODEL_WITH_RESPONSE_STREAM}`
  );
}

/**
 * The API operations among `names` that are authorized under another action than their own name, sorted, with
 * whether a Bedrock API key can call them (for the report's notes).
 */
export function operationsAuthorizedAs(
  names: readonly string[],
): { operation: string; action: string; apiKeyUsable: boolean }[] {
  const named = new Set(names.flatMap((name) => name.split(',')).map((name) => name.trim().toLowerCase()));
  return named.has(BIDIRECTIONAL_STREAM_OPERATION.toLowerCase())
    ? [
        {
          operation: BIDIRECTIONAL_STREAM_OPERATION,
          action: INVOKE_MODEL,
          apiKeyUsable: !API_KEY_UNSUPPORTED_OPERATIONS.includes(BIDIRECTIONAL_STREAM_OPERATION),
        },
      ]
    : [];
}
