import { isLocated, message } from '../../../model/index.js';
import { cellsWithReports, StatementFindings } from '../cells.js';
import type { IacRule, IacRuleFinding, IacRuleInput } from '../rule.js';

/**
 * An SCP Deny on aws:RequestedRegion that matches a destination Region of a cross-Region profile (or the
 * Region-less request of a global profile): the call fails although the caller's own Region is allowed.
 * https://docs.aws.amazon.com/bedrock/latest/userguide/cross-region-inference-support.html (destination Regions)
 */
export const regionDenyScpRule: IacRule = {
  id: 'region-deny-scp',
  title: 'A Region-deny SCP breaks cross-Region or global inference',
  finds:
    'an SCP Deny on `aws:RequestedRegion` that matches a destination Region of a cross-Region or global profile the principals call',
  severity: 'error',
  securitySeverity: '5.0',
  tags: ['scp', 'bedrock', 'cross-region-inference'],
  help: 'Cross-Region inference sends the request to another Region, and global inference to a Region-less ARN; an SCP that denies Regions outside a list denies those calls. Exempt bedrock:InvokeModel* for the destination Regions (or when bedrock:InferenceProfileArn is set), or use an on-demand model of the allowed Regions.',
  helpUri: 'https://docs.aws.amazon.com/bedrock/latest/userguide/cross-region-inference-support.html',
  findings(input: IacRuleInput): IacRuleFinding[] {
    const findings = new StatementFindings();
    for (const { cell, report } of cellsWithReports(input.matrices))
      for (const check of report.checks) {
        if (check.decision !== 'explicit-deny' || check.deniedBy !== 'scp' || check.inferenceProfileArn === null)
          continue;
        if (check.requestedRegion === cell.region) continue;
        for (const deny of check.statements
          .filter(isLocated)
          .filter((statement) => statement.effect === 'Deny' && statement.policyType === 'scp'))
          findings.add(
            `${deny.file}:${deny.line}:${cell.model}`,
            deny,
            message('region-deny-routes', {
              action: check.action,
              resource: check.resource,
              requestedRegion: check.requestedRegion,
              model: cell.model,
              region: cell.region,
              principal: cell.principal,
              error: check.message ?? null,
            }),
          );
      }
    return findings.list();
  },
};
