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

type ClientClass = {
  readonly kind: 'class';
  readonly service: ClientValue['service'];
  readonly style: ClientValue['style'];
};
type Value =
  | ClientValue
  | ClientClass
  | { readonly kind: 'module'; readonly exports: Readonly<Record<string, Value>> }
  | { readonly kind: 'command-class' | 'command'; readonly operation: InferenceOperation }
  | { readonly kind: 'string'; readonly value: string; readonly node: SyntaxNode };

const COMMANDS: Readonly<Record<string, InferenceOperation>> = {
  InvokeModelCommand: 'InvokeModel',
  InvokeModelWithResponseStreamCommand: 'InvokeModelWithResponseStream',
  ConverseCommand: 'Converse',
  ConverseStreamCommand: 'ConverseStream',
  InvokeModelWithBidirectionalStreamCommand: 'InvokeModelWithBidirectionalStream',
};

const METHODS: Readonly<Record<string, InferenceOperation>> = {
  invokeModel: 'InvokeModel',
  invokeModelWithResponseStream: 'InvokeModelWithResponseStream',
  converse: 'Converse',
  converseStream: 'ConverseStream',
  invokeModelWithBidirectionalStream: 'InvokeModelWithBidirectionalStream',
};

const commandClasses = Object.fromEntries(
  Object.entries(COMMANDS).map(([name, operation]) => [name, { kind: 'command-class', operation } as const]),
);

// The exports of the two Bedrock packages of the AWS SDK for JavaScript v3 that matter here.
const PACKAGES: Readonly<Record<string, Readonly<Record<string, Value>>>> = {
  '@aws-sdk/client-bedrock': {
    BedrockClient: { kind: 'class', service: 'bedrock', style: 'command' },
    Bedrock: { kind: 'class', service: 'bedrock', style: 'aggregated' },
  },
  '@aws-sdk/client-bedrock-runtime': {
    BedrockRuntimeClient: { kind: 'class', service: 'bedrock-runtime', style: 'command' },
    BedrockRuntime: { kind: 'class', service: 'bedrock-runtime', style: 'aggregated' },
    ...commandClasses,
  },
};

const WRAPPERS = new Set([
  'parenthesized_expression',
  'as_expression',
  'satisfies_expression',
  'non_null_expression',
  'await_expression',
  'type_assertion',
]);

/**
 * Bedrock clients and inference calls in a JavaScript or TypeScript syntax tree: `BedrockClient` /
 * `BedrockRuntimeClient` (and the aggregated `Bedrock` / `BedrockRuntime`) imported or required from the SDK
 * packages, `client.send(new InvokeModelCommand(…))` directly or through a variable, and the aggregated
 * clients' methods. Names are followed through simple assignments, as in the Python reader.
 */
export function jsFacts(file: string, root: SyntaxNode): CodeFileFacts {
  const facts = newFacts();
  const created = new Map<number, ClientValue>();
  const recorded = new Set<number>();
  const final = new Map<string, Value>();
  walk(final, new Map());
  walk(new Map(), final, facts);
  return facts;

  function walk(names: Map<string, Value>, fallback: Map<string, Value>, out?: CodeFileFacts) {
    const lookup = (key: string) => names.get(key) ?? fallback.get(key);
    const bind = (key: string, value: Value | undefined) => {
      if (value) names.set(key, value);
      else names.delete(key);
    };
    const evaluate = (node: SyntaxNode | null | undefined): Value | undefined => {
      if (!node) return undefined;
      if (WRAPPERS.has(node.type))
        return evaluate(node.namedChildren.find((child) => child?.type !== 'type_identifier'));
      switch (node.type) {
        case 'identifier':
          return lookup(node.text) ?? commandClasses[node.text];
        case 'member_expression': {
          const bound = lookup(node.text);
          if (bound) return bound;
          const object = evaluate(node.childForFieldName('object'));
          const property = node.childForFieldName('property')?.text ?? '';
          return object?.kind === 'module' ? object.exports[property] : undefined;
        }
        case 'string':
        case 'template_string': {
          const value = stringValue(node);
          return value === undefined ? undefined : { kind: 'string', value, node };
        }
        case 'call_expression': {
          const callee = node.childForFieldName('function');
          const source = stringValue(node.childForFieldName('arguments')?.namedChildren[0] ?? undefined);
          const exports = callee?.text === 'require' && source !== undefined ? PACKAGES[source] : undefined;
          return exports ? { kind: 'module', exports } : undefined;
        }
        case 'new_expression':
          return construct(node);
        default:
          return undefined;
      }
    };
    const construct = (node: SyntaxNode): Value | undefined => {
      const made = evaluate(node.childForFieldName('constructor'));
      if (made?.kind === 'command-class') return { kind: 'command', operation: made.operation };
      if (made?.kind !== 'class') return undefined;
      let client = created.get(node.id);
      if (!client) {
        client = {
          kind: 'client',
          service: made.service,
          style: made.style,
          at: spanOf(file, node),
          operations: new Set(),
        };
        created.set(node.id, client);
      }
      if (out && !recorded.has(node.id)) {
        recorded.add(node.id);
        const config = node.childForFieldName('arguments')?.namedChildren[0];
        const endpoint = config?.type === 'object' ? property(config, 'endpoint') : undefined;
        const url = evaluate(endpoint?.childForFieldName('value'));
        recordClient(out, 'javascript', client, {
          url: url?.kind === 'string' ? url.value : undefined,
          at: spanOf(file, endpoint ?? node),
        });
      }
      return client;
    };

    for (const node of descendants(root)) {
      switch (node.type) {
        case 'import_statement':
          bindImport(node, bind);
          break;
        case 'variable_declarator': {
          const name = node.childForFieldName('name');
          const value = evaluate(node.childForFieldName('value'));
          if (name?.type === 'identifier') bind(name.text, value);
          else if (name?.type === 'object_pattern' && value?.kind === 'module') bindPattern(name, value.exports, bind);
          break;
        }
        case 'assignment_expression': {
          const left = node.childForFieldName('left');
          if (left?.type === 'identifier' || left?.type === 'member_expression') {
            bind(left.text, evaluate(node.childForFieldName('right')));
          }
          break;
        }
        case 'public_field_definition':
        case 'field_definition': {
          const name = node.childForFieldName('name') ?? node.childForFieldName('property');
          if (name) bind(`this.${name.text}`, evaluate(node.childForFieldName('value')));
          break;
        }
        case 'new_expression':
          construct(node);
          break;
        case 'call_expression':
          if (out) inspectCall(node, out);
          break;
        case 'pair':
          if (out) inspectPair(node, out);
          break;
        case 'string':
        case 'template_string': {
          const value = out ? stringValue(node) : undefined;
          if (out && value !== undefined && isBedrockArn(value)) addModelId(out, node, value);
          break;
        }
      }
    }

    function inspectCall(call: SyntaxNode, facts: CodeFileFacts) {
      const callee = call.childForFieldName('function');
      if (callee?.type !== 'member_expression') return;
      const method = callee.childForFieldName('property')?.text ?? '';
      const receiver = evaluate(callee.childForFieldName('object'));
      if (receiver?.kind !== 'client') return;
      let operation: InferenceOperation | undefined;
      if (method === 'send' && receiver.style === 'command') {
        const command = evaluate(call.childForFieldName('arguments')?.namedChildren[0]);
        if (command?.kind === 'command') operation = command.operation;
      } else if (receiver.style === 'aggregated') {
        operation = METHODS[method];
      }
      if (!operation) return;
      receiver.operations.add(operation);
      facts.inferenceCalls.push({
        language: 'javascript',
        service: receiver.service,
        operation,
        at: spanOf(file, call),
        client: receiver.at,
      });
      if (receiver.service === 'bedrock') {
        facts.misdirectedCalls.push({
          language: 'javascript',
          kind: 'control-plane-client',
          style: receiver.style,
          operation,
          at: spanOf(file, call),
          client: receiver.at,
        });
      }
    }

    function inspectPair(pair: SyntaxNode, facts: CodeFileFacts) {
      const key = pair.childForFieldName('key');
      const name = key?.type === 'string' ? stringValue(key) : key?.text;
      if (name !== 'modelId') return;
      const value = evaluate(pair.childForFieldName('value'));
      if (value?.kind === 'string') addModelId(facts, value.node, value.value);
    }
  }

  function addModelId(out: CodeFileFacts, node: SyntaxNode, id: string) {
    addModelIdAt(out, spanOf(file, node), id);
  }
}

function property(object: SyntaxNode, name: string): SyntaxNode | undefined {
  return (
    object.namedChildren.find((child) => {
      if (child?.type !== 'pair') return false;
      const key = child.childForFieldName('key');
      return (key?.type === 'string' ? stringValue(key) : key?.text) === name;
    }) ?? undefined
  );
}

function bindImport(statement: SyntaxNode, bind: (key: string, value: Value | undefined) => void) {
  const exports = PACKAGES[stringValue(statement.childForFieldName('source') ?? undefined) ?? ''];
  if (!exports) return;
  for (const node of descendants(statement)) {
    if (node.type === 'import_specifier') {
      const name = node.childForFieldName('name')?.text ?? '';
      bind(node.childForFieldName('alias')?.text ?? name, exports[name]);
    } else if (
      node.type === 'namespace_import' ||
      (node.type === 'identifier' && node.parent?.type === 'import_clause')
    ) {
      const local = node.type === 'identifier' ? node : node.namedChildren[0];
      if (local) bind(local.text, { kind: 'module', exports });
    }
  }
}

function bindPattern(
  pattern: SyntaxNode,
  exports: Readonly<Record<string, Value>>,
  bind: (key: string, value: Value | undefined) => void,
) {
  for (const entry of pattern.namedChildren) {
    if (entry?.type === 'shorthand_property_identifier_pattern') bind(entry.text, exports[entry.text]);
    else if (entry?.type === 'pair_pattern') {
      const value = entry.childForFieldName('value');
      if (value?.type === 'identifier') bind(value.text, exports[entry.childForFieldName('key')?.text ?? '']);
    }
  }
}

/** A string literal's value, or a template literal's without substitutions; undefined when it has escapes. */
function stringValue(node: SyntaxNode | undefined): string | undefined {
  if (!node || (node.type !== 'string' && node.type !== 'template_string')) return undefined;
  const parts = node.namedChildren;
  if (parts.some((part) => part?.type !== 'string_fragment')) return undefined;
  return parts.map((part) => part!.text).join('');
}
