import { type AssumptionCode, cliHint } from '../../model/index.js';
import { list, text, type Words } from './words.js';

/** The CLI's words for each assumption a report states. */
export const ASSUMPTION_WORDS: Words<AssumptionCode> = {
  'principal-placeholder': (p) =>
    `no --principal given: the caller is shown as a placeholder and its account as ${text(p.account)}; ` +
    'principal context keys (aws:PrincipalArn, aws:PrincipalAccount, aws:PrincipalType, aws:username) are not derived',
  'role-session-name': (p) => `a role is called through a session; its name is shown as ${text(p.session)}`,
  'principal-arn-path': () =>
    "aws:PrincipalArn is known only up to the role's path: it is the role's ARN, path included, and a session ARN does " +
    'not show the path; a condition on it is decided when it holds (or fails) for every path, otherwise the decision ' +
    'is conditional (pass the role ARN as --principal, or --context aws:PrincipalArn=…)',
  'caller-signs-itself': () =>
    `the caller signs the call itself (aws:ViaAWSService=false); ${cliHint('via-aws-service-option')} for a call an ` +
    'AWS service makes on its behalf',
  'no-scps-given': () =>
    'no SCPs given: the account is taken to be outside an organization, or its SCPs to allow the call',
  'scps-attached-to-account': () =>
    'SCPs: FullAWSAccess is assumed attached at the root, every OU and the account, and the --scp files are attached ' +
    'to the account; pass --scp-levels for the exact chain',
  'snapshot-no-scp-chain': () =>
    'the snapshot holds no SCP chain: the account is taken to be outside an organization, or its SCPs to allow the call',
  'scp-chain-replaced': () => "the SCP chain given with --scp/--scp-levels replaces the snapshot's",
  'management-account': () => "the account is the organization's management account: SCPs do not apply to it",
  'service-linked-role-no-scps': () =>
    'the caller is a service-linked role: SCPs do not restrict it, so the SCP chain was not applied',
  'role-tags': () =>
    "aws:PrincipalTag/* takes the role's tags; session tags passed when the role is assumed would override them",
  'managed-policy-extract': (p) =>
    `AWS managed policies the snapshot does not include are taken from the extract ${text(p.source)} dated ` +
    `${text(p.date)} (their default versions then): ${list(p.arns).join(', ')}`,
  'region-from': (p) =>
    p.source === 'default'
      ? `no --region, AWS_REGION or AWS_DEFAULT_REGION: Region ${text(p.region)} assumed`
      : `Region taken from ${text(p.source)}`,
  'message-region-from': (p) =>
    p.source === '--region'
      ? 'Region taken from --region'
      : p.source === 'default'
        ? `the message's resource names no Region and no --region, AWS_REGION or AWS_DEFAULT_REGION is set: Region ${text(p.region)} assumed`
        : `the message's resource names no Region: Region taken from ${text(p.source)}`,
  'iac-account-unknown': (p) =>
    'the account the repository deploys to is not given (account in .policy-check.yml): principals are shown in the ' +
    `placeholder account ${text(p.account)}, and a decision that depends on the account is conditional`,
  'iac-scps-full-access': () =>
    'SCPs: FullAWSAccess is assumed attached at the root, every OU and the account, besides the SCPs the repository attaches',
  'guardrail-in-region': (p) =>
    `the guardrail ${text(p.guardrail)} is taken not to use cross-Region inference: with a guardrail profile the call ` +
    'also needs bedrock:ApplyGuardrail on the profile in each of its destination Regions, which is not checked',
  'api-key-auth': (p) =>
    `the call is made with ${p.kind === 'unknown' ? `an Amazon Bedrock API key of unknown kind (bedrock:BearerTokenType is unknown: ${cliHint('api-key-kind-option')})` : `a ${text(p.kind)} Amazon Bedrock API key${p.inferred === true ? ` (short-term: a ${text(p.principalKind)} has no long-term keys, which belong to IAM users)` : ''}`}; ` +
    'it needs bedrock:CallWithBearerToken as well as the invoke permissions',
};
