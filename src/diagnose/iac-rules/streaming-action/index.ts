import { message, type CheckEntry } from '../../../model/index.js';
import { cellsWithReports, identityAllowsOf, StatementFindings } from '../cells.js';
import type { IacRule, IacRuleFinding, IacRuleInput } from '../rule.js';

const INVOKE = 'bedrock:InvokeModel';
const STREAM = 'bedrock:InvokeModelWithResponseStream';

/**
 * An Allow that lets a principal call InvokeModel on a resource but not InvokeModelWithResponseStream (or
 * the reverse): Converse is authorized as bedrock:InvokeModel and ConverseStream as
 * bedrock:InvokeModelWithResponseStream, so one of the two APIs fails with AccessDeniedException.
 * https://docs.aws.amazon.com/bedrock/latest/userguide/conversation-inference-call.html
 */
export const streamingActionRule: IacRule = {
  id: 'streaming-action',
  title: 'InvokeModel granted without the streaming action, or the reverse',
  finds:
    '`bedrock:InvokeModel` granted without `bedrock:InvokeModelWithResponseStream` on the same resource (Converse works, ConverseStream fails), or the reverse',
  severity: 'warning',
  securitySeverity: '4.0',
  tags: ['iam', 'bedrock', 'reliability'],
  help: 'Converse and InvokeModel need `bedrock:InvokeModel`; ConverseStream and InvokeModelWithResponseStream need `bedrock:InvokeModelWithResponseStream`. Grant both actions on the same resources unless one API is never called.',
  helpUri: 'https://docs.aws.amazon.com/bedrock/latest/userguide/conversation-inference-call.html',
  findings(input: IacRuleInput): IacRuleFinding[] {
    const findings = new StatementFindings();
    for (const { cell, report } of cellsWithReports(input.matrices)) {
      const byResource = new Map<string, Map<string, CheckEntry>>();
      for (const check of report.checks) {
        const entry = byResource.get(check.resource) ?? new Map<string, CheckEntry>();
        entry.set(check.action, check);
        byResource.set(check.resource, entry);
      }
      for (const [resource, checks] of byResource) {
        const invoke = checks.get(INVOKE);
        const stream = checks.get(STREAM);
        if (!invoke || !stream) continue;
        const [granted, missing] =
          invoke.decision === 'allowed' && isDenied(stream)
            ? [invoke, STREAM]
            : stream.decision === 'allowed' && isDenied(invoke)
              ? [stream, INVOKE]
              : [undefined, ''];
        if (!granted) continue;
        for (const statement of identityAllowsOf(granted))
          findings.add(
            `${statement.file}:${statement.line}:${missing}`,
            statement,
            message('streaming-action-missing', {
              action: granted.action,
              resource,
              missing,
              principal: cell.principal,
              model: cell.model,
            }),
          );
      }
    }
    return findings.list();
  },
};

function isDenied(check: CheckEntry): boolean {
  return check.decision === 'explicit-deny' || check.decision === 'implicit-deny';
}
