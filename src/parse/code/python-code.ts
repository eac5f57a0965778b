import type { InferenceOperation } from '../../model/index.js';
import {
  addModelId as addModelIdAt,
  type ClientValue,
  type CodeFileFacts,
  isBedrockArn,
  newFacts,
  recordClient,
} from './bedrock-code.js';
import { descendants, type SyntaxNode, spanOf } from './tree-sitter.js';

const OPERATIONS: Readonly<Record<string, InferenceOperation>> = {
  invoke_model: 'InvokeModel',
  invoke_model_with_response_stream: 'InvokeModelWithResponseStream',
  converse: 'Converse',
  converse_stream: 'ConverseStream',
  invoke_model_with_bidirectional_stream: 'InvokeModelWithBidirectionalStream',
};

// Keyword arguments that carry a model id: boto3's modelId, and model_id of LangChain's ChatBedrock / BedrockLLM.
const MODEL_ID_KEYWORDS = new Set(['modelId', 'model_id']);

type Value =
  | ClientValue
  | { readonly kind: 'boto3' }
  | { readonly kind: 'session-class' }
  | { readonly kind: 'session' }
  | { readonly kind: 'client-function' }
  | { readonly kind: 'string'; readonly value: string; readonly node: SyntaxNode };

/**
 * Bedrock clients and inference calls in a Python module's syntax tree. A name (or `self.attribute`) holds
 * what was last assigned to it above the use; a name only assigned below (a function defined before the
 * module-level client) takes its last assignment in the file. Clients come from `boto3.client(…)`,
 * `client(…)` imported from boto3, or `.client(…)`/`.create_client(…)` of any session, with the service as
 * the first argument or `service_name=`.
 */
export function pythonFacts(file: string, root: SyntaxNode): CodeFileFacts {
  const facts = newFacts();
  const created = new Map<number, ClientValue>();
  const recorded = new Set<number>();
  const final = new Map<string, Value>();
  walk(root, final, new Map(), undefined);
  walk(root, new Map(), final, facts);
  return facts;

  function walk(node: SyntaxNode, names: Map<string, Value>, fallback: Map<string, Value>, out?: CodeFileFacts) {
    const lookup = (key: string) => names.get(key) ?? fallback.get(key);
    const evaluate = (expression: SyntaxNode | null): Value | undefined => {
      if (!expression) return undefined;
      switch (expression.type) {
        case 'identifier':
          return lookup(expression.text);
        case 'attribute': {
          const bound = lookup(expression.text);
          if (bound) return bound;
          const object = evaluate(expression.childForFieldName('object'));
          const attribute = expression.childForFieldName('attribute')?.text;
          if (object?.kind === 'boto3' && attribute === 'Session') return { kind: 'session-class' };
          if (object?.kind === 'boto3' && attribute === 'client') return { kind: 'client-function' };
          if (object?.kind === 'boto3' && attribute === 'session') return { kind: 'boto3' };
          return undefined;
        }
        case 'string': {
          const value = stringValue(expression);
          return value === undefined ? undefined : { kind: 'string', value, node: expression };
        }
        case 'parenthesized_expression':
          return evaluate(expression.namedChildren[0] ?? null);
        case 'call':
          return evaluateCall(expression);
        default:
          return undefined;
      }
    };
    const evaluateCall = (call: SyntaxNode): Value | undefined => {
      const callee = call.childForFieldName('function');
      const callable = evaluate(callee);
      if (callable?.kind === 'session-class') return { kind: 'session' };
      const method = callee?.type === 'attribute' ? callee.childForFieldName('attribute')?.text : undefined;
      if (callable?.kind !== 'client-function' && method !== 'client' && method !== 'create_client') return undefined;
      const args = argumentsOf(call);
      let client = created.get(call.id);
      if (!client) {
        const service = evaluate(args.positional[0] ?? args.keywords.get('service_name') ?? null);
        if (service?.kind !== 'string' || (service.value !== 'bedrock' && service.value !== 'bedrock-runtime')) {
          return undefined;
        }
        client = {
          kind: 'client',
          service: service.value,
          style: 'python',
          at: spanOf(file, call),
          operations: new Set(),
        };
        created.set(call.id, client);
      }
      if (out && !recorded.has(call.id)) {
        recorded.add(call.id);
        const endpointNode = args.keywords.get('endpoint_url');
        const endpoint = evaluate(endpointNode ?? null);
        recordClient(out, 'python', client, {
          url: endpoint?.kind === 'string' ? endpoint.value : undefined,
          at: spanOf(file, endpointNode?.parent ?? call),
        });
      }
      return client;
    };

    for (const current of descendants(node)) {
      if (current.type === 'import_statement' || current.type === 'import_from_statement') {
        bindImports(current, names);
      } else if (current.type === 'assignment') {
        const left = current.childForFieldName('left');
        const right = current.childForFieldName('right');
        if (left && (left.type === 'identifier' || left.type === 'attribute')) {
          const value = evaluate(right);
          if (value) names.set(left.text, value);
          else names.delete(left.text);
        }
      } else if (current.type === 'call') {
        evaluateCall(current);
        if (out) inspectCall(current, out);
      } else if (out && current.type === 'string') {
        const value = stringValue(current);
        if (value !== undefined && isBedrockArn(value) && !isModelIdArgument(current)) addModelId(out, current, value);
      }
    }

    function inspectCall(call: SyntaxNode, facts: CodeFileFacts) {
      const args = argumentsOf(call);
      for (const [keyword, valueNode] of args.keywords) {
        if (!MODEL_ID_KEYWORDS.has(keyword)) continue;
        const value = evaluate(valueNode);
        if (value?.kind === 'string') addModelId(facts, value.node, value.value);
      }
      const callee = call.childForFieldName('function');
      if (callee?.type !== 'attribute') return;
      const operation = OPERATIONS[callee.childForFieldName('attribute')?.text ?? ''];
      const receiver = evaluate(callee.childForFieldName('object'));
      if (!operation || receiver?.kind !== 'client') return;
      receiver.operations.add(operation);
      const at = { ...spanOf(file, callee.childForFieldName('attribute')!), ...endOf(call) };
      facts.inferenceCalls.push({ language: 'python', service: receiver.service, operation, at, client: receiver.at });
      if (receiver.service === 'bedrock') {
        facts.misdirectedCalls.push({
          language: 'python',
          kind: 'control-plane-client',
          style: 'python',
          operation,
          at,
          client: receiver.at,
        });
      }
    }
  }

  function addModelId(out: CodeFileFacts, node: SyntaxNode, id: string) {
    addModelIdAt(out, spanOf(file, node), id);
  }
}

function endOf(node: SyntaxNode) {
  return { endLine: node.endPosition.row + 1, endColumn: node.endPosition.column + 1 };
}

function bindImports(statement: SyntaxNode, names: Map<string, unknown>) {
  const module = statement.childForFieldName('module_name')?.text;
  for (const child of statement.namedChildren) {
    if (!child || child === statement.childForFieldName('module_name')) continue;
    const imported = child.type === 'aliased_import' ? child.childForFieldName('name')?.text : child.text;
    const local = child.type === 'aliased_import' ? child.childForFieldName('alias')?.text : child.text;
    if (!imported || !local) continue;
    if (statement.type === 'import_statement') {
      if (imported === 'boto3') names.set(local, { kind: 'boto3' });
    } else if (module === 'boto3' || module === 'boto3.session') {
      if (imported === 'client' && module === 'boto3') names.set(local, { kind: 'client-function' });
      if (imported === 'Session') names.set(local, { kind: 'session-class' });
      if (imported === 'session') names.set(local, { kind: 'boto3' });
    }
  }
}

function argumentsOf(call: SyntaxNode): { positional: SyntaxNode[]; keywords: Map<string, SyntaxNode> } {
  const positional: SyntaxNode[] = [];
  const keywords = new Map<string, SyntaxNode>();
  for (const argument of call.childForFieldName('arguments')?.namedChildren ?? []) {
    if (!argument) continue;
    if (argument.type === 'keyword_argument') {
      const name = argument.childForFieldName('name')?.text;
      const value = argument.childForFieldName('value');
      if (name && value) keywords.set(name, value);
    } else if (argument.type !== 'comment') {
      positional.push(argument);
    }
  }
  return { positional, keywords };
}

function isModelIdArgument(node: SyntaxNode): boolean {
  const parent = node.parent;
  return parent?.type === 'keyword_argument' && MODEL_ID_KEYWORDS.has(parent.childForFieldName('name')?.text ?? '');
}

/** A plain string literal's value; undefined for f-strings with fields, byte strings and escapes it cannot read. */
function stringValue(node: SyntaxNode): string | undefined {
  const parts = node.namedChildren;
  if (parts.some((part) => part?.type === 'interpolation' || part?.type === 'escape_sequence')) return undefined;
  const start = parts.find((part) => part?.type === 'string_start')?.text ?? '';
  if (/b/i.test(start)) return undefined;
  return parts
    .filter((part) => part?.type === 'string_content')
    .map((part) => part!.text)
    .join('');
}
