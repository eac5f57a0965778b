import { cliHint, type UnresolvedCode, type UnresolvedPolicy } from '../../model/index.js';
import { guessOf } from './depends-on-words.js';
import { text, type Words } from './words.js';

const UNRESOLVED_POLICY_REASONS: Readonly<Record<UnresolvedPolicy['reason'], string>> = {
  'unknown-aws-managed-policy':
    'an AWS managed policy the snapshot does not include and the dated extract does not know',
  'missing-customer-managed-policy': 'a customer managed policy the snapshot does not include',
  'missing-group': 'a group the snapshot does not describe, so its policies are unknown',
  'unreadable-scp-chain': "the account's SCPs, which the live scan could not read",
  'unreadable-model-access':
    'the model access (agreement, authorization, entitlement), which the live scan could not read',
  'unreadable-vpc-endpoints':
    "the policies of the account's bedrock-runtime VPC endpoints, which the live scan could not read",
};

/** The CLI's words for each thing a report could not evaluate. */
export const UNRESOLVED_WORDS: Words<UnresolvedCode> = {
  'expansion-problem': (p) => text(p.text),
  'other-account': (p) => text(p.text),
  'profile-not-listed': (p) => text(p.text),
  'model-access-not-read': (p) =>
    `model access to ${text(p.model)} in ${text(p.region)} is not in the account's Bedrock state ` +
    '(GetFoundationModelAvailability was not read for it): Bedrock may refuse the call whatever the permissions',
  'model-access-unknown': (p) =>
    `model access to ${text(p.model)} in ${text(p.region)}: GetFoundationModelAvailability reported ${text(p.why)}, ` +
    'which no AWS page explains: Bedrock may refuse the call',
  'model-access-pending': (p) =>
    `model access to ${text(p.model)} in ${text(p.region)}: the AWS Marketplace subscription was being created when ` +
    'the account was read (agreementAvailability PENDING); calls fail until it completes',
  'model-access-subscribe-conditional': (p) =>
    `model access to ${text(p.model)} in ${text(p.region)}: the account is not subscribed yet, and whether the ` +
    'caller may subscribe it through AWS Marketplace on the first call depends on conditions',
  'context-override-what-if': (p) =>
    `--context ${text(p.key)} overrides what AWS sets for each request, so the result is a what-if, not a prediction`,
  'model-not-trusted': (p) =>
    `${text(p.model)} is not in the catalog dated ${text(p.catalogDate)}: the checks hold only if AWS serves the id ` +
    `(${cliHint('trust-model-if-newer')})`,
  'unresolved-policy': (p) =>
    `${text(p.arn)}: ${UNRESOLVED_POLICY_REASONS[p.reason as UnresolvedPolicy['reason']]}; it may allow or deny the ` +
    'call, so the check is incomplete',
  'principal-unresolved-policy': (p) =>
    `${text(p.arn)}: ${p.reason === 'unknown-aws-managed-policy' ? 'an AWS managed policy the dated extract does not know' : 'a policy the source does not include'}; ` +
    "the principal's checks are incomplete without it",
  'depends-on-guess': (p) => {
    const guess = guessOf(p.on);
    return `${text(p.action)} on ${text(p.resource)}: the decision depends on ${guess.subject}; ${guess.advice}`;
  },
  'expansion-incomplete': () => 'the model could not be expanded into the requests AWS authorizes',
  'guardrail-other-region': (p) =>
    `the guardrail ${text(p.guardrail)} is not in the call's Region ${text(p.region)}: no AWS page says whether a call ` +
    'may apply it there',
  'guardrail-other-account': (p) =>
    `the guardrail ${text(p.guardrail)} is in another account than the caller's (${text(p.account)}): applying it also ` +
    "needs the guardrail's resource-based policy, which is not evaluated",
  'api-key-long-term-not-user': (p) =>
    `a long-term Amazon Bedrock API key belongs to an IAM user (a service-specific credential), but the caller is a ${text(p.kind)}: ` +
    'check the IAM user the key belongs to',
};
