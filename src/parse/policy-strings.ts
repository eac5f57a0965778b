/**
 * Why an Action, Resource or ARN string is malformed. The schema's patterns decide *whether* a string
 * is valid (a test keeps both in agreement); these functions say *why*, for the message.
 */

/**
 * `*`, or `service:action` where the action may hold `*` and `?`. IAM rejects a wildcard in the service
 * prefix ("Action vendors … must not contain wildcards") and a second colon ("Actions/Condition can
 * contain only one colon"). https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
 */
export function actionProblem(action: string): string | undefined {
  if (action === '*') return undefined;
  if (action.trim() === '') return 'an action cannot be empty';
  if (/\s/.test(action)) return 'an action cannot contain whitespace';
  const parts = action.split(':');
  if (parts.length === 1) return 'missing the service prefix: write "service:action", e.g. "bedrock:InvokeModel"';
  if (parts.length > 2) return 'an action contains exactly one colon, between service prefix and action name';
  const [service = '', name = ''] = parts;
  if (service === '') return 'missing the service prefix before the colon';
  if (/[*?]/.test(service)) return 'the service prefix cannot contain wildcards';
  if (!/^[A-Za-z0-9-]+$/.test(service)) return 'the service prefix may only contain letters, digits and hyphens';
  if (name === '') return 'missing the action name after the colon (use "*" for every action of the service)';
  if (!/^[A-Za-z0-9_.*?-]+$/.test(name))
    return 'the action name may only contain letters, digits and the wildcards * and ?';
  return undefined;
}

/**
 * `arn:partition:service:region:account:resource` — six colon-separated parts, the resource part
 * keeping any further colons; region and account may be empty (`arn:aws:s3:::bucket`).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-arns
 */
export function arnProblem(text: string): string | undefined {
  if (text.trim() !== text) return 'an ARN cannot start or end with whitespace';
  if (!text.startsWith('arn:')) return 'expected an ARN, which starts with "arn:"';
  const parts = text.split(':');
  if (parts.length < 6) {
    return `an ARN has six colon-separated parts (arn:partition:service:region:account:resource), found ${parts.length}`;
  }
  const [, partition = '', service = ''] = parts;
  if (partition === '' || /\s/.test(partition)) return 'the partition part (after "arn:") is missing';
  if (service === '' || /\s/.test(service)) return 'the service part (third) is missing';
  if (parts.slice(5).join(':') === '') return 'the resource part (sixth) is missing';
  return undefined;
}

/**
 * A Resource / NotResource entry: `*`, a six-part ARN, or an ARN cut short by a `*` that ends its
 * Region or account part (`arn:aws:bedrock:*`, `arn:aws:bedrock:us-east-1:*`; no "/" in that part), which expands across
 * the colons after it ("If the * wildcard is the last character of a resource ARN segment, it can
 * expand to match beyond the colon boundaries"). The service part may not hold a wildcard ("You can't
 * use a wildcard in the service segment that identifies the AWS product").
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html#reference_policies_elements_resource_wildcards
 */
export function resourceProblem(resource: string): string | undefined {
  if (resource === '*') return undefined;
  if (!resource.trimStart().startsWith('arn:'))
    return 'expected "*" or an ARN (arn:partition:service:region:account:resource)';
  const parts = resource.split(':');
  const service = parts[2];
  if (service !== undefined && /[*?]/.test(service)) {
    return 'the service part (third) cannot contain the wildcards * or ?: IAM does not allow a wildcard in the service segment';
  }
  if (parts.length === 4 || parts.length === 5) {
    if (resource.trim() !== resource) return 'an ARN cannot start or end with whitespace';
    // A "/" there is a resource part in the wrong place (`arn:aws:bedrock:us-east-1:foundation-model/*`,
    // the empty account forgotten), not a Region or account cut short.
    const last = parts[parts.length - 1]!;
    if (!last.endsWith('*') || last.includes('/')) return arnProblem(resource);
    const [, partition = ''] = parts;
    if (partition === '' || /\s/.test(partition)) return 'the partition part (after "arn:") is missing';
    if (service === '' || /\s/.test(service!)) return 'the service part (third) is missing';
    return undefined;
  }
  return arnProblem(resource);
}

/**
 * A policy variable before the fifth colon of a Resource ARN: AWS documents substitution only in the
 * resource part (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html),
 * while AWS managed policies use `${aws:PrincipalAccount}` in the account part. The engine treats such
 * an entry as undecided; this says so at parse time.
 */
export function resourceVariableProblem(resource: string): string | undefined {
  if (!resource.startsWith('arn:')) return undefined;
  // The first five colons outside `${…}`: a variable name holds a colon of its own.
  let colons = 0;
  for (let i = 0; i < resource.length && colons < 5; i++) {
    if (resource.startsWith('${', i)) {
      const close = resource.indexOf('}', i + 2);
      const body = close < 0 ? '' : resource.slice(i + 2, close);
      if (body !== '' && body !== '*' && body !== '?' && body !== '$') {
        return (
          `resource ${JSON.stringify(resource)} has a policy variable before the fifth colon (partition, service, Region or account part): ` +
          'the IAM policy-variables page documents substitution only in the resource part of an ARN, while AWS managed policies ' +
          'use variables such as ${aws:PrincipalAccount} in the account part; policy-check treats this entry as undecided (conditional)'
        );
      }
      if (close > 0) i = close;
      continue;
    }
    if (resource[i] === ':') colons++;
  }
  return undefined;
}

/** `${aws:username}`, `${aws:PrincipalTag/team, 'none'}`, `${*}` … */
export function containsPolicyVariable(text: string): boolean {
  return /\$\{[^}]+\}/.test(text);
}
