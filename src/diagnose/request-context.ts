import type { Principal } from '../model/index.js';

/**
 * Context keys the tool knows without being told (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html):
 * the principal's, the time, and aws:SecureTransport (bedrock-runtime only accepts HTTPS).
 * The placeholder principal derives no principal keys: they stay unknown (or absent with --assume-absent).
 */
export function derivedContext(principal: Principal, now: Date): Record<string, string[]> {
  const context: Record<string, string[]> = {
    'aws:SecureTransport': ['true'],
    // The caller signs the call itself; a service calling on its behalf is told with --context.
    'aws:ViaAWSService': ['false'],
    'aws:CurrentTime': [now.toISOString().replace(/\.\d{3}Z$/, 'Z')],
    'aws:EpochTime': [String(Math.floor(now.getTime() / 1000))],
  };
  if (principal.kind === 'placeholder') return context;
  context['aws:PrincipalAccount'] = [principal.account];
  if (principal.principalArn && !pathHidden(principal)) context['aws:PrincipalArn'] = [principal.principalArn];
  if (principal.principalType) context['aws:PrincipalType'] = [principal.principalType];
  // A principal signing its own request is not an AWS service principal.
  context['aws:PrincipalIsAWSService'] = ['false'];
  if (principal.kind === 'user' && principal.userName) context['aws:username'] = [principal.userName];
  return context;
}

/** Keys that the principal's kind rules out of the request (aws:username exists only for IAM users). */
export function absentForPrincipal(principal: Principal): string[] {
  if (principal.kind === 'placeholder' || principal.kind === 'user') return [];
  return ['aws:username'];
}

/** A role session named by its sts ARN: the role's path, part of aws:PrincipalArn, is not shown. */
function pathHidden(principal: Principal): boolean {
  return principal.kind === 'role-session' && principal.sessionName !== undefined;
}

/** Keys every request of this caller carries but whose value the tool cannot know: they stay unknown even with --assume-absent. */
export function unknownForPrincipal(principal: Principal): string[] {
  return pathHidden(principal) ? ['aws:PrincipalArn'] : [];
}
