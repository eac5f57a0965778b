import { findingTitleHint, message } from '../../../model/index.js';
import { cellsWithReports } from '../cells.js';
import type { IacRule, IacRuleFinding, IacRuleInput } from '../rule.js';

/**
 * A bedrock-runtime interface endpoint the repository declares whose policy does not allow a call its principals are
 * allowed: a warning by default (which callers use which endpoint is not in the code), an error for the endpoint
 * `vpcEndpoint:` routes every call through. At the endpoint policy's statement, with the predicted error and the
 * verified Allow that fixes it. https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html
 */
export const vpcEndpointPolicyIacRule: IacRule = {
  id: 'vpc-endpoint-policy',
  title: 'A VPC endpoint policy denies calls the principal is allowed',
  finds:
    'a declared bedrock-runtime interface endpoint (`aws_vpc_endpoint`, policy as `jsonencode`, heredoc or `aws_iam_policy_document` with `principals`; `AWS::EC2::VPCEndpoint`, `ServiceName` with `!Sub`, `PolicyDocument`) whose policy would not allow a call a principal is allowed: a warning at the endpoint with the predicted error and the verified Allow (which callers use which endpoint is not in the code); with `vpcEndpoint:` every call goes through that endpoint and a denial is an error',
  severity: 'warning',
  securitySeverity: '4.0',
  tags: ['vpc-endpoint', 'bedrock'],
  help: 'A call through an interface VPC endpoint for bedrock-runtime is also authorized against the endpoint policy, whose statements name a Principal: it must allow the caller, the action and the resource. Add an Allow for the principal to the endpoint policy (the finding gives one verified by re-evaluation), or route the caller through another endpoint. Set `vpcEndpoint:` in .policy-check.yml to evaluate every call through one endpoint.',
  helpUri: 'https://docs.aws.amazon.com/bedrock/latest/userguide/vpc-interface-endpoints.html',
  findings(input: IacRuleInput): IacRuleFinding[] {
    const declared = input.fragments.flatMap((fragment) => fragment.vpcEndpoints ?? []);
    const byKey = new Map<string, IacRuleFinding>();
    for (const { cell, report } of cellsWithReports(input.matrices))
      for (const finding of report.findings) {
        if (finding.rule !== 'vpc-endpoint-policy') continue;
        // The warning's title names the endpoint whole ("calls through ADDRESS would|may be denied"): an address that
        // is a prefix of another must not match it.
        const endpoint =
          declared.find(
            (entry) =>
              finding.message?.params.endpoint === entry.address ||
              finding.title?.startsWith(`calls through ${entry.address} `),
          ) ?? declared[0];
        const title = finding.message ? findingTitleHint(finding.message) : finding.title;
        const at = finding.locations[0] ?? endpoint?.declaredAt;
        if (!at) continue;
        const key = `${at.file}:${at.line}:${cell.principal}:${finding.severity}`;
        if (byKey.has(key)) continue;
        const fix = finding.fixes.find((entry) => entry.statement && entry.verification.verified);
        byKey.set(key, {
          severity: finding.severity,
          file: at.file,
          line: at.line,
          column: at.column,
          ...(endpoint ? { address: endpoint.address } : {}),
          // One finding per principal at the same endpoint: the caller keeps their fingerprints apart.
          statement: cell.principal,
          message: message('endpoint-denies', {
            title: title ?? null,
            principal: cell.principal,
            model: cell.model,
            region: cell.region,
            exception: finding.predictedError?.exception ?? null,
            error: finding.predictedError?.message ?? null,
            fixStatement: fix?.statement ? JSON.stringify(fix.statement) : null,
          }),
        });
      }
    return [...byKey.values()];
  },
};
