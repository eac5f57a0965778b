/**
 * Peels the layers clients print around an AWS error message: boto3 / AWS CLI, event streams, the Go,
 * Java, JavaScript and Swift SDKs, raw JSON bodies, and the prefixes of LangChain, LiteLLM and the Vercel
 * AI SDK. Pure; every expression here is fixed and free of nested quantifiers, and the input is capped.
 */

/** A layer recognised around the message, outermost first. */
export type WrapperKind =
  | 'json'
  | 'botocore'
  | 'event-stream'
  | 'go-sdk-v2'
  | 'java-sdk-v2'
  | 'swift-sdk'
  | 'stack-trace'
  | 'exception-name'
  | 'langchain'
  | 'litellm'
  | 'vercel-ai-sdk';

export interface Unwrapped {
  /** The innermost message, whitespace runs collapsed to one space. */
  readonly message: string;
  /** The error code the text names (event-stream names capitalised), innermost wins. */
  readonly exception: string | null;
  readonly operation: string | null;
  readonly httpStatus: number | null;
  readonly requestId: string | null;
  readonly wrappers: readonly WrapperKind[];
  /** The SDK or tool that printed the text, when the text shows it. */
  readonly client: string | null;
  /** A layer showed that the message is incomplete (e.g. a JSON string without its closing quote). */
  readonly cutOff: boolean;
}

/** Longer input is cut: error messages are short, and this bounds the work on pasted logs. */
export const MAX_EXPLAIN_INPUT = 64 * 1024;
const MAX_LAYERS = 12;

interface Layer {
  readonly kind: WrapperKind;
  /** Where the layer starts in the current text: the earliest layer is peeled first. */
  readonly start: number;
  readonly inner: string;
  readonly exception?: string;
  readonly operation?: string;
  readonly httpStatus?: number;
  readonly requestId?: string;
  readonly cutOff?: boolean;
}

type Extractor = (text: string) => Layer | undefined;

export function unwrap(input: string): Unwrapped {
  const original = input.slice(0, MAX_EXPLAIN_INPUT).replace(/\r\n?/g, '\n');
  let text = original;
  const wrappers: WrapperKind[] = [];
  let exception: string | undefined;
  let operation: string | undefined;
  let httpStatus: number | undefined;
  let requestId: string | undefined;
  let cutOff = false;

  const take = (layer: Layer): void => {
    wrappers.push(layer.kind);
    if (layer.exception) exception = capitalise(layer.exception);
    if (layer.operation) operation = layer.operation;
    httpStatus ??= layer.httpStatus;
    requestId ??= layer.requestId;
    // Only the layer that holds the message decides whether it is cut off: an outer JSON document cut after
    // a complete inner message does not make that message incomplete.
    cutOff = layer.cutOff === true;
    text = layer.inner;
  };

  for (let round = 0; round < MAX_LAYERS; round += 1) {
    for (const strip of SUFFIXES) {
      const layer = strip(text);
      if (layer) take(layer);
    }
    let best: Layer | undefined;
    for (const extract of PREFIXES) {
      const layer = extract(text);
      if (layer && (best === undefined || layer.start < best.start)) best = layer;
    }
    if (!best || best.inner === text) break;
    take(best);
  }

  const message = clean(text);
  exception ??= headerException(original);
  httpStatus ??= statusIn(original);
  requestId ??= requestIdIn(original);
  return {
    message,
    exception: exception ?? null,
    operation: operation ?? null,
    httpStatus: httpStatus ?? null,
    requestId: requestId ?? null,
    wrappers,
    client: clientOf(wrappers, original),
    cutOff,
  };
}

/** Whitespace collapsed, wrapping quotes and a gateway's trailing "(request id: …)" removed. */
function clean(text: string): string {
  let result = text.replace(/\s+/g, ' ').trim();
  result = result.replace(/ ?\(request id: [^()]*\)$/, '');
  const quoted = /^(["'])(.*)\1$/.exec(result);
  if (quoted?.[2] !== undefined) result = quoted[2].trim();
  return result;
}

function capitalise(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

// ---------------------------------------------------------------------------------------------------
// Suffixes: applied to the end of the current text before any prefix is peeled.

/** Java SDK v2: `<message> (Service: BedrockRuntime, Status Code: 403, Request ID: …) (SDK Attempt Count: 1)`. */
// No leading \s*: searched from every position of a long blank run, it would make the search quadratic.
const JAVA_SUFFIX =
  /\(Service: [^,()]{0,100}, Status Code: (?<status>\d{3}), Request ID: (?<id>[^,()\s]{0,100})(?:, Extended Request ID: [^()]{0,300})?\)(?:[ \t]{0,8}\(SDK Attempt Count: \d{1,3}\))?\s*$/;

const javaSdk: Extractor = (text) => {
  const match = JAVA_SUFFIX.exec(text);
  if (!match?.groups) return undefined;
  return {
    kind: 'java-sdk-v2',
    start: match.index,
    inner: text.slice(0, match.index).trimEnd(),
    httpStatus: Number(match.groups.status),
    ...(match.groups.id ? { requestId: match.groups.id } : {}),
  };
};

/** A stack trace or the SDK's error object printed after the message (JS SDK v3: `at de_…`, `{ '$fault': …, '$metadata': … }`). */
const TRAILER_LINE = /\n[ \t]*(?:at [^\n]|\{[ \t]*(?:\n|$)|\{?[ \t]*'?\$(?:fault|metadata)'?)/;

const stackTrace: Extractor = (text) => {
  const match = TRAILER_LINE.exec(text);
  if (!match) return undefined;
  const trailer = text.slice(match.index);
  const status = /httpStatusCode['"]?: (\d{3})\b/.exec(trailer)?.[1];
  const id = /requestId['"]?: ['"]([0-9A-Za-z-]{8,})['"]/.exec(trailer)?.[1];
  return {
    kind: 'stack-trace',
    start: match.index,
    inner: text.slice(0, match.index),
    ...(status ? { httpStatus: Number(status) } : {}),
    ...(id ? { requestId: id } : {}),
  };
};

const SUFFIXES: readonly Extractor[] = [javaSdk, stackTrace];

// ---------------------------------------------------------------------------------------------------
// Prefixes: the one that starts earliest is peeled; ties go to the earlier extractor in PREFIXES.

/** botocore (boto3, AWS CLI): `An error occurred (Code) when calling the Op operation: message`; event streams name the code in lower camel case. */
const BOTOCORE =
  /An error occurred \((?<code>[A-Za-z]{1,80})\)(?: \(reached max retries: \d{1,4}\))? when calling the (?<op>[A-Za-z]{1,80}) operation(?: \(reached max retries: \d{1,4}\))?: ?/;

const botocore: Extractor = (text) => {
  const match = BOTOCORE.exec(text);
  if (!match?.groups) return undefined;
  const code = match.groups.code ?? '';
  let inner = text.slice(match.index + match[0].length);
  // EventStreamError('An error occurred (…) … message')): the message ends at the closing quote.
  const quote = match.index > 0 ? text.charAt(match.index - 1) : '';
  if (quote === "'" || quote === '"') {
    const end = inner.lastIndexOf(quote);
    if (end >= 0) inner = inner.slice(0, end);
  }
  const streamed = /^[a-z]/.test(code) || /EventStreamError/.test(text.slice(0, match.index));
  return {
    kind: streamed ? 'event-stream' : 'botocore',
    start: match.index,
    inner,
    exception: code,
    ...(match.groups.op ? { operation: match.groups.op } : {}),
  };
};

/** Go SDK v2: `operation error Bedrock Runtime: Converse, https response error StatusCode: 403, RequestID: …, Code: message`. */
const GO =
  /operation error [A-Za-z ]{1,40}: (?<op>[A-Za-z]{1,60}), (?:https response error StatusCode: (?<status>\d{3}), (?:RequestID: (?<id>[0-9A-Za-z-]{1,100}), )?)?(?:(?<code>[A-Z][A-Za-z]{0,60}(?:Exception|Error|Fault)): )?/;

const goSdk: Extractor = (text) => {
  const match = GO.exec(text);
  if (!match?.groups) return undefined;
  const { op, status, id, code } = match.groups;
  return {
    kind: 'go-sdk-v2',
    start: match.index,
    inner: text.slice(match.index + match[0].length),
    ...(op ? { operation: op } : {}),
    ...(status ? { httpStatus: Number(status) } : {}),
    ...(id ? { requestId: id } : {}),
    ...(code ? { exception: code } : {}),
  };
};

/** Swift SDK: `AccessDeniedException(properties: AWSBedrockRuntime.AccessDeniedException.Properties(message: Optional("…")), httpResponse: …`. */
const SWIFT =
  /(?<code>[A-Z][A-Za-z]{0,60}Exception)\(properties: [\w.]{1,120}\(message: Optional\("(?<msg>(?:[^"\\]|\\.)*)"\)/;

const swiftSdk: Extractor = (text) => {
  const match = SWIFT.exec(text);
  if (!match?.groups) return undefined;
  const status = /Status Code: http_status_(\d{3})\b/.exec(text)?.[1];
  return {
    kind: 'swift-sdk',
    start: match.index,
    inner: (match.groups.msg ?? '').replace(/\\(["\\])/g, '$1'),
    ...(match.groups.code ? { exception: match.groups.code } : {}),
    ...(status ? { httpStatus: Number(status) } : {}),
  };
};

/** A JSON document (HTTP body, gateway error, log record): its message-like field becomes the inner text. */
const jsonBody: Extractor = (text) => {
  const open = /\{\s*"/.exec(text);
  if (!open) return undefined;
  const start = open.index;
  const end = balancedEnd(text, start);
  if (end > start) {
    try {
      const found = messageOf(JSON.parse(text.slice(start, end + 1)) as unknown, 0);
      if (found.message !== undefined) {
        return {
          kind: 'json',
          start,
          inner: found.message,
          ...(found.code ? { exception: found.code } : {}),
          ...(found.status ? { httpStatus: found.status } : {}),
        };
      }
    } catch {
      // not JSON after all: fall back to the key search below
    }
  }
  // A document cut off (or not quite JSON): take the first message-like string value as far as it goes.
  const key = /"(?:message|Message|errorMessage|error|cause|Cause)"\s*:\s*"/.exec(text.slice(start));
  if (!key) return undefined;
  const bodyStart = start + key.index + key[0].length;
  const { body, terminated } = jsonStringBody(text, bodyStart);
  return { kind: 'json', start, inner: unescapeJson(body), cutOff: !terminated };
};

const MESSAGE_KEYS = ['message', 'Message', 'errorMessage', 'error', 'Error', 'cause', 'Cause', 'detail'] as const;

function messageOf(value: unknown, depth: number): { message?: string; code?: string; status?: number } {
  if (typeof value === 'string') return { message: value };
  if (depth > 4 || value === null || typeof value !== 'object' || Array.isArray(value)) return {};
  const record = value as Record<string, unknown>;
  let code: string | undefined;
  for (const key of ['__type', 'code', 'Code', 'errorType']) {
    const candidate = record[key];
    if (typeof candidate === 'string') {
      const name = candidate.slice(candidate.lastIndexOf('#') + 1);
      if (/^[A-Za-z]+(?:Exception|Error|Fault)$/.test(name)) code = name;
    }
  }
  const rawStatus = record.status ?? record.statusCode;
  const status = typeof rawStatus === 'number' && rawStatus >= 100 && rawStatus <= 599 ? rawStatus : undefined;
  for (const key of MESSAGE_KEYS) {
    if (!(key in record)) continue;
    const inner = messageOf(record[key], depth + 1);
    if (inner.message !== undefined) {
      return {
        message: inner.message,
        ...((inner.code ?? code) ? { code: inner.code ?? code } : {}),
        ...((inner.status ?? status) ? { status: inner.status ?? status } : {}),
      };
    }
  }
  return {};
}

/** The index of the `}` closing the object that opens at `start`, or -1 when the text ends first. */
function balancedEnd(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let index = start; index < text.length; index += 1) {
    const char = text.charAt(index);
    if (inString) {
      if (char === '\\') index += 1;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '{' || char === '[') depth += 1;
    else if (char === '}' || char === ']') {
      depth -= 1;
      if (depth === 0) return index;
    }
  }
  return -1;
}

function jsonStringBody(text: string, from: number): { body: string; terminated: boolean } {
  for (let index = from; index < text.length; index += 1) {
    const char = text.charAt(index);
    if (char === '\\') index += 1;
    else if (char === '"') return { body: text.slice(from, index), terminated: true };
  }
  return { body: text.slice(from), terminated: false };
}

function unescapeJson(body: string): string {
  try {
    return JSON.parse(`"${body}"`) as string;
  } catch {
    // a cut-off escape at the end: undo the common ones by hand
    return body
      .replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
      .replace(/\\n/g, '\n')
      .replace(/\\t/g, '\t')
      .replace(/\\(["\\/])/g, '$1')
      .replace(/\\$/, '');
  }
}

/** Framework prefixes: LangChain re-raises as ValueError, LiteLLM as BedrockException, the Vercel AI SDK as AI_APICallError. */
const FRAMEWORK_PREFIXES: readonly { readonly kind: WrapperKind; readonly pattern: RegExp }[] = [
  { kind: 'langchain', pattern: /(?:ValueError: )?Error raised by bedrock service: / },
  { kind: 'litellm', pattern: /litellm\.[A-Za-z]+: (?:BedrockException(?: - |: ))?/ },
  { kind: 'litellm', pattern: /\bBedrockException(?: - |: )/ },
  { kind: 'vercel-ai-sdk', pattern: /AI_APICallError: (?:undefined: )?/ },
];

const framework: Extractor = (text) => {
  let best: Layer | undefined;
  for (const { kind, pattern } of FRAMEWORK_PREFIXES) {
    const match = pattern.exec(text);
    if (match && (best === undefined || match.index < best.start)) {
      best = { kind, start: match.index, inner: text.slice(match.index + match[0].length) };
    }
  }
  return best;
};

/**
 * `Code: message` (JS SDK v3, Python exception lines, Java exception class names), `Code - message` (log
 * lines) and `Code` alone on its line. Only names ending in Exception, or Error after a Python module
 * path, count: "AI_APICallError" or a bare "Error:" are not AWS codes.
 */
// Names are short: bounded runs keep the search linear on a long run of letters.
const EXCEPTION_NAME =
  /(?:^|[\s:([.])(?<code>[A-Z][A-Za-z]{0,60}(?:Exception|ServiceError)|AttributeError)(?:: | - |:?\n)/;

const exceptionName: Extractor = (text) => {
  const match = EXCEPTION_NAME.exec(text);
  if (!match?.groups?.code) return undefined;
  const codeStart = match.index + match[0].indexOf(match.groups.code);
  return {
    kind: 'exception-name',
    start: codeStart,
    inner: text.slice(match.index + match[0].length),
    exception: match.groups.code,
  };
};

// Order breaks ties between layers starting at the same place: the more specific first.
const PREFIXES: readonly Extractor[] = [botocore, goSdk, swiftSdk, jsonBody, framework, exceptionName];

// ---------------------------------------------------------------------------------------------------
// Facts read from the whole text when no layer gave them.

function headerException(text: string): string | undefined {
  return /x-amzn-ErrorType:\s*'?([A-Za-z]+)/.exec(text)?.[1];
}

function statusIn(text: string): number | undefined {
  const match =
    /(?:StatusCode: |Status Code: (?:http_status_)?|httpStatusCode['"]?: |API Error:? \(?|"status":\s*|HTTP\/\d(?:\.\d)? )(\d{3})\b/.exec(
      text,
    );
  const status = match?.[1] ? Number(match[1]) : undefined;
  return status !== undefined && status >= 100 && status <= 599 ? status : undefined;
}

function requestIdIn(text: string): string | undefined {
  return /(?:RequestID: |Request ID: |requestId['"]?: ['"]|x-amzn-RequestId: )([0-9A-Za-z-]{8,})/.exec(text)?.[1];
}

function clientOf(wrappers: readonly WrapperKind[], text: string): string | null {
  const tools: string[] = [];
  if (wrappers.includes('langchain')) tools.push('LangChain');
  if (wrappers.includes('litellm')) tools.push('LiteLLM');
  if (wrappers.includes('vercel-ai-sdk')) tools.push('Vercel AI SDK');
  let sdk: string | null = null;
  if (wrappers.includes('go-sdk-v2')) sdk = 'AWS SDK for Go v2';
  else if (wrappers.includes('java-sdk-v2') || /software\.amazon\.awssdk\./.test(text)) sdk = 'AWS SDK for Java v2';
  else if (wrappers.includes('swift-sdk')) sdk = 'AWS SDK for Swift';
  else if (/@aws-sdk\/|\$metadata/.test(text)) sdk = 'AWS SDK for JavaScript v3';
  else if (wrappers.includes('event-stream')) sdk = 'boto3 (event stream)';
  else if (wrappers.includes('botocore'))
    sdk = /\bbotocore\.|\bboto3\b|Traceback \(most recent call last\)/.test(text) ? 'boto3' : 'boto3 or AWS CLI';
  else if (/\bbotocore\.exceptions\./.test(text)) sdk = 'boto3';
  else if (wrappers.length > 0 && wrappers.every((kind) => kind === 'json')) sdk = 'raw HTTP response body';
  const parts = [...tools, ...(sdk ? [sdk] : [])];
  return parts.length > 0 ? parts.join(' over ') : null;
}
