import { cellsWithReports, statementName } from '../cells.js';
import type { IacRule, IacRuleFinding, IacRuleInput } from '../rule.js';

/**
 * An identity Allow that matches a call an explicit Deny (in any policy of the principal, its boundary
 * or an SCP) also matches: the Deny wins, so the Allow grants nothing for that call.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 */
export const denyShadowsAllowRule: IacRule = {
  id: 'deny-shadows-allow',
  title: 'A Deny overrides an Allow',
  severity: 'warning',
  securitySeverity: '4.0',
  tags: ['iam', 'bedrock', 'maintainability'],
  help: 'An explicit Deny overrides any Allow. The Allow at this line matches a Bedrock call that a Deny elsewhere also matches, so it grants nothing for it: narrow the Deny, or remove the Allow if the denial is intended.',
  helpUri: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html',
  findings(input: IacRuleInput): IacRuleFinding[] {
    const findings = new Map<string, IacRuleFinding>();
    for (const { cell, report } of cellsWithReports(input.matrices))
      for (const check of report.checks) {
        if (check.decision !== 'explicit-deny') continue;
        const denies = check.statements.filter((statement) => statement.effect === 'Deny');
        const allows = check.statements.filter(
          (statement) => statement.effect === 'Allow' && statement.policyType === 'identity' && !statement.builtIn,
        );
        const deny = denies[0];
        if (!deny) continue;
        for (const allow of allows) {
          const key = `${allow.file}:${allow.line}:${deny.file}:${deny.line}`;
          if (findings.has(key)) continue;
          findings.set(key, {
            file: allow.file,
            line: allow.line,
            column: allow.column,
            address: allow.policyName,
            statement: statementName(allow),
            message: `this Allow grants ${check.action} on ${check.resource} (for ${cell.principal}), but the Deny ${statementName(deny)} at ${deny.file}:${deny.line} (${deny.policyType}) overrides it${check.message ? `: ${check.message}` : ''}`,
          });
        }
      }
    return [...findings.values()];
  },
};
