import type { MessageParams } from '../../model/index.js';
import type { FindingWords } from './finding-words.js';
import type { FixWords } from './fix-words.js';
import { list, text } from './words.js';

// The words of model-access's AWS Marketplace findings (rules/model-access/marketplace.ts): whether the policies let
// the caller perform the Marketplace actions of a first-use subscription, and the changes that let them.

type Table<Code extends string, Result> = Readonly<Record<Code, (params: MessageParams) => Result>>;

export const MARKETPLACE_FINDING_WORDS: Table<
  'marketplace-permissions-conditional' | 'marketplace-permissions-denied',
  FindingWords
> = {
  'marketplace-permissions-conditional': (p) => ({
    title: `Whether the caller may subscribe to ${label(p)} through AWS Marketplace depends on conditions`,
    cause: `${intro(p)}${WHY} The decision depends on ${conditionKeys(p.keys)}.`,
  }),
  'marketplace-permissions-denied': (p) => ({
    title: `First use of ${label(p)} in the account needs AWS Marketplace permissions the policies deny`,
    cause: `${intro(p)}${WHY} ${outcomes(p).join(' ')}`,
  }),
};

export const MARKETPLACE_FIX_WORDS: Table<
  'allow-marketplace-actions' | 'narrow-marketplace-deny' | 'exempt-marketplace-deny',
  FixWords
> = {
  'allow-marketplace-actions': (p) => {
    const where = gateName(p);
    return {
      summary: `Allow ${both(p)} in ${where}`,
      steps: [
        `Add the statement to ${where}${p.file !== p.policyName ? ` (${text(p.file)})` : ''}: no statement there allows ${list(p.denied).join(' and ')}.`,
        ...(p.policyType === 'scp'
          ? [
              'Every SCP level from the root to the account must allow an action; an organization administrator changes SCPs.',
            ]
          : []),
        'The permissions are needed only until the model is enabled in the account; the statement can be removed afterwards ' +
          `(${text(p.docs)}).`,
      ],
    };
  },
  'narrow-marketplace-deny': (p) => ({
    summary: `Take ${both(p)} out of the Deny statement at ${statementAt(p)}, which denies ${list(p.denied).join(' and ')}`,
    steps: [
      `Narrow the statement so it no longer matches ${both(p)} (for example add them to its NotAction, or add a condition), ` +
        'keeping everything else it denies; removing it outright would lift those denials too.',
    ],
  }),
  'exempt-marketplace-deny': (p) => ({
    summary: `${WHO[text(p.policyType)] ?? ''} must exempt ${both(p)} for this caller from the Deny statement at ${statementAt(p)} in ${gateName(p)}`,
    steps: [
      `The Deny statement at ${statementAt(p)} denies ${list(p.denied).join(' and ')}; an explicit Deny cannot be overridden by an Allow anywhere else.`,
      `Change it so that it no longer applies to ${both(p)} for this caller (for example a condition on aws:PrincipalArn), or remove it.`,
      'Alternatively, have an identity the statement does not restrict enable the model for the account once; afterwards the caller needs no Marketplace permission.',
    ],
  }),
};

/** What re-evaluating the Marketplace actions with a plan's changes applied showed. */
export const MARKETPLACE_DETAIL_WORDS: Table<'marketplace-reevaluated', string> = {
  'marketplace-reevaluated': (p) => reevaluated(p),
};

export const MARKETPLACE_ALTERNATIVE_WORDS: Table<
  | 'marketplace-already-enabled'
  | 'marketplace-enable-once'
  | 'marketplace-no-policy-for-allow'
  | 'marketplace-no-change-found'
  | 'marketplace-still-conditional'
  | 'marketplace-change-not-verified',
  string
> = {
  'marketplace-already-enabled': (p) =>
    `If the model is already enabled in the account, nothing is needed: aws bedrock get-foundation-model-availability --model-id ${text(p.modelId)} ` +
    `--region ${text(p.region)} shows agreementAvailability AVAILABLE.`,
  'marketplace-enable-once': () =>
    'Someone whose permissions allow these actions can enable the model once for the account (by invoking it, or with ' +
    'CreateFoundationModelAgreement); after that the caller needs no Marketplace permission.',
  'marketplace-no-policy-for-allow': (p) =>
    `No policy ${p.level ? `at ${text(p.level)} ` : ''}could take an Allow for ${list(p.actions).join(' and ')}: attach one.`,
  'marketplace-no-change-found': () => 'No change to the policies given was found that allows both actions.',
  'marketplace-still-conditional': (p) =>
    `With the changes applied, the decision still depends on ${conditionKeys(p.keys)}.`,
  // The change is one of this table's fixes, its params beside those of its re-evaluation.
  'marketplace-change-not-verified': (p) =>
    `not verified: ${MARKETPLACE_FIX_WORDS[p.fix as keyof typeof MARKETPLACE_FIX_WORDS](p).summary} (${reevaluated(p)})`,
};

const WHY =
  ' The first call in an account makes Bedrock subscribe the account to the model, which needs aws-marketplace:Subscribe and ' +
  'aws-marketplace:ViewSubscriptions from the caller; once the model is enabled in the account, calls need no Marketplace permission. ' +
  'The actions were evaluated on resource * with the context of the InvokeModel checks.';

const WHO: Readonly<Record<string, string>> = {
  scp: "The organization's administrators (AWS Organizations management account or delegated administrator)",
  'permissions-boundary': "Whoever manages the caller's permissions boundary",
  'session-policy': 'Whoever creates the session (the AssumeRole / GetFederationToken caller)',
  'vpc-endpoint': 'Whoever manages the VPC endpoint',
};

function label(p: MessageParams): string {
  return `${text(p.modelName)} (${text(p.modelId)})`;
}

function intro(p: MessageParams): string {
  switch (p.subscription) {
    case 'not-subscribed':
      return `GetFoundationModelAvailability reports no AWS Marketplace subscription to ${label(p)} for the account in ${text(p.region)}, so the call must subscribe it.`;
    case 'sold':
      return `${label(p)} is sold through AWS Marketplace (catalog dated ${text(p.catalogDate)}).`;
    default:
      return `Whether ${label(p)} is sold through AWS Marketplace is unknown (the catalog dated ${text(p.catalogDate)} cannot tell); if it is, this applies.`;
  }
}

/**
 * What each Marketplace action's evaluation says: `outcomes` gives each action of `actions` as conditional, denied
 * or allowed; `keysN` the unknown keys the Nth depends on, `messagesN` the AccessDenied texts AWS may return for it.
 */
function outcomes(p: MessageParams): string[] {
  return list(p.actions).flatMap((action, index) => {
    const keys = p[`keys${index}`];
    const messages = list(p[`messages${index}`]);
    switch (list(p.outcomes)[index]) {
      case 'conditional':
        return [`${action}: conditional, allowed or denied depending on ${conditionKeys(keys)}.`];
      case 'denied':
        return [
          messages.length <= 1
            ? `${action}: "${messages[0] ?? ''}".`
            : `${action}: denied in every context, but which message AWS returns depends on ${conditionKeys(keys)}: ${messages.map((entry) => `"${entry}"`).join(' or ')}.`,
        ];
      default:
        return [];
    }
  });
}

function conditionKeys(keys: MessageParams[string] | undefined): string {
  return list(keys).length > 0
    ? `the unknown context key(s) ${list(keys).join(', ')}`
    : 'conditions the engine cannot resolve';
}

function both(p: MessageParams): string {
  return list(p.actions).join(' and ');
}

function statementAt(p: MessageParams): string {
  return `${text(p.at)}${p.sid ? ` (Sid ${text(p.sid)})` : ''}`;
}

/** The policy a change is made in, by its type (and its level, for an SCP). */
function gateName(p: MessageParams): string {
  const name = text(p.policyName);
  switch (p.policyType) {
    case 'identity':
      return `the identity-based policy ${name}`;
    case 'scp':
      return `the SCP ${name} attached at ${p.level ? text(p.level) : 'its level'}`;
    case 'permissions-boundary':
      return `the permissions boundary ${name}`;
    case 'session-policy':
      return `the session policy ${name}`;
    default:
      return `the VPC endpoint policy ${name}`;
  }
}

function reevaluated(p: MessageParams): string {
  const others = Number(p.others ?? 0);
  const opened = Number(p.opened ?? 0);
  const scope = [
    p.removed === true ? 'simulated by removing the Deny statement' : 'with the statement added',
    others > 0 ? `together with the other ${others} change${others > 1 ? 's' : ''} of this finding` : '',
  ]
    .filter((part) => part !== '')
    .join(', ');
  const decisions = list(p.decisions);
  const outcome = list(p.evaluated)
    .map((action, index) => `${action} ${decisions[index] ?? ''}`)
    .join(', ');
  const openedText =
    opened > 0
      ? `; ${opened} InvokeModel check${opened > 1 ? 's' : ''} that ${opened > 1 ? 'were' : 'was'} not allowed become${opened > 1 ? '' : 's'} allowed too`
      : '';
  const detail = `re-evaluated ${scope}: ${outcome}${openedText}`;
  return p.instruction === true ? `an instruction the tool cannot apply; ${detail}` : detail;
}
