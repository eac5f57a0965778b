import { classifyModel } from '../../../bedrock/index.js';
import {
  dependsOnHint,
  message,
  type IacCell,
  type IacConfig,
  type MessageParams,
  type ModelIdUse,
} from '../../../model/index.js';
import { principalMatches, unmatchedPrincipal } from '../cells.js';
import type { IacRule, IacRuleFinding, IacRuleInput } from '../rule.js';

/**
 * A model id or Bedrock ARN written in code that `code:` of .policy-check.yml maps to a principal, which that
 * principal cannot invoke in the Region: the call fails with the error AWS returns. Conditional or incomplete
 * access is a warning (it may be denied). Reported at the line of the model id in the code.
 */
export const codeModelAccessRule: IacRule = {
  id: 'code-model-access',
  title: 'Code calls a model the principal running it cannot invoke',
  finds:
    'a model id or Bedrock ARN in code that `code:` maps to a principal, which that principal cannot invoke in the Region: `cannot invoke <model> in <Region>: denied: <the AWS error>`, at the line of the id (conditional or incomplete access: a warning); a `code:` principal that matches no user or role',
  severity: 'error',
  securitySeverity: '7.0',
  tags: ['iam', 'bedrock', 'code'],
  help: 'Code that `code:` of `.policy-check.yml` says a principal runs names a model (or Bedrock ARN) the principal is not allowed to invoke in the Region; the message gives the verdict and the error AWS would return. Grant the model (with the destination-Region models of an inference profile), or call a model the principal may invoke.',
  helpUri: 'https://docs.aws.amazon.com/bedrock/latest/userguide/security_iam_id-based-policy-examples.html',
  findings(input: IacRuleInput): IacRuleFinding[] {
    const findings: IacRuleFinding[] = [];
    const region = input.matrices[0]?.region;
    const cells = new Map(
      input.cells
        .filter((cell) => cell.region === region)
        .map((cell) => [`${cell.principal}\u0000${cell.model}`, cell]),
    );
    for (const mapping of input.config.code) {
      const principals = input.accounts.principals.filter((principal) =>
        principalMatches(mapping.principal, principal),
      );
      if (principals.length === 0) {
        findings.push(unmatchedPrincipal('code', mapping.principal, mapping.span));
        continue;
      }
      const seen = new Map<string, number>();
      for (const use of mappedUses(mapping, input.code.modelIds, input.matchesPath))
        for (const principal of principals) {
          const cell = cells.get(`${principal.key}\u0000${use.id}`);
          // Every principal is checked against the ids mapped code calls; one without its cell is not known to work.
          const verdict = cell ? refusal(cell) : { severity: 'warning' as const, params: { verdict: null } };
          if (!verdict) continue;
          const key = `${use.file}\u0000${principal.key}\u0000${use.id}`;
          const nth = (seen.get(key) ?? 0) + 1;
          seen.set(key, nth);
          findings.push({
            file: use.file,
            line: use.line,
            column: use.column,
            severity: verdict.severity,
            address: principal.address,
            statement: nth > 1 ? `${use.id} #${nth}` : use.id,
            message: message('code-model-refused', {
              principal: principal.address,
              codeFile: mapping.span.file,
              codeLine: mapping.span.line,
              model: use.id,
              region: region ?? null,
              ...verdict.params,
            }),
          });
        }
    }
    return findings;
  },
};

/** The model ids and ARNs written in the code files a `code:` entry maps (ids that name no model are not calls). */
function mappedUses(
  mapping: IacConfig['code'][number],
  uses: readonly ModelIdUse[],
  matchesPath: IacRuleInput['matchesPath'],
): ModelIdUse[] {
  return uses.filter((use) => matchesPath(use.file, mapping.path) && classifyModel(use.id).kind !== 'unknown');
}

/** The model ids the principals of `code:` call: every principal is checked against them too. */
export function modelsCalledByMappedCode(
  config: IacConfig,
  uses: readonly ModelIdUse[],
  matchesPath: IacRuleInput['matchesPath'],
): string[] {
  return [...new Set(config.code.flatMap((mapping) => mappedUses(mapping, uses, matchesPath).map((use) => use.id)))];
}

/**
 * Why the principal's call fails (an error) or may fail (a warning), as the message's params (the verdict, what it
 * depends on, the AWS error); undefined when it is allowed and works.
 */
function refusal(cell: IacCell): { severity: 'error' | 'warning'; params: MessageParams } | undefined {
  const params = {
    verdict: cell.verdict,
    dependsOn: (cell.dependsOn ?? []).map(dependsOnHint),
    exception: cell.predictedError?.exception ?? null,
    error: cell.predictedError?.message ?? null,
  };
  if (cell.verdict === 'allowed') return cell.predictedError ? { severity: 'error', params } : undefined;
  if (cell.verdict === 'denied') return { severity: 'error', params };
  return { severity: 'warning', params };
}
