import { formatSpan, parseOperator, type FixOwner } from '../../model/index.js';
import type { FailingClause } from './failing-conditions.js';

const list = (values: readonly string[]): string => values.join(', ');

/** "aws:SourceIp is 10.0.0.1" / "aws:MultiFactorAuthPresent is absent". */
export function givenText(failing: FailingClause): string {
  return failing.given === null ? `${failing.clause.key} is absent` : `${failing.clause.key} is ${list(failing.given)}`;
}

/** `IpAddress aws:SourceIp ["203.0.113.0/24"] (policy.json:9:11)`: the clause as written, with where it is. */
export function clauseText(failing: FailingClause): string {
  const { operator, key, values } = failing.clause;
  return `${operator} ${key} ${JSON.stringify(values)} (${formatSpan(failing.clause.span)})`;
}

/** What the request must carry for the clause to hold, and who can make that so. */
export function requirementOf(
  failing: FailingClause,
  policyOwner: FixOwner,
): { readonly step: string; readonly owner: FixOwner } {
  const { key, values } = failing.clause;
  const operator = parseOperator(failing.clause.operator);
  const base = operator?.base ?? failing.clause.operator;
  const lower = key.toLowerCase();
  const given = givenText(failing);
  if (base === 'IpAddress' && lower === 'aws:sourceip') {
    return {
      step: `call from ${values.length === 1 ? values[0] : `one of ${list(values)}`} (the request's ${given})`,
      owner: 'developer',
    };
  }
  if (base === 'Bool' && lower === 'aws:multifactorauthpresent' && values.includes('true')) {
    return {
      step: `sign in with MFA and call with the credentials of that session (aws:MultiFactorAuthPresent must be true; the request's ${given})`,
      owner: 'developer',
    };
  }
  const tag = key.match(/^aws:PrincipalTag\/(.+)$/i)?.[1];
  if (tag !== undefined && !base.includes('Not')) {
    return {
      step: `tag the calling principal (or pass a session tag) ${tag}=${values.length === 1 ? values[0] : `one of ${list(values)}`} (the request's ${given})`,
      owner: 'account-admin',
    };
  }
  if (base.startsWith('Date')) {
    return {
      step: `the Allow applies only when ${key} is ${dateRelation(base)} ${list(values)}, and the request's ${given}: call within that time, or have the policy owner change the date (which extends the grant)`,
      owner: policyOwner,
    };
  }
  return {
    step: `make the request carry ${key} so that ${failing.clause.operator} ${JSON.stringify(values)} holds (the request's ${given})`,
    owner: 'developer',
  };
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
