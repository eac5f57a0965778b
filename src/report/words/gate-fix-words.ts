import {
  cliHint,
  type CliHintCode,
  type GateAlternativeCode,
  type Message,
  type MessageParams,
  parseOperator,
} from '../../model/index.js';
import type { FixWords } from './fix-words.js';
import { atLevel, clausesText, gateName, place, records } from './gate-words.js';
import { list, text, type Words } from './words.js';

/*
 * The words of the fix planner's fixes (diagnose/fix/), of what their re-evaluation says, and of the alternatives the
 * policy gates offer when no verified fix exists.
 */

type GateFixCode =
  | 'meet-allow-condition'
  | 'add-allow-statements'
  | 'edit-deny'
  | 'widen-region-condition'
  | 'copy-allow-for-profile'
  | 'remove-allow-condition'
  | 'correct-action';

type GateFixDetailCode =
  | 'request-change'
  | 'plan-reevaluated'
  | 'nothing-to-fix'
  | 'action-corrected'
  | 'condition-removed-reevaluated';

export const GATE_FIX_WORDS: Readonly<Record<GateFixCode, (params: MessageParams) => FixWords>> = {
  'meet-allow-condition': (p) => {
    const clauses = records<Clause>(p.clauses);
    return {
      summary: `Meet the condition of the Allow at ${place(p.allow, p.sid)}: ${clauses.map(requirementStep).join('; and ')}`,
      steps: clauses.map((clause) => `${clauseText(clause)}: ${givenText(clause)}`),
    };
  },
  'add-allow-statements': (p) => ({
    summary:
      `add ${p.statements === 1 ? 'an Allow statement' : `${text(p.statements)} Allow statements`} to ${text(p.policyName)}` +
      `${p.level ? ` at level ${text(p.level)}` : ''} granting exactly the ${text(p.requests)} denied ` +
      `request${p.requests === 1 ? '' : 's'}${p.everyPrincipal === true ? " (to every principal: the caller's aws:PrincipalArn is not known)" : ''}`,
  }),
  'edit-deny': (p) => ({ summary: records<DenyEdit>(p.edits).map(denyEditText).join('; and ') }),
  'widen-region-condition': (p) => ({
    summary:
      `add ${list(p.regions).join(', ')} to the ${list(p.keys).join(', ')} condition of the Allow at ${place(p.allow, p.sid)}, ` +
      'keeping the rest of the statement and its other conditions',
  }),
  'copy-allow-for-profile': (p) => ({
    summary:
      `add a copy of the Allow at ${place(p.allow, p.sid)} with ${list(p.regions).join(', ')} in its ${list(p.keys).join(', ')} ` +
      `condition, for calls through ${list(p.profiles).join(', ')} only (adding the Regions to the clause itself would also ` +
      'allow calling the model directly there)',
  }),
  'remove-allow-condition': (p) => {
    const keys = list(p.keys).join(', ');
    return {
      summary:
        `REMOVES THE CONDITION on ${keys}: drop ${list(p.keys).length === 1 ? 'that clause' : 'those clauses'} from the Allow at ` +
        `${place(p.allow, p.sid)}, so it applies whatever the request carries for ${keys}`,
    };
  },
  'correct-action': (p) => ({ summary: `Correct the action "${text(p.from)}" to "${text(p.to)}" at ${text(p.at)}` }),
};

export const GATE_FIX_DETAIL_WORDS: Words<GateFixDetailCode> = {
  'request-change': (p) =>
    p.reevaluated === true
      ? `a change to the request, which the tool cannot make; ${p.policyFix === true ? 'the policy fix shown was' : 'the checks were'} re-evaluated assuming the request meets it`
      : 'a change to the request, which the tool cannot make; no value meeting the condition was evident, so nothing was re-evaluated with it',
  'plan-reevaluated': (p) =>
    `re-evaluated with the fix applied${list(p.conditionKeys).length > 0 ? ` and the request meeting the conditions shown (${list(p.conditionKeys).join(', ')})` : ''}: ` +
    `${text(p.fixed)} of ${text(p.denied)} denied checks allowed; ` +
    `${text(p.opened)} of ${text(p.probes)} probe invocations (other models, Regions, routing) opened` +
    (typeof p.unmet === 'number' && p.unmet > 0
      ? `; ${p.unmet} denied check${p.unmet === 1 ? '' : 's'} depend on conditions no value could be chosen for, not re-evaluated`
      : '') +
    together(p),
  'nothing-to-fix': (p) => `nothing to fix${together(p)}`,
  'action-corrected': (p) =>
    `re-evaluated with the misspelt action corrected: ${text(p.fixed)} of ${text(p.denied)} denied checks allowed${together(p)}`,
  'condition-removed-reevaluated': (p) =>
    `re-evaluated with the condition removed, the requests as given: ${text(p.fixed)} of ${text(p.denied)} denied checks allowed; ` +
    `${text(p.opened)} of ${text(p.probes)} probe invocations (other models, Regions, routing) opened`,
};

export const GATE_ALTERNATIVE_WORDS: Words<GateAlternativeCode> = {
  'narrow-conditional-deny': (p) =>
    `the Deny applies only when ${clausesText(p.clauses)}: narrow it, or make sure these calls never meet its condition`,
  'allow-without-condition': (p) =>
    `allow these calls in the ${gateName(p)}${atLevel(p.level)} without the condition, or make sure every call meets it`,
  'changes-not-verified': (p) => {
    const detail = JSON.parse(text(p.detail)) as Message<GateFixDetailCode>;
    const changes = records<Message<GateFixCode>>(p.changes).map(
      (change) => GATE_FIX_WORDS[change.code](change.params).summary,
    );
    return `these changes were tried but did not pass re-evaluation (${GATE_FIX_DETAIL_WORDS[detail.code](detail.params)}): ${changes.join('; ')}`;
  },
  'remove-or-narrow-deny': () =>
    'remove the Deny statement, or narrow its Action or Resource, accepting that it then also stops denying what else it covers',
  'exempt-caller-in-deny': () =>
    'exempt this caller with a condition on aws:PrincipalArn in the Deny, accepting that the caller is then exempt from all of it',
  'invoke-elsewhere': () => 'invoke a model (or Region) the Deny does not cover',
  'call-with-other-value': (p) =>
    `the Deny applies because the call asks for ${text(p.key)} "${list(p.given).join('", "')}": call with a value its condition ` +
    `does not match (${cliHint(p.option as CliHintCode)}), or have the policy's owner narrow the condition`,
  'allow-destination-regions': (p) =>
    `allow the destination Regions in the SCP's aws:RequestedRegion list: ${list(p.regions).join(', ')}`,
  'allow-unspecified-region': () =>
    'add "unspecified" to the allowed aws:RequestedRegion values for global cross-Region inference',
  'exempt-routed-calls': (p) =>
    `exempt calls routed through inference profiles: add "ArnNotLike": {"bedrock:InferenceProfileArn": "${text(p.profileArns)}"} to the Deny`,
  'scp-level-without-policy': (p) =>
    `SCP level ${text(p.level)} has no policy that could take an Allow: attach one that allows these calls`,
  'no-policy-for-allow': (p) => `no ${text(p.policyType)} policy to add an Allow to`,
  'deny-not-located': (p) => `the Deny at ${place(p.statement, p.sid)} could not be located for editing`,
  'deny-enforces-guardrail': (p) =>
    `the Deny at ${place(p.statement, p.sid)} enforces a guardrail (${text(p.key)}): it is not edited`,
  'deny-not-narrowable': (p) =>
    `no edit of the Deny at ${place(p.statement, p.sid)} stops it matching these calls while it keeps denying everything else it denied before`,
  'sign-instead-of-api-key': () =>
    'sign the call with AWS credentials (SigV4) instead of the API key: a Deny on bedrock:CallWithBearerToken does not apply to signed calls',
  'scp-exempts-api-key-caller': () =>
    "only the organization's administrators can exempt this caller from the SCP; no identity-based policy change helps",
  'owner-exempts-api-key-caller': (p) =>
    `ask the owner of ${text(p.policyName)} to exempt this caller if it is meant to use API keys`,
  'sign-bidirectional-stream': (p) =>
    `sign the bidirectional stream with AWS credentials (SigV4) instead of the API key (${text(p.docs)})`,
};

/** A plan's verification when its changes are one fix applied together. */
function together(p: MessageParams): string {
  return typeof p.together === 'number' ? ` (with all ${p.together} changes of this fix applied together)` : '';
}

interface DenyEdit {
  readonly edit: 'remove' | 'drop-arns' | 'exempt-profiles' | 'not-resource' | 'add-not-resource';
  readonly sid: string | null;
  readonly profiles?: readonly string[];
  readonly unrouted?: readonly string[];
}

// One value as itself, several as JavaScript writes a list in text (comma, no space): how these summaries always read.
const oneOrMany = (values: readonly string[] = []): string => (values.length === 1 ? values[0]! : values.join(','));

function denyEditText(edit: DenyEdit): string {
  const label = edit.sid ? `Deny statement "${edit.sid}"` : 'the Deny statement';
  switch (edit.edit) {
    case 'remove':
      return `remove ${label}: it names only the ARNs being invoked`;
    case 'drop-arns':
      return `drop the invoked ARNs from the Resource list of ${label}`;
    case 'exempt-profiles':
      return (
        `exempt calls routed through ${oneOrMany(edit.profiles)} from ${label} (ArnNotEquals on bedrock:InferenceProfileArn)` +
        (edit.unrouted ? `, and leave ${oneOrMany(edit.unrouted)} out of its resources` : '')
      );
    case 'not-resource':
      return `make ${label} apply to every resource except the invoked ARNs (NotResource)`;
    case 'add-not-resource':
      return `add the invoked ARNs to the NotResource list of ${label}`;
  }
}

interface Clause {
  readonly operator: string;
  readonly key: string;
  readonly values: readonly string[];
  readonly at: string;
  readonly given: readonly string[] | null;
}

/** "aws:SourceIp is 10.0.0.1" / "aws:MultiFactorAuthPresent is absent". */
function givenText(clause: Clause): string {
  return clause.given === null ? `${clause.key} is absent` : `${clause.key} is ${clause.given.join(', ')}`;
}

/** `IpAddress aws:SourceIp ["203.0.113.0/24"] (policy.json:9:11)`: the clause as written, with where it is. */
function clauseText(clause: Clause): string {
  return `${clause.operator} ${clause.key} ${JSON.stringify(clause.values)} (${clause.at})`;
}

/** What the request must carry for the clause to hold (diagnose/fix/condition-text.ts says who can make that so). */
function requirementStep(clause: Clause): string {
  const { key, values } = clause;
  const base = parseOperator(clause.operator)?.base ?? clause.operator;
  const lower = key.toLowerCase();
  const given = givenText(clause);
  const oneOf = values.length === 1 ? values[0] : `one of ${values.join(', ')}`;
  if (base === 'IpAddress' && lower === 'aws:sourceip') return `call from ${oneOf} (the request's ${given})`;
  if (base === 'Bool' && lower === 'aws:multifactorauthpresent' && values.includes('true'))
    return `sign in with MFA and call with the credentials of that session (aws:MultiFactorAuthPresent must be true; the request's ${given})`;
  const tag = key.match(/^aws:PrincipalTag\/(.+)$/i)?.[1];
  if (tag !== undefined && !base.includes('Not'))
    return `tag the calling principal (or pass a session tag) ${tag}=${oneOf} (the request's ${given})`;
  if (base.startsWith('Date'))
    return `the Allow applies only when ${key} is ${dateRelation(base)} ${values.join(', ')}, and the request's ${given}: call within that time, or have the policy owner change the date (which extends the grant)`;
  return `make the request carry ${key} so that ${clause.operator} ${JSON.stringify(values)} holds (the request's ${given})`;
}

function dateRelation(base: string): string {
  switch (base) {
    case 'DateLessThan':
      return 'before';
    case 'DateLessThanEquals':
      return 'at or before';
    case 'DateGreaterThan':
      return 'after';
    case 'DateGreaterThanEquals':
      return 'at or after';
    case 'DateNotEquals':
      return 'not';
    default:
      return 'exactly';
  }
}
