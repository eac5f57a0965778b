import type { FindingCode, FixCode, IacFindingCode, Message, MessageParams } from '../../model/index.js';
import { FINDING_WORDS } from './finding-words.js';
import { FIX_WORDS } from './fix-words.js';
import { list, text, type Words } from './words.js';

// The words of the IaC rules' findings (diagnose/iac-rules/<id>/): the `message` of `policy-check iac`'s findings.
// `exception` and `error` are the error AWS returns (its exception and text); `…File`/`…Line` a place in the
// repository; `dependsOn` what a conditional verdict depends on (each a hint the CLI words).

const INVOKE = 'bedrock:InvokeModel';

const UNKNOWN_REASONS: Readonly<Record<string, string>> = {
  'computed-attribute': 'an attribute known only after the resource is created',
  'variable-without-default': 'a variable without a default or value',
  'remote-module': 'a module outside the repository',
  'unsupported-expression': 'an expression policy-check does not evaluate',
  'import-value': 'a value another stack exports',
  'plan-after-unknown': 'a value the plan marks as known after apply',
};

export const IAC_FINDING_WORDS: Words<IacFindingCode> = {
  'expectation-not-met': (p) =>
    `${text(p.address)} → ${text(p.model)} in ${text(p.region)}: ${expectation(p)} (expect at ${text(p.expectFile)}:${text(p.expectLine)})`,
  'principal-unmatched': (p) =>
    `${text(p.key)}: ${JSON.stringify(text(p.pattern))} matches no user or role of the repository (a Terraform address, CloudFormation logical id, or role/user name; * and ? are globs)`,
  'streaming-action-missing': (p) => {
    const [works, fails] =
      p.missing === INVOKE
        ? ['ConverseStream and InvokeModelWithResponseStream work', 'Converse and InvokeModel fail']
        : ['Converse and InvokeModel work', 'ConverseStream and InvokeModelWithResponseStream fail'];
    return `grants ${text(p.action)} on ${text(p.resource)} but not ${text(p.missing)} (for ${text(p.principal)}, model ${text(p.model)}): ${works}, ${fails} with AccessDeniedException`;
  },
  'profile-model-not-granted': (p) =>
    `grants the inference profile ${text(p.profile)} but not its model in ${text(p.regions)} (${text(p.models)}), where the profile routes calls (for ${text(p.principal)}): ${deniedWith(p)}`,
  'profile-not-granted': (p) =>
    `grants ${text(p.model)}'s foundation models but not the inference profile ${text(p.profile)} the call goes through (for ${text(p.principal)}): ${deniedWith(p)}`,
  'region-deny-routes': (p) =>
    `denies ${text(p.action)} on ${text(p.resource)} in ${text(p.requestedRegion)}, where ${text(p.model)} routes calls from ${text(p.region)} (for ${text(p.principal)}): ${deniedWith(p)}`,
  'deny-overrides-allow': (p) =>
    `this Allow grants ${text(p.action)} on ${text(p.resource)} (for ${text(p.principal)}), but the Deny ${text(p.deny)} at ${text(p.denyFile)}:${text(p.denyLine)} (${text(p.policyType)}) overrides it${p.error ? `: ${text(p.error)}` : ''}`,
  'broad-grant-on-all': (p) =>
    `allows ${text(p.actions)} on "*"${list(p.models).length > 0 ? `; the models checked are ${text(p.models)}` : ''}: grant bedrock:InvokeModel and bedrock:InvokeModelWithResponseStream on their ARNs instead`,
  'value-unknown': (p) =>
    `${text(p.expression)} is ${UNKNOWN_REASONS[text(p.reason)] ?? text(p.reason)}: the checks of ${text(p.affects)} that depend on it are conditional or incomplete`,
  'code-model-refused': (p) => {
    const refused = p.verdict === 'allowed' || p.verdict === 'denied';
    return `${text(p.principal)} runs this code (code: at ${text(p.codeFile)}:${text(p.codeLine)}) and ${refused ? 'cannot' : 'may not be able to'} invoke ${text(p.model)} in ${text(p.region)}: ${refusal(p)}`;
  },
  'code-check-finding': (p) => {
    const finding = JSON.parse(text(p.finding)) as Message<FindingCode>;
    const words = FINDING_WORDS[finding.code](finding.params);
    const fix = p.fix ? (JSON.parse(text(p.fix)) as Message<FixCode>) : null;
    return (
      `${words.title}: ${words.cause}` +
      (p.exception ? ` It fails with ${text(p.exception)}: ${text(p.error).replace(/\.?$/, '.')}` : '') +
      (fix ? ` Fix: ${FIX_WORDS[fix.code](fix.params).summary}.` : '')
    );
  },
  'allow-without-guardrail': (p) =>
    `this Allow lets ${text(p.principal)} call ${text(p.action)} on ${text(p.resource)} without a guardrail (bedrock:GuardrailIdentifier absent), but .policy-check.yml sets requireGuardrail`,
  'api-key-bidirectional-call': (p) =>
    `${text(p.callFile)}:${text(p.callLine)} calls InvokeModelWithBidirectionalStream on the bedrock-runtime client created at ${text(p.clientFile)}:${text(p.clientLine)}, but .policy-check.yml sets auth: api-key: Amazon Bedrock API keys cannot be used with InvokeModelWithBidirectionalStream, so the call fails whatever the policies allow. Sign this client's calls with AWS credentials (SigV4).`,
  'endpoint-denies': (p) =>
    `${text(p.title)}, for ${text(p.principal)} calling ${text(p.model)} in ${text(p.region)}` +
    (p.exception ? `: ${text(p.exception)}: ${text(p.error)}` : '') +
    (p.fixStatement ? `; verified fix: add ${text(p.fixStatement)} to the endpoint policy` : ''),
  'suppression-expired': (p) =>
    `the suppression of ${text(p.rule)} in ${text(p.path)} expired on ${text(p.expires)} ("${text(p.reason)}"): its findings are reported again`,
};

/** The AWS error of a denied check: its text, else the exception. */
function deniedWith(p: MessageParams): string {
  return p.error !== null && p.error !== undefined ? text(p.error) : 'AccessDeniedException';
}

function predicted(p: MessageParams): string {
  return p.exception ? `: ${text(p.exception)}: ${text(p.error)}` : '';
}

function dependsOnText(p: MessageParams): string {
  return list(p.dependsOn).length > 0 ? ` (depends on ${list(p.dependsOn).join('; ')})` : '';
}

/** An `expect:` entry against the cell's verdict (`expected`: allowed or denied). */
function expectation(p: MessageParams): string {
  if (p.expected === 'allowed') return `expected allowed, is ${text(p.verdict)}${dependsOnText(p)}${predicted(p)}`;
  if (p.verdict === 'allowed') return 'expected denied, is allowed';
  return `expected denied, is ${text(p.verdict)}: it may be allowed${dependsOnText(p)}`;
}

/** Why the principal's call fails or may fail; `verdict` null when its cell was not evaluated. */
function refusal(p: MessageParams): string {
  if (p.verdict === null || p.verdict === undefined) return 'not evaluated: the access is not known';
  if (p.verdict === 'allowed') return `allowed, but the call fails${predicted(p)}`;
  if (p.verdict === 'denied') return `denied${predicted(p)}`;
  const denial = p.exception ? `; when denied, ${predicted(p).slice(2)}` : '';
  return `${text(p.verdict)}${dependsOnText(p)}${denial}`;
}
