import { dependsOnHint, message, type IacCell, type IacExpectation, type MessageParams } from '../../../model/index.js';
import { principalMatches, unmatchedPrincipal } from '../cells.js';
import type { IacRule, IacRuleFinding, IacRuleInput } from '../rule.js';

/**
 * `expect:` of .policy-check.yml: each principal × model × Region the entry names must be decided as it
 * says. A conditional or incomplete cell does not meet "allowed" (it may be denied), and may meet
 * "denied" only as a warning (it may be allowed). Reported at the line that declares the principal.
 */
export const expectationRule: IacRule = {
  id: 'expectation',
  title: 'Access differs from the expectation',
  finds:
    'a principal × model × Region of `expect:` decided otherwise: `expected allowed, is denied: <the AWS error>`, at the line that declares the principal',
  severity: 'error',
  securitySeverity: '8.0',
  tags: ['security', 'iam', 'bedrock'],
  help: 'A principal named in `expect:` of `.policy-check.yml` is not decided as expected for a model. The message gives the verdict and the error AWS would return; change the policies, or the expectation if the intent changed.',
  helpUri: 'https://docs.aws.amazon.com/bedrock/latest/userguide/security_iam_id-based-policy-examples.html',
  findings(input: IacRuleInput): IacRuleFinding[] {
    const findings: IacRuleFinding[] = [];
    const region = input.matrices[0]?.region;
    for (const expectation of input.config.expect) {
      const principals = input.accounts.principals.filter((principal) =>
        principalMatches(expectation.principal, principal),
      );
      if (principals.length === 0) {
        findings.push(unmatchedPrincipal('expect', expectation.principal, expectation.span));
        continue;
      }
      for (const principal of principals)
        for (const model of expectation.models)
          for (const where of expectation.regions ?? (region ? [region] : [])) {
            const cell = input.cells.find(
              (entry) => entry.principal === principal.key && entry.model === model && entry.region === where,
            );
            const finding = cell ? compare(expectation, cell) : undefined;
            if (!finding) continue;
            findings.push({
              file: principal.declaredAt.file,
              line: principal.declaredAt.line,
              column: principal.declaredAt.column,
              address: principal.address,
              statement: `${model} in ${where}`,
              severity: finding.severity,
              message: message('expectation-not-met', {
                address: principal.address,
                model,
                region: where,
                ...finding.params,
                expectFile: expectation.span.file,
                expectLine: expectation.span.line,
              }),
            });
          }
    }
    return findings;
  },
};

/** How the cell misses the expectation (the message's params: the verdict, what it depends on, the AWS error). */
function compare(
  expectation: IacExpectation,
  cell: IacCell,
): { params: MessageParams; severity: 'error' | 'warning' } | undefined {
  const params = {
    expected: expectation.access,
    verdict: cell.verdict,
    dependsOn: (cell.dependsOn ?? []).map(dependsOnHint),
    exception: cell.predictedError?.exception ?? null,
    error: cell.predictedError?.message ?? null,
  };
  if (expectation.access === 'allowed') {
    if (cell.verdict === 'allowed' && !cell.predictedError) return undefined;
    return { severity: 'error', params };
  }
  // An allowed call that fails all the same (a model past its end of life) is not access.
  if (cell.verdict === 'denied' || (cell.verdict === 'allowed' && cell.predictedError)) return undefined;
  return { severity: cell.verdict === 'allowed' ? 'error' : 'warning', params };
}
