import {
  cliHint,
  type GateFindingCode,
  type MessageParams,
  type PolicyType,
  policyTypeName,
} from '../../model/index.js';
import type { FindingWords } from './finding-words.js';
import { atLevel, clausesText, gateName, place, records } from './gate-words.js';
import { list, text } from './words.js';

/** The words of the policy gates' findings: a gate's own, then the call they are about (an API key, an endpoint). */
export const GATE_FINDING_WORDS: Readonly<Record<GateFindingCode, (params: MessageParams) => FindingWords>> = {
  'explicit-deny': (p) =>
    ofTheCall(p, {
      title:
        `An explicit Deny in the ${gateName(p)} ${text(p.policyName)}${p.level ? ` (attached at ${text(p.level)})` : ''} ` +
        `blocks the call${p.conditional === true ? ' when its condition holds' : ''}`,
      cause:
        `The Deny statement at ${place(p.statement, p.sid)} matches ${text(p.denied)} of the requests AWS authorizes for this call` +
        `${p.conditional === true ? ` when ${clausesText(p.clauses)}` : ''}; an explicit Deny overrides every Allow.` +
        chosenText(p) +
        attributionText(p),
    }),
  'scp-region-deny': (p) =>
    ofTheCall(p, {
      title: `A Region-deny SCP blocks cross-Region inference to ${list(p.regions).join(', ')}`,
      cause:
        `The SCP at ${place(p.statement, p.sid)} denies requests whose aws:RequestedRegion is outside its allowed list; ` +
        `the inference profile routes the call to ${list(p.regions).join(', ')}` +
        `${p.global === true ? ' ("unspecified" is the Region AWS evaluates for global routing)' : ''}.` +
        chosenText(p) +
        attributionText(p),
    }),
  'allow-only-under-condition': (p) =>
    ofTheCall(p, {
      title: `The ${gateName(p)}${atLevel(p.level)} allows the call only under a condition`,
      cause:
        `The ${gateName(p)} statements${atLevel(p.level)} allow ${text(p.denied)} of the requests AWS authorizes for this call only when ` +
        `${records<Statement>(p.allows)
          .map((allow) => `${clausesText(allow.clauses)} (${place(allow.at, allow.sid)})`)
          .join(', or ')}.` +
        attributionText(p),
    }),
  'allow-condition-false': (p) =>
    ofTheCall(p, {
      title: `An Allow in the ${gateName(p)}${atLevel(p.level)} matches the call, but its condition is false for it`,
      cause: conditionCause(p) + attributionText(p),
    }),
  'no-allow': (p) =>
    ofTheCall(p, {
      title: `No ${gateName(p)}${atLevel(p.level)} allows the call`,
      cause:
        `None of the ${gateName(p)} statements${atLevel(p.level)} allows ${text(p.denied)} of the requests AWS authorizes for this ` +
        'call, so they are implicitly denied.' +
        attributionText(p),
    }),
  'denied-once-others-fixed': (p) =>
    ofTheCall(p, {
      title: `Once the other denials are fixed, the ${gateName(p)} denies the call too`,
      cause:
        `Re-evaluating with the other fixes applied, the ${gateName(p)} still does not let the call through.` +
        (list(p.conditions).length > 0 ? ` ${conditionCause(p)}` : ''),
    }),
  'api-key-bidirectional-stream': () => ({
    title: 'InvokeModelWithBidirectionalStream cannot be called with an Amazon Bedrock API key',
    cause:
      'Amazon Bedrock API keys cannot be used with InvokeModelWithBidirectionalStream (nor with the Agents and Data Automation APIs): ' +
      'the call fails whatever the policies allow.',
  }),
  // An allowed call whose report through the endpoint (`verdict`) leaves the endpoint's gate undecided.
  'endpoint-may-deny': (p) => ({
    title: `calls through ${text(p.endpoint)} may be denied`,
    cause:
      `The call is allowed, but through the interface VPC endpoint ${text(p.endpoint)} it is ${text(p.verdict)}: ` +
      'whether the endpoint policy allows it depends on what the report of that call names.',
  }),
};

interface Statement {
  readonly at: string;
  readonly sid: string | null;
  readonly clauses: readonly string[];
}

/** A gate finding about the API-key request (`apiKey`) or about the call through an endpoint (`endpoint`) says so. */
function ofTheCall(p: MessageParams, words: FindingWords): FindingWords {
  let { title, cause } = words;
  if (p.apiKey !== undefined) {
    const key =
      p.apiKey === 'SHORT_TERM'
        ? 'a short-term API key'
        : p.apiKey === 'LONG_TERM'
          ? 'a long-term API key'
          : 'an API key';
    title = `Calls with ${key} are denied: ${title.charAt(0).toLowerCase()}${title.slice(1)}`;
    cause = `A call made with an Amazon Bedrock API key is also authorized as bedrock:CallWithBearerToken on "*". ${cause}`;
  }
  if (p.endpoint !== undefined && p.endpoint !== null) {
    title = `calls through ${text(p.endpoint)} would be denied: ${title}`;
    cause = `If the call goes through the interface VPC endpoint ${text(p.endpoint)}: ${cause}`;
  }
  return { title, cause };
}

/** The clauses of a Deny whose value the call chose (chosen-key-deny.ts). */
function chosenText(p: MessageParams): string {
  if (p.chosen === undefined) return '';
  const clauses = records<{ operator: string; key: string; values: string[]; at: string; given: string[] }>(p.chosen)
    .map(
      (c) =>
        `${c.operator} ${c.key} ${c.values.join(', ')} (${c.at}) holds for the call's ${c.key} "${c.given.join('", "')}"`,
    )
    .join('; ');
  return ` Its condition names a value the call chose: ${clauses}.`;
}

type Requirement =
  | { readonly deny: Statement; readonly holds: boolean }
  | {
      readonly policyType: PolicyType;
      readonly level: string | null;
      readonly holds: boolean;
      readonly allows: readonly Statement[];
    };

function requirementText(requirement: Requirement): string {
  if ('deny' in requirement)
    return `the Deny at ${place(requirement.deny.at, requirement.deny.sid)} ${requirement.holds ? 'applies' : 'does not apply'} (${clausesText(requirement.deny.clauses)})`;
  const gate = `the ${policyTypeName(requirement.policyType)}${requirement.level ? ` at the ${requirement.level} level` : ''}`;
  const allows = requirement.allows.map((allow) => `${clausesText(allow.clauses)} at ${place(allow.at, allow.sid)}`);
  return `${gate} ${requirement.holds ? 'allows the call' : 'does not allow the call'} (${allows.join(', or ')})`;
}

/** What a finding about one possible outcome adds: the calls are denied whatever the context, and when AWS names this denial. */
function attributionText(p: MessageParams): string {
  if (p.when === undefined) return '';
  const when = records<Requirement>(p.when);
  const dependsOn = typeof p.dependsOn === 'string' ? cliHint('depends-on', p.dependsOn) : undefined;
  if (when.length === 0) {
    return ` These calls are denied whatever the request context, but AWS reports this denial or another ${dependsOn ?? 'depending on what the engine could not evaluate'} (see the possible errors of each check).`;
  }
  const guessed = dependsOn ? `, ${dependsOn}` : '';
  return ` These calls are denied whatever the request context, but AWS reports this denial only if ${when.map(requirementText).join(' and ')}${guessed}; otherwise it reports another (see the possible errors of each check).`;
}

interface Condition {
  readonly allow: string;
  readonly sid: string | null;
  readonly operator: string;
  readonly key: string;
  readonly expected: readonly string[];
  readonly clause: string;
  readonly given: readonly string[] | null;
  readonly checks: number;
}

function conditionCause(p: MessageParams): string {
  const clauses = records<Condition>(p.conditions).map((c) => {
    const given = c.given === null ? 'absent' : c.given.join(', ');
    const sid = c.sid ? ` (Sid ${c.sid})` : '';
    return (
      `the Allow at ${c.allow}${sid} requires ${c.operator} ${c.key} ${JSON.stringify(c.expected)} (${c.clause}), ` +
      `given ${given} (${c.checks} check${c.checks === 1 ? '' : 's'})`
    );
  });
  return `An Allow matches the action and resource of ${text(p.denied)} of the requests AWS authorizes for this call, but a condition of it is false in the request's context, so they are implicitly denied: ${clauses.join('; ')}.`;
}
