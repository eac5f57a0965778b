import type { Location } from '../model/index.js';

/**
 * Where a statement is, for people: `file:line:column` for a file, the policy ARN (or the snapshot or
 * account it came from) and JSON pointer for a policy read from a snapshot or an account, `file:line`
 * for an IaC file. A policy with no location (the root user's implicit access) is named by its ARN,
 * else its name.
 */
export function statementLocationText(
  location: Location | undefined,
  policy: { readonly policyName: string; readonly policyArn?: string },
): string {
  if (!location) return policy.policyArn ?? policy.policyName;
  switch (location.kind) {
    case 'file':
      return `${location.file}:${location.line}:${location.column}`;
    case 'pointer': {
      const line = location.line !== undefined ? `:${location.line}` : '';
      return `${location.policyArn ?? location.source}${line} ${location.pointer === '' ? '(whole document)' : location.pointer}`;
    }
    case 'iac':
      return `${location.file}:${location.line}${location.column !== undefined ? `:${location.column}` : ''}`;
  }
}
