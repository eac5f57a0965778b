import { wildcardMatch } from '../../../engine/wildcard.js';
import { message, type Policy, type Statement } from '../../../model/index.js';
import type { IacRule, IacRuleFinding, IacRuleInput } from '../rule.js';

/**
 * An Allow of every Bedrock action (`*`, `bedrock:*`, `bedrock:Invoke*`, …) on every resource: far more than
 * invoking the models the repository uses (it also lets the principal create, delete and reconfigure
 * Bedrock resources). https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
 */
export const broadGrantRule: IacRule = {
  id: 'broad-grant',
  title: 'Bedrock granted on every resource',
  finds: '`bedrock:*` (or every invoke action) allowed on `*`',
  severity: 'warning',
  securitySeverity: '6.0',
  tags: ['security', 'iam', 'bedrock', 'least-privilege'],
  help: 'The statement allows every Bedrock action (or every invoke action) on `*`. Grant `bedrock:InvokeModel` and `bedrock:InvokeModelWithResponseStream` on the foundation-model and inference-profile ARNs the application calls.',
  helpUri: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
  findings(input: IacRuleInput): IacRuleFinding[] {
    const policies = new Map<string, { policy: Policy; address: string }>();
    const add = (policy: Policy, address: string) => {
      if (!policies.has(policy.id)) policies.set(policy.id, { policy, address });
    };
    for (const fragment of input.fragments) {
      for (const principal of [...fragment.users, ...fragment.groups, ...fragment.roles])
        for (const policy of principal.policies) add(policy, principal.address);
      for (const policy of fragment.managedPolicies) add(policy, policy.name);
    }
    const models = input.matrices[0]?.models ?? [];
    const findings: IacRuleFinding[] = [];
    for (const { policy, address } of policies.values())
      for (const statement of policy.statements) {
        const broad = broadActions(statement);
        if (broad.length === 0 || !(statement.resource ?? []).includes('*')) continue;
        findings.push({
          file: statement.span.file,
          line: statement.span.line,
          column: statement.span.column,
          ...(statement.span.endLine !== undefined ? { endLine: statement.span.endLine } : {}),
          address,
          statement: statement.sid ? `${policy.name}#${statement.sid}` : `${policy.name}[${statement.index}]`,
          message: message('broad-grant-on-all', { actions: broad, models }),
        });
      }
    return findings;
  },
};

/** The statement's Allow actions that cover every Bedrock action, or both invoke actions and more. */
function broadActions(statement: Statement): string[] {
  if (statement.effect !== 'Allow' || !statement.action) return [];
  return statement.action.filter(
    (action) =>
      wildcardMatch(action, 'bedrock:CreateModelCustomizationJob', true) ||
      (wildcardMatch(action, 'bedrock:InvokeModel', true) &&
        wildcardMatch(action, 'bedrock:InvokeModelWithResponseStream', true) &&
        wildcardMatch(action, 'bedrock:InvokeAgent', true)),
  );
}
