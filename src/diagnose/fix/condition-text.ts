import { formatSpan, parseOperator, type FixOwner } from '../../model/index.js';
import type { FailingClause } from './failing-conditions.js';

/** A false clause as data (report/words/ words it): the clause as written, where, and the request's values (null: absent). */
export function clauseData(failing: FailingClause): {
  operator: string;
  key: string;
  values: readonly string[];
  at: string;
  given: readonly string[] | null;
} {
  const { operator, key, values, span } = failing.clause;
  return { operator, key, values, at: formatSpan(span), given: failing.given };
}

/** Who can make the request meet the clause: the caller, the account's admin (tags), or the policy's owner (dates). */
export function requirementOwner(failing: FailingClause, policyOwner: FixOwner): FixOwner {
  const { key, values } = failing.clause;
  const base = parseOperator(failing.clause.operator)?.base ?? failing.clause.operator;
  const lower = key.toLowerCase();
  if (base === 'IpAddress' && lower === 'aws:sourceip') return 'developer';
  if (base === 'Bool' && lower === 'aws:multifactorauthpresent' && values.includes('true')) return 'developer';
  if (/^aws:PrincipalTag\/(.+)$/i.test(key) && !base.includes('Not')) return 'account-admin';
  if (base.startsWith('Date')) return policyOwner;
  return 'developer';
}
