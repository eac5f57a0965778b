import { policyTypeName, type FindingLocation, type FixOwner, type PolicyType } from '../model/index.js';
import type { Finding, Fix } from './words/worded-reports.js';

/** Shared wording of findings and fixes for the text and Markdown reports. */

export const POLICY_TYPE_NAMES: Readonly<Record<PolicyType, string>> = {
  identity: policyTypeName('identity'),
  scp: policyTypeName('scp'),
  'permissions-boundary': policyTypeName('permissions-boundary'),
  'session-policy': policyTypeName('session-policy'),
  'vpc-endpoint': policyTypeName('vpc-endpoint'),
};

/** Who must make the change, as a sentence subject. */
export const OWNER_NAMES: Readonly<Record<FixOwner, string>> = {
  'identity-policy-owner': 'the owner of the identity-based policy',
  'organization-admin': 'an AWS Organizations administrator',
  'boundary-owner': 'the owner of the permissions boundary',
  'session-creator': 'whoever creates the session and passes its session policies',
  'vpc-endpoint-owner': 'whoever manages the VPC endpoint (ec2:ModifyVpcEndpoint)',
  'account-admin': 'an administrator of the account',
  developer: 'the developer of the calling application',
};

/** "AccessDeniedException: User: … is not authorized …", or undefined when the finding predicts no error text. */
export function predictedErrorText(finding: Finding): string | undefined {
  const error = finding.predictedError;
  return error ? `${error.exception}: ${error.message}` : undefined;
}

/** The statement as JSON with two-space indentation; every line after the first starts with `indent`. */
export function statementJson(statement: Readonly<Record<string, unknown>>, indent = ''): string {
  return JSON.stringify(statement, null, 2).split('\n').join(`\n${indent}`);
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** "2 checks fixed, 0 opened elsewhere" when verified, else why not. */
export function verificationDetail(fix: Fix): string {
  const { verified, checksFixed, checksOpenedElsewhere, detail } = fix.verification;
  // A change outside the policies has nothing for the engine to re-evaluate: its detail says so.
  if (fix.kind === 'instructions') return detail;
  if (!verified) return detail;
  const { checksDenied } = fix.verification;
  return checksDenied === undefined
    ? `${count(checksFixed, 'check')} fixed, ${checksOpenedElsewhere} opened elsewhere`
    : `fixes ${checksFixed} of ${count(checksDenied, 'denied check')}, ${checksOpenedElsewhere} opened elsewhere`;
}

/**
 * The fixes as they are shown: changes that only work together (the same `together.id`, next to each
 * other) form one block with one verification line; every other fix is a block of its own.
 */
export function fixGroups(fixes: readonly Fix[]): Fix[][] {
  const groups: Fix[][] = [];
  for (const fix of fixes) {
    const last = groups.at(-1);
    const id = fix.together?.id;
    if (last && id !== undefined && last[0]!.together?.id === id && last[0]!.alternative === fix.alternative)
      last.push(fix);
    else groups.push([fix]);
  }
  return groups;
}

/** "Fix", "Fix 2", or for a wider fix that drops a condition "Alternative (removes the condition on aws:SourceIp)". */
export function fixLabel(group: readonly Fix[], n: number | undefined): string {
  const first = group[0]!;
  if (first.alternative) {
    const keys = first.removesConditions ?? [];
    return keys.length > 0 ? `Alternative (removes the condition on ${keys.join(', ')})` : 'Alternative';
  }
  return n === undefined ? 'Fix' : `Fix ${n}`;
}

/** "verified: 2 checks fixed, 0 opened elsewhere" — what re-evaluating every check with the fix applied showed. */
export function verificationText(fix: Fix): string {
  // The tool cannot apply an instruction, so it is never called verified, whatever the data says.
  if (fix.kind === 'instructions') return `not verified: ${fix.verification.detail}`;
  return `${fix.verification.verified ? 'verified' : 'not verified'}: ${verificationDetail(fix)}`;
}

/**
 * The verification line of a block of fixes (one fix, or the changes of a set shown together); when
 * the set has changes shown under another finding, the line says the block works only with them.
 */
export function groupVerificationText(group: readonly Fix[]): string {
  const first = group[0]!;
  const elsewhere = (first.together?.changes ?? group.length) - group.length;
  if (elsewhere <= 0 || first.kind === 'instructions') return verificationText(first);
  return `${verificationText(first)} — only together with the ${count(elsewhere, 'other change')} of this fix shown under another finding`;
}

/** " (Sid X) [identity-based policy app.json]": what follows file:line in a location. */
export function locationSuffix(location: FindingLocation): string {
  const sid = location.sid ? ` (Sid ${location.sid})` : '';
  const name = location.policyName ? ` ${location.policyName}` : '';
  const policy = location.policyType
    ? ` [${POLICY_TYPE_NAMES[location.policyType]}${name}]`
    : location.policyName
      ? ` [policy${name}]`
      : '';
  return `${sid}${policy}`;
}

/** "policies/app.json:4 (Sid X) [identity-based policy app.json]" */
export function locationText(location: FindingLocation): string {
  return `${location.file}:${location.line}${locationSuffix(location)}`;
}

/** What to do, without the statement: "add this statement to policies/app.json". */
export function fixAction(fix: Fix): string {
  switch (fix.kind) {
    case 'add-statement':
      return fix.file
        ? `add this statement to ${fix.file}`
        : 'add this statement in a new policy attached to the caller';
    case 'replace-statement':
      return `replace the statement at ${fix.location ? locationText(fix.location) : (fix.file ?? 'the policy')} with`;
    case 'remove-statement':
      return `remove the statement at ${fix.location ? locationText(fix.location) : (fix.file ?? 'the policy')}`;
    case 'instructions':
      return fix.summary;
  }
}

/** True when the fix shows a statement (add or replace). */
export function showsStatement(fix: Fix): fix is Fix & { readonly statement: Readonly<Record<string, unknown>> } {
  return (fix.kind === 'add-statement' || fix.kind === 'replace-statement') && fix.statement !== undefined;
}
