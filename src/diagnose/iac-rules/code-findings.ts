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
 * Code findings as IaC findings: the message is the finding's title, cause, the error it predicts and its
 * first fix, as the code check gives them in words (cli/code/run-code-check.ts renders its findings). The fingerprint's statement is the title (the package and version, or the call), numbered from
 * the second finding of that title in a file, so that it does not move when lines are added elsewhere.
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
      // The code check's findings arrive in words (its own front end words them): the message quotes them.
      message: message('code-check-finding', {
        title: finding.title ?? null,
        cause: finding.cause ?? null,
        exception: finding.predictedError?.exception ?? null,
        error: finding.predictedError?.message ?? null,
        fix: finding.fixes[0]?.summary ?? null,
      }),
    };
  });
}
