import { isLocated, message } from '../../../model/index.js';
import { cellsWithReports, identityAllowsOf, StatementFindings, statementName } from '../cells.js';
import type { IacRule, IacRuleFinding, IacRuleInput } from '../rule.js';

/**
 * An identity Allow that matches a call an explicit Deny (in any policy of the principal, its boundary
 * or an SCP) also matches: the Deny wins, so the Allow grants nothing for that call.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 */
export const denyShadowsAllowRule: IacRule = {
  id: 'deny-shadows-allow',
  title: 'A Deny overrides an Allow',
  finds: 'an identity Allow that a Deny (identity, boundary or SCP) overrides for a Bedrock call',
  severity: 'warning',
  securitySeverity: '4.0',
  tags: ['iam', 'bedrock', 'maintainability'],
  help: 'An explicit Deny overrides any Allow. The Allow at this line matches a Bedrock call that a Deny elsewhere also matches, so it grants nothing for it: narrow the Deny, or remove the Allow if the denial is intended.',
  helpUri: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html',
  findings(input: IacRuleInput): IacRuleFinding[] {
    const findings = new StatementFindings();
    for (const { cell, report } of cellsWithReports(input.matrices))
      for (const check of report.checks) {
        if (check.decision !== 'explicit-deny') continue;
        const deny = check.statements.filter(isLocated).find((statement) => statement.effect === 'Deny');
        if (!deny) continue;
        for (const allow of identityAllowsOf(check))
          findings.add(
            `${allow.file}:${allow.line}:${deny.file}:${deny.line}`,
            allow,
            message('deny-overrides-allow', {
              action: check.action,
              resource: check.resource,
              principal: cell.principal,
              deny: statementName(deny),
              denyFile: deny.file,
              denyLine: deny.line,
              policyType: deny.policyType,
              error: check.message ?? null,
            }),
          );
      }
    return findings.list();
  },
};
