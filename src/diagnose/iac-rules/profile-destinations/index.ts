import type { CheckEntry, ReportStatement } from '../../../model/index.js';
import { cellsWithReports, identityAllowsOf, StatementFindings } from '../cells.js';
import type { IacRule, IacRuleFinding, IacRuleInput } from '../rule.js';

/**
 * A call through an inference profile is authorized on the profile ARN and on the model in every Region the
 * profile may route to (the Region-less model ARN for a global profile): an Allow of the profile without the
 * destination models, of the model in the source Region only, or of the models without the profile fails.
 * https://docs.aws.amazon.com/bedrock/latest/userguide/inference-profiles-prereq.html
 */
export const profileDestinationsRule: IacRule = {
  id: 'profile-destinations',
  title: 'Inference profile granted without its destination models, or the reverse',
  finds:
    'an inference profile granted without its model in every destination Region (or a model granted in its source Region only), or the destination models without the profile ARN',
  severity: 'error',
  securitySeverity: '5.0',
  tags: ['iam', 'bedrock', 'cross-region-inference'],
  help: 'Invoking through a cross-Region or global inference profile needs the permission on the inference-profile ARN and on the foundation model in every destination Region of the profile. Grant both, as the message lists them.',
  helpUri: 'https://docs.aws.amazon.com/bedrock/latest/userguide/inference-profiles-prereq.html',
  findings(input: IacRuleInput): IacRuleFinding[] {
    const findings = new StatementFindings();
    for (const { cell, report } of cellsWithReports(input.matrices)) {
      const profiles = report.checks.filter((check) => /:(?:application-)?inference-profile\//.test(check.resource));
      for (const profile of profiles) {
        const models = report.checks.filter(
          (check) => check.action === profile.action && check.inferenceProfileArn === profile.resource,
        );
        const missingModels = models.filter(isIdentityDenial);
        const grantedModels = models.filter((check) => check.decision === 'allowed');
        if (profile.decision === 'allowed' && missingModels.length > 0) {
          const where = missingModels.map((check) => check.requestedRegion).join(', ');
          for (const statement of identityAllowsOf(profile))
            add(
              findings,
              statement,
              `grants the inference profile ${profile.resource} but not its model in ${where} (${missingModels.map((check) => check.resource).join(', ')}), where the profile routes calls (for ${cell.principal}): ${missingModels[0]!.message ?? 'AccessDeniedException'}`,
            );
        } else if (isIdentityDenial(profile) && grantedModels.length > 0) {
          for (const statement of grantedModels.flatMap(identityAllowsOf))
            add(
              findings,
              statement,
              `grants ${cell.model}'s foundation models but not the inference profile ${profile.resource} the call goes through (for ${cell.principal}): ${profile.message ?? 'AccessDeniedException'}`,
            );
        }
      }
    }
    return findings.list();
  },
};

function isIdentityDenial(check: CheckEntry): boolean {
  return check.decision === 'implicit-deny' && check.deniedBy === 'identity';
}

function add(findings: StatementFindings, statement: ReportStatement, message: string): void {
  // Both invoke actions usually fail alike: one finding per statement and kind of gap.
  findings.add(`${statement.file}:${statement.line}:${message.split(' (')[0]}`, statement, message);
}
