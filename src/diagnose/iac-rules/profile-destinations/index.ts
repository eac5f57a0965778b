import {
  message,
  type CheckEntry,
  type IacFindingCode,
  type Message,
  type LocatedReportStatement,
} from '../../../model/index.js';
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
          const regions = missingModels.map((check) => check.requestedRegion);
          for (const statement of identityAllowsOf(profile))
            add(
              findings,
              statement,
              `model:${profile.resource}:${regions.join(', ')}`,
              message('profile-model-not-granted', {
                profile: profile.resource,
                regions,
                models: missingModels.map((check) => check.resource),
                principal: cell.principal,
                error: missingModels[0]!.message ?? null,
              }),
            );
        } else if (isIdentityDenial(profile) && grantedModels.length > 0) {
          for (const statement of grantedModels.flatMap(identityAllowsOf))
            add(
              findings,
              statement,
              `profile:${cell.model}:${profile.resource}`,
              message('profile-not-granted', {
                model: cell.model,
                profile: profile.resource,
                principal: cell.principal,
                error: profile.message ?? null,
              }),
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

function add(
  findings: StatementFindings,
  statement: LocatedReportStatement,
  gap: string,
  finding: Message<IacFindingCode>,
): void {
  // Both invoke actions usually fail alike: one finding per statement and kind of gap.
  findings.add(`${statement.file}:${statement.line}:${gap}`, statement, finding);
}
