import { message } from '../../../model/index.js';
import { cellsWithReports, statementName } from '../cells.js';
import type { IacRule, IacRuleFinding, IacRuleInput } from '../rule.js';

const INVOKE_ACTIONS = new Set(['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream']);

/**
 * With `requireGuardrail: true`, every invocation must name a guardrail. The matrix checks each call as made
 * without one (bedrock:GuardrailIdentifier absent), so an invocation it allows is one the principal can make
 * without a guardrail: the identity Allows that let it through are reported. AWS's pattern binds the grant to a
 * guardrail with a Deny unless bedrock:GuardrailIdentifier matches
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/guardrails-permissions-id.html).
 */
export const guardrailNotRequiredRule: IacRule = {
  id: 'guardrail-not-required',
  title: 'An invocation is allowed without a guardrail',
  finds:
    'with `requireGuardrail: true`: an identity Allow that lets a principal invoke a model without naming a guardrail (no Deny unless `bedrock:GuardrailIdentifier` matches)',
  severity: 'error',
  securitySeverity: '6.5',
  tags: ['security', 'iam', 'bedrock', 'guardrails'],
  help: '`.policy-check.yml` sets `requireGuardrail: true`, but this Allow lets the principal invoke a model without naming a guardrail. Bind the grant to the guardrail: a Deny of `bedrock:InvokeModel` and `bedrock:InvokeModelWithResponseStream` with `StringNotEquals` on `bedrock:GuardrailIdentifier` (the guardrail ARN with its version), and `bedrock:ApplyGuardrail` on the guardrail ARN.',
  helpUri: 'https://docs.aws.amazon.com/bedrock/latest/userguide/guardrails-permissions-id.html',
  findings(input: IacRuleInput): IacRuleFinding[] {
    if (input.config.requireGuardrail !== true) return [];
    const findings = new Map<string, IacRuleFinding>();
    for (const { cell, report } of cellsWithReports(input.unguardedMatrices ?? input.matrices))
      for (const check of report.checks) {
        if (check.decision !== 'allowed' || !INVOKE_ACTIONS.has(check.action)) continue;
        for (const allow of check.statements) {
          if (allow.effect !== 'Allow' || allow.policyType !== 'identity' || allow.builtIn) continue;
          const key = `${allow.file}:${allow.line}:${cell.principal}`;
          if (findings.has(key)) continue;
          findings.set(key, {
            file: allow.file,
            line: allow.line,
            column: allow.column,
            address: allow.policyName,
            statement: statementName(allow),
            message: message('allow-without-guardrail', {
              principal: cell.principal,
              action: check.action,
              resource: check.resource,
            }),
          });
        }
      }
    return [...findings.values()];
  },
};
