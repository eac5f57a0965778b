import type { StatementPrincipal } from '../model/policy.js';
import { lookupKey, lookupPartial, type RequestContext } from '../model/request.js';
import type { Tri } from '../model/tri.js';

/** Whether a statement's Principal covers the caller, and why not decided when it is 'unknown'. */
export interface PrincipalOutcome {
  readonly applies: Tri;
  readonly undecided: readonly string[];
}

const MATCH: PrincipalOutcome = { applies: true, undecided: [] };

/**
 * The subset of the Principal element a VPC endpoint policy needs
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html), read from the
 * caller's aws:PrincipalArn and aws:PrincipalAccount:
 * - `"*"` and `{"AWS": "*"}`: every caller;
 * - an IAM user or role ARN: the caller whose aws:PrincipalArn it is (a role's sessions carry the role's ARN);
 * - an account (`123456789012` or `arn:aws:iam::123456789012:root`): its root user surely; another caller of
 *   that account is undecided, as AWS documents an account principal of an endpoint policy as granting only the
 *   root user (gateway endpoints) while resource-based policies let it stand for the account's principals;
 * - anything else (a session ARN, a service, a federated provider): undecided unless the account rules it out.
 * Undecided is never a match: an Allow that depends on it is conditional, a Deny that depends on it possible.
 */
export function principalApplies(principal: StatementPrincipal, context: RequestContext): PrincipalOutcome {
  if (principal === '*') return MATCH;
  let result: Tri = false;
  const undecided: string[] = [];
  for (const [type, values] of Object.entries(principal)) {
    for (const value of values) {
      const one = type === 'AWS' ? awsPrincipalApplies(value, context) : otherPrincipal(type, value);
      if (one.applies === true) return MATCH;
      if (one.applies === 'unknown') {
        result = 'unknown';
        undecided.push(...one.undecided);
      }
    }
  }
  return { applies: result, undecided: result === 'unknown' ? undecided : [] };
}

function otherPrincipal(type: string, value: string): PrincipalOutcome {
  return {
    applies: 'unknown',
    undecided: [`Principal ${JSON.stringify({ [type]: value })}: policy-check matches only AWS principals`],
  };
}

const ACCOUNT = /^\d{12}$/;
const IAM_ARN = /^arn:[^:]+:iam::(\d{12}):(.+)$/;
const STS_ARN = /^arn:[^:]+:sts::(\d{12}):/;

function awsPrincipalApplies(value: string, context: RequestContext): PrincipalOutcome {
  if (value === '*') return MATCH;
  const account = single(context, 'aws:PrincipalAccount');
  const arn = single(context, 'aws:PrincipalArn');
  const iam = IAM_ARN.exec(value);
  const named = ACCOUNT.test(value) ? value : (iam?.[1] ?? STS_ARN.exec(value)?.[1]);
  // A principal of another account is never the caller.
  if (named !== undefined && account !== undefined && account !== named) return { applies: false, undecided: [] };
  const undecided = (why: string): PrincipalOutcome => ({
    applies: 'unknown',
    undecided: [`Principal ${JSON.stringify(value)}: ${why}`],
  });
  if (named === undefined) return undecided('not an account, IAM or STS ARN policy-check can match');
  if (ACCOUNT.test(value) || iam?.[2] === 'root') {
    const root = `${value.startsWith('arn:') ? value.split(':')[1] : partitionOf(arn)}`;
    if (arn !== undefined && root !== undefined && arn === `arn:${root}:iam::${named}:root`) return MATCH;
    return undecided(
      'an account principal; whether it covers callers other than the root user in an endpoint policy is not documented consistently',
    );
  }
  if (iam) {
    if (arn === value) return MATCH;
    // IAM names are unique regardless of case: a name that differs only in case is not surely another caller.
    if (arn !== undefined)
      return arn.toLowerCase() === value.toLowerCase()
        ? undecided("it differs from the caller's aws:PrincipalArn only in case")
        : { applies: false, undecided: [] };
    const partial = lookupPartial(context, 'aws:PrincipalArn');
    // A role session whose role path is hidden: a role ARN without the known prefix or suffix is not the caller's.
    if (partial && !(value.startsWith(partial.prefix) && value.endsWith(partial.suffix)))
      return { applies: false, undecided: [] };
    return undecided("the caller's aws:PrincipalArn is not known");
  }
  return undecided('a session principal; policy-check does not know the caller session ARN');
}

function single(context: RequestContext, key: string): string | undefined {
  const found = lookupKey(context, key);
  return found.state === 'present' && found.values.length === 1 ? found.values[0] : undefined;
}

function partitionOf(arn: string | undefined): string | undefined {
  return arn?.startsWith('arn:') ? arn.split(':')[1] : undefined;
}
