import {
  matchIsIn,
  message,
  parseOperator,
  type ConditionClause,
  type MatchedStatement,
  type Statement,
} from '../../../model/index.js';
import type { EvaluatedCheck, Evaluation } from '../../evaluation.js';
import { serviceControlPolicySignatures } from './signatures.js';
import type { Rule } from '../rule.js';
import { type DenyDescriber, policyGateFindings, statementAt } from '../policy-gate-findings.js';

const REGION_KEY = 'aws:requestedregion';

/**
 * A Region-deny SCP (Deny when aws:RequestedRegion is not in a list) breaks cross-Region inference:
 * a geographic profile sends the call to destination Regions, a global one to "unspecified".
 * AWS's remedies: allow the destination Regions, add "unspecified" for global routing, or exempt calls
 * routed through a profile (https://docs.aws.amazon.com/bedrock/latest/userguide/cross-region-inference.html,
 * https://docs.aws.amazon.com/bedrock/latest/userguide/global-cross-region-inference.html).
 */
function describeRegionDeny(
  statement: MatchedStatement,
  checks: readonly EvaluatedCheck[],
  evaluation: Evaluation,
): ReturnType<DenyDescriber> {
  const source = findStatement(evaluation, statement);
  const routed = checks.some((check) => check.entry.inferenceProfileArn !== null);
  if (!source || !routed || !source.conditions.some(isRegionListTest)) return undefined;
  const regions = [...new Set(checks.flatMap((check) => check.request.context.values.get(REGION_KEY) ?? []))].sort();
  const global = regions.includes('unspecified');
  const destinations = regions.filter((region) => region !== 'unspecified');
  return {
    message: message('scp-region-deny', {
      statement: statementAt(statement),
      sid: statement.sid ?? null,
      regions,
      global,
      denied: checks.length,
    }),
    alternatives: [
      ...(destinations.length > 0 ? [message('allow-destination-regions', { regions: destinations })] : []),
      ...(global ? [message('allow-unspecified-region')] : []),
      message('exempt-routed-calls', { profileArns: 'arn:aws:bedrock:*:*:inference-profile/*' }),
    ],
  };
}

function isRegionListTest(clause: ConditionClause): boolean {
  const base = parseOperator(clause.operator)?.base;
  return clause.key.toLowerCase() === REGION_KEY && (base === 'StringNotEquals' || base === 'StringNotLike');
}

function findStatement(evaluation: Evaluation, match: MatchedStatement): Statement | undefined {
  const level = evaluation.evaluationInput.scpLevels?.find((candidate) => candidate.name === match.level);
  const policy = level?.policies.find((candidate) => matchIsIn(candidate, match));
  return policy?.statements.find((candidate) => candidate.index === match.statementIndex);
}

export const serviceControlPolicyRule: Rule = {
  id: 'service-control-policy',
  recognises:
    'an SCP Deny or a level without Allow, including Region-deny SCPs that break geographic and global cross-Region inference, with the AWS-recommended remedies',
  policyType: 'scp',
  title: 'Service control policy denies the invocation',
  help:
    'Every level of the organization (root, each OU, the account) must allow the call in an SCP, and an SCP Deny wins ' +
    '(`… with an explicit deny in a service control policy`). Region-deny SCPs break cross-Region inference unless they ' +
    'allow the destination Regions, "unspecified" for global profiles, or exempt bedrock:InferenceProfileArn. Only the ' +
    'organization’s administrators can change SCPs.',
  helpUri: 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html',
  get signatures() {
    return serviceControlPolicySignatures();
  },
  diagnose: (evaluation) => policyGateFindings('service-control-policy', 'scp', evaluation, describeRegionDeny),
};
