// Pure formatters for `policy-check explain` (text for people, JSON per schemas/explain.schema.json).
import type { ExplainReport as ExplainReportData } from '../analysis/explain-report.js';
import { policyTypeName, type ReportStatement } from '../model/index.js';
import { renderExplainHints } from './cli-hints.js';
import { outcomeConditions, outcomeDenial } from './possible-outcomes.js';
import { checkJson } from './words/message-lists.js';
import type { ExplainReport } from './words/worded-reports.js';
import { callOptionPhrases } from './call-options-text.js';

/** Messages in words, and beside them as data (`…Codes`), as in the check report. */
export function formatExplainJson(report: ExplainReportData): string {
  const rendered = renderExplainHints(report);
  const reproduction = report.reproduction;
  const json =
    reproduction && rendered.reproduction
      ? {
          ...rendered,
          reproduction: {
            ...rendered.reproduction,
            check: reproduction.check ? checkJson(reproduction.check, renderExplainHints) : null,
            ...(reproduction.outcome?.dependsOn
              ? { outcome: { ...rendered.reproduction.outcome, dependsOnCode: reproduction.outcome.dependsOn } }
              : {}),
            unresolvedCodes: reproduction.unresolved,
            assumptionCodes: reproduction.assumptions,
            noteCodes: reproduction.notes,
          },
        }
      : rendered;
  return `${JSON.stringify(json, null, 2)}\n`;
}

/** Plain text for people, verdict first. */
export function formatExplainText(unrendered: ExplainReportData): string {
  const report = renderExplainHints(unrendered);
  const { explanation: e, reproduction: r } = report;
  const lines: string[] = [headline(report)];

  lines.push('', 'Error');
  const row = (label: string, value: string | null): void => {
    if (value !== null && value !== '') lines.push(`  ${label.padEnd(10)} ${value}`);
  };
  const origin = [
    e.exception ?? (e.documentedException ? `${e.documentedException} (documented code for this text)` : null),
    e.httpStatus !== null ? `HTTP ${e.httpStatus}` : null,
    e.operation ? `on ${e.operation}` : null,
    e.client ? `printed by ${e.client}` : null,
  ].filter((part): part is string => part !== null);
  row('exception', origin.length > 0 ? origin.join(', ') : null);
  row('message', e.message);
  row('principal', e.fields.principal);
  row('action', e.fields.action);
  row('resource', e.fields.resource);
  if (e.fields.policyType) {
    const how = e.fields.denial === 'explicit' ? 'explicit deny in' : 'no allow in';
    const label = policyTypeName(e.fields.policyType);
    const article = e.fields.denial === 'explicit' ? (e.fields.policyType === 'identity' ? 'an ' : 'a ') : 'the ';
    row('policy', `${how} ${article}${label}${e.fields.policyArn ? `: ${e.fields.policyArn}` : ''}`);
  }
  row(
    'model',
    e.fields.modelId === null ? null : `${e.fields.modelId}${e.fields.region ? ` (${e.fields.region})` : ''}`,
  );
  row('detail', e.fields.detail);
  row('request', e.requestId);
  row('unknown', unknownFields(report));
  if (e.truncated) row('note', 'the text is cut off; fields it does not show are unknown');

  lines.push('', 'Cause', `  ${e.cause}`, '', 'Fix');
  lines.push(...e.steps.map((step, index) => `  ${index + 1}. ${step}`));
  if (e.helpUri) lines.push('', `See ${e.helpUri}`);

  if (r) {
    lines.push('', 'Re-evaluation');
    if (r.evaluated) {
      const who =
        r.evaluated.principalFrom === 'placeholder' ? `${r.evaluated.principal} (placeholder)` : r.evaluated.principal;
      lines.push(`  evaluated  ${r.evaluated.action} for ${r.evaluated.model} in ${r.evaluated.region} as ${who}`);
      const call = callOptionPhrases(r.evaluated);
      if (call.length > 0) lines.push(`  call       ${call.join(', ')}`);
    }
    lines.push(`  result     ${r.status}: ${r.reason}`);
    if (r.check?.possibleOutcomes) {
      // Which denial AWS reports depends on unknown context: the matching one with its condition, or each.
      for (const outcome of r.outcome ? [r.outcome] : r.check.possibleOutcomes) {
        const when = `${outcome.when.length === 0 ? '' : 'if '}${outcomeConditions(outcome).join(', and ')}`;
        lines.push(`  decision   ${outcomeDenial(outcome)}, ${when}`);
        if (!r.outcome) lines.push(`             ${outcome.message}`);
      }
    } else if (r.check) {
      lines.push(
        `  decision   ${r.check.decision}${r.check.deniedBy ? ` by the ${policyTypeName(r.check.deniedBy)}` : ''}${r.check.deniedAtLevel ? ` (${r.check.deniedAtLevel})` : ''}`,
      );
    }
    if (r.predictedMessage !== null && !r.sameText) lines.push(`  AWS would return: ${r.predictedMessage}`);
    for (const statement of r.statements) lines.push(`  ${statementLine(statement)}`);
    const denial = r.outcome ?? (r.check?.possibleOutcomes ? undefined : r.check);
    if (r.check && denial && denial.decision === 'implicit-deny' && denial.deniedBy) {
      lines.push(
        `  no statement in the ${policyTypeName(denial.deniedBy)} allows ${r.check.action} on ${r.check.resource}`,
      );
    }
    for (const finding of r.findings) {
      lines.push(`  finding    [${finding.rule}] ${finding.title}`);
      for (const fix of finding.fixes)
        lines.push(
          `    fix: ${fix.summary}${fix.verification.verified && fix.kind !== 'instructions' ? ' (verified)' : ''}`,
        );
    }
    for (const item of r.unresolved) lines.push(`  unresolved ${item}`);
    for (const item of r.assumptions) lines.push(`  assumed    ${item}`);
    for (const item of r.notes) lines.push(`  note       ${item}`);
  }
  return `${lines.join('\n')}\n`;
}

/** For an AccessDenied text: which of principal, action, resource it does not show (a fragment), so they are not guessed. */
function unknownFields(report: ExplainReport): string | null {
  const { explanation: e } = report;
  const accessDenied = e.fields.policyType !== null || (e.signature?.startsWith('other/access-denied') ?? false);
  if (!accessDenied) return null;
  const missing = (['principal', 'action', 'resource'] as const).filter((name) => e.fields[name] === null);
  return missing.length > 0 ? `${missing.join(', ')} (not in the text)` : null;
}

function headline(report: ExplainReport): string {
  const { explanation: e, reproduction: r } = report;
  const what = `${e.title}${e.rule ? ` [${e.rule}]` : ''}`;
  switch (report.verdict) {
    case 'unrecognised':
      return `unrecognised: ${e.title}`;
    case 'explained':
      return `explained: ${what}`;
    case 'reproduced':
      return `reproduced: ${what} — the policies give exactly this error`;
    case 'not-reproduced':
      return `not reproduced: ${what} — ${r?.reason ?? ''}`;
  }
}

function statementLine(statement: ReportStatement): string {
  const sid = statement.sid === null ? '(no Sid)' : `Sid ${statement.sid}`;
  const where = statement.level ? ` at ${statement.level}` : '';
  const at = statement.builtIn ? 'built in' : `${statement.file}:${statement.line}`;
  return `${statement.effect.padEnd(5)} ${at}  ${sid}  (${policyTypeName(statement.policyType)} ${statement.policyName}${where})`;
}
