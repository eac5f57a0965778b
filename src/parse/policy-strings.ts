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
  if (!/^[A-Za-z0-9_.*?-]+$/.test(name)) return 'the action name may only contain letters, digits and the wildcards * and ?';
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

export function resourceProblem(resource: string): string | undefined {
  if (resource === '*') return undefined;
  if (!resource.trimStart().startsWith('arn:')) return 'expected "*" or an ARN (arn:partition:service:region:account:resource)';
  return arnProblem(resource);
}

/** `${aws:username}`, `${aws:PrincipalTag/team, 'none'}`, `${*}` … */
export function containsPolicyVariable(text: string): boolean {
  return /\$\{[^}]+\}/.test(text);
}
