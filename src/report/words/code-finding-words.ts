import type { CodeFindingCode, MessageParams } from '../../model/index.js';
import type { FindingWords } from './finding-words.js';
import type { FixWords } from './fix-words.js';
import { list, text } from './words.js';

// The words of the code check's findings: wrong-api (inference sent to the control plane,
// rules/wrong-api/code-findings.ts) and sdk-too-old (an SDK older than bedrock-runtime or Converse,
// rules/sdk-too-old/dependency-findings.ts). `at` and `client` are file:line references.

type Table<Code extends string, Result> = Readonly<Record<Code, (params: MessageParams) => Result>>;

export const CODE_FINDING_WORDS: Table<CodeFindingCode, FindingWords> = {
  'runtime-client-control-plane-endpoint': (p) => ({
    title: `bedrock-runtime client pointed at the control-plane endpoint ${text(p.endpoint)}`,
    cause: `${text(p.at)} overrides the endpoint of the bedrock-runtime client created at ${text(p.client)} with ${text(p.endpoint)}, the control plane: InvokeModel, InvokeModelWithResponseStream, Converse and ConverseStream are served only by bedrock-runtime.{region}.amazonaws.com.`,
  }),
  'boto3-control-plane-client': (p) => ({
    title: `${text(p.method)} called on a boto3 'bedrock' (control-plane) client`,
    cause: `${text(p.at)} calls ${text(p.method)} on the client created at ${text(p.client)} with boto3's client('bedrock'), the control plane, which has no inference methods: ${text(p.operation)} belongs to client('bedrock-runtime').`,
  }),
  'js-control-plane-client': (p) => ({
    title: `${text(p.method)} called on a Bedrock (control-plane) client of @aws-sdk/client-bedrock`,
    cause: `${text(p.at)} calls ${text(p.method)} on the Bedrock client created at ${text(p.client)}: the control-plane client of @aws-sdk/client-bedrock has no such method (TypeError: … is not a function); ${text(p.operation)} belongs to BedrockRuntime of @aws-sdk/client-bedrock-runtime.`,
  }),
  'js-control-plane-command': (p) => ({
    title: `${text(p.operation)}Command sent with a BedrockClient (control plane) of @aws-sdk/client-bedrock`,
    cause: `${text(p.at)} sends ${text(p.operation)}Command with the BedrockClient created at ${text(p.client)}: the client sends it to its own endpoint, bedrock.{region}.amazonaws.com, which does not implement ${text(p.operation)}.`,
  }),
  'sdk-version-unknown': (p) => ({
    title: `${text(p.name)} version not known from ${text(p.spec)}`,
    cause: `${text(p.at)} names no version the tool can compare (${text(p.spec)})${marker(p)}: whether it has the bedrock-runtime service (${text(p.runtime)}) and Converse (${text(p.converse)}) is not known.`,
  }),
  'sdk-older-than-runtime': (p) => ({
    title: `${versionText(p)} older than the bedrock-runtime service (${text(p.runtime)})`,
    cause: `${subject(p)}${marker(p)}; the bedrock-runtime service (InvokeModel) arrived in ${text(p.runtime)}, Converse in ${text(p.converse)}.${decided(p)}`,
  }),
  'sdk-older-than-converse': (p) => ({
    title: `${versionText(p)} older than the Converse API (${text(p.converse)})`,
    cause: `${subject(p)}${marker(p)}; Converse and ConverseStream arrived in ${text(p.converse)} (${
      p.converseUsed === true
        ? 'code in the repository calls Converse'
        : 'no code among the files read calls Converse, so only Converse would fail'
    }).${decided(p)}`,
  }),
};

export const CODE_FIX_WORDS: Table<
  'remove-control-plane-endpoint' | 'create-boto3-runtime-client' | 'use-bedrock-runtime-client' | 'upgrade-sdk',
  FixWords
> = {
  'remove-control-plane-endpoint': (p) => ({
    summary:
      'Remove the endpoint override, or point it at bedrock-runtime.{region}.amazonaws.com (or a com.amazonaws.{region}.bedrock-runtime VPC endpoint)',
    steps: [changeClient(p)],
  }),
  'create-boto3-runtime-client': (p) => ({
    summary: "Create the client with boto3.client('bedrock-runtime') for inference calls",
    steps: [changeClient(p)],
  }),
  'use-bedrock-runtime-client': (p) => ({
    summary: 'Send inference commands with new BedrockRuntimeClient({ region }) from @aws-sdk/client-bedrock-runtime',
    steps: [changeClient(p)],
  }),
  'upgrade-sdk': (p) => ({
    summary: `Upgrade ${text(p.name)} to ${text(p.converse)} or later`,
    steps: [
      p.ecosystem === 'pypi'
        ? `Require ${text(p.name)}>=${text(p.converse)} in ${text(p.file)} and update the lock, then check ${text(p.name)}.__version__ where the code runs (AWS Lambda's bundled boto3 or a layer can shadow it).`
        : `Require "${text(p.name)}": "^${text(p.converse)}" and update the lock (npm install ${text(p.name)}@latest).`,
    ],
  }),
};

/** What a code or dependency fix's verification says: the tool cannot apply either. */
export const CODE_DETAIL_WORDS: Table<'code-change' | 'dependency-change', string> = {
  'code-change': () => 'a change to code, which the tool cannot apply or re-evaluate',
  'dependency-change': () => 'a change to dependencies, which the tool cannot apply or re-evaluate',
};

function changeClient(p: MessageParams): string {
  return `Change the client created at ${text(p.client)}.`;
}

function marker(p: MessageParams): string {
  return p.marker ? ` (when ${text(p.marker)})` : '';
}

/** `boto3 1.26.0 is` for a pinned version, `boto3 >=1.20 allows versions` for a range. */
function versionText(p: MessageParams): string {
  return p.kind === 'range'
    ? `${text(p.name)} ${text(p.spec)} allows versions`
    : `${text(p.name)} ${text(p.lowest)} is`;
}

function subject(p: MessageParams): string {
  if (p.kind === 'range') return `${text(p.at)} allows ${text(p.name)} ${text(p.spec)}, down to ${text(p.lowest)}`;
  return `${text(p.at)} ${p.kind === 'lock' ? 'locks' : 'pins'} ${text(p.name)} ${text(p.lowest)}`;
}

/** The manifests a lock decides over (`overridden`, file:line, with `overriddenSpecs`). */
function decided(p: MessageParams): string {
  const specs = list(p.overriddenSpecs);
  const overridden = list(p.overridden).map((at, index) => `${at} (${specs[index] ?? ''})`);
  return overridden.length > 0 ? ` The lock decides over ${overridden.join(', ')}.` : '';
}
