import { message, type Finding } from '../../model/index.js';
import type { Rule } from '../rules/rule.js';
import type { IacRule, IacRuleFinding } from './rule.js';

/**
 * An IaC rule made of a rule of the code check (`checkCode`: manifests, locks, Python and JavaScript/TypeScript
 * code): its title and help are the check rule's, its findings those the code check made for it, each at its
 * first location (the line to edit).
 */
export function codeCheckRule(
  rule: Pick<Rule, 'id' | 'title' | 'help' | 'helpUri'>,
  descriptor: Pick<IacRule, 'finds' | 'severity' | 'securitySeverity' | 'tags'>,
): IacRule {
  return {
    id: rule.id as IacRule['id'],
    title: rule.title,
    help: rule.help,
    helpUri: rule.helpUri,
    ...descriptor,
    findings: (input) => codeFindingsToIac(input.code.findings.filter((finding) => finding.rule === rule.id)),
  };
}

/**
 * Code findings as IaC findings: the message carries the finding's message and its first fix's as data, and the error
 * it predicts (report/words/iac-finding-words.ts words them). The fingerprint's statement is the title the code check
 * gives each finding in words (cli/code/run-code-check.ts; the package and version, or the call), numbered from the
 * second finding of that title in a file, so that it does not move when lines are added elsewhere: a fingerprint is
 * made in analysis/, which words nothing, and must stay what it was for suppressions and code scanning to hold.
 */
export function codeFindingsToIac(findings: readonly Finding[]): IacRuleFinding[] {
  const seen = new Map<string, number>();
  return findings.map((finding) => {
    // The code check puts every finding at the line it reads, first.
    const at = finding.locations[0]!;
    const key = `${at.file}\u0000${finding.title}`;
    const nth = (seen.get(key) ?? 0) + 1;
    seen.set(key, nth);
    return {
      severity: finding.severity,
      file: at.file,
      line: at.line,
      column: at.column,
      ...(at.endLine !== undefined ? { endLine: at.endLine } : {}),
      statement: nth > 1 ? `${finding.title} #${nth}` : finding.title,
      // Messages as data inside a message's params (a param is a string): their JSON, as findingTitleHint carries one.
      message: message('code-check-finding', {
        finding: JSON.stringify(requiredMessage(finding)),
        exception: finding.predictedError?.exception ?? null,
        error: finding.predictedError?.message ?? null,
        fix: finding.fixes[0]?.message ? JSON.stringify(finding.fixes[0].message) : null,
      }),
    };
  });
}

/** The code check's rules (wrong-api, sdk-too-old) make every finding as data. */
function requiredMessage(finding: Finding): NonNullable<Finding['message']> {
  if (!finding.message) throw new Error(`the code check's ${finding.rule} finding has no message`);
  return finding.message;
}
