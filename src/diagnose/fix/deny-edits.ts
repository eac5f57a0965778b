import type { Request, Statement } from '../../model/index.js';
import { statementToJson, type StatementJson } from './statement-json.js';

const PROFILE_KEY = 'bedrock:inferenceprofilearn';
const WILDCARD = /[*?]|\$\{/;

export interface DenyEditCandidate {
  /** 'remove' deletes the statement; otherwise `statement` replaces it. */
  readonly kind: 'replace' | 'remove';
  readonly statement?: StatementJson;
  readonly summary: string;
}

const sorted = (values: Iterable<string>): string[] => [...new Set(values)].sort();
const oneOrMany = (values: readonly string[]): string | string[] => (values.length === 1 ? values[0]! : [...values]);

/**
 * Edits of an explicit Deny that stop it matching `targets`, smallest first. Each is only a
 * candidate: the caller re-evaluates and keeps the first that frees the targets and opens nothing else.
 * - drop Resource entries that name exactly a target ARN (no wildcard, so they cover nothing else);
 * - exempt the inference profiles the targets are routed through, with ArnNotEquals on
 *   bedrock:InferenceProfileArn (absent on every other request, where a negated operator is true,
 *   so the Deny still applies there — AWS's recommended SCP exemption);
 * - a Deny on every resource becomes a Deny on every resource but the targets (NotResource).
 */
export function denyEditCandidates(statement: Statement, targets: readonly Request[]): DenyEditCandidate[] {
  const candidates: DenyEditCandidate[] = [];
  const json = statementToJson(statement);
  const targetArns = new Set(targets.map((target) => target.resource));
  const label = statement.sid ? `Deny statement "${statement.sid}"` : `the Deny statement`;

  if (statement.resource) {
    const kept = statement.resource.filter((resource) => WILDCARD.test(resource) || !targetArns.has(resource));
    if (kept.length < statement.resource.length) {
      candidates.push(
        kept.length === 0
          ? { kind: 'remove', summary: `remove ${label}: it names only the ARNs being invoked` }
          : { kind: 'replace', statement: { ...json, Resource: oneOrMany(kept) }, summary: `drop the invoked ARNs from the Resource list of ${label}` },
      );
    }
  }

  const profiles = targets.map((target) => target.context.values.get(PROFILE_KEY)?.[0]);
  if (profiles.every((profile) => profile !== undefined)) {
    const condition = { ...((json.Condition ?? {}) as Record<string, Record<string, string | string[]>>) };
    const existing = condition.ArnNotEquals?.['bedrock:InferenceProfileArn'];
    const values = sorted([...([] as string[]).concat(existing ?? []), ...(profiles as string[])]);
    condition.ArnNotEquals = { ...(condition.ArnNotEquals ?? {}), 'bedrock:InferenceProfileArn': oneOrMany(values) };
    candidates.push({
      kind: 'replace',
      statement: { ...json, Condition: condition },
      summary: `exempt calls routed through ${oneOrMany(sorted(profiles as string[]))} from ${label} (ArnNotEquals on bedrock:InferenceProfileArn)`,
    });
  }

  if (statement.resource?.includes('*')) {
    const { Resource: _dropped, ...rest } = json;
    candidates.push({
      kind: 'replace',
      statement: { ...rest, NotResource: oneOrMany(sorted(targetArns)) },
      summary: `make ${label} apply to every resource except the invoked ARNs (NotResource)`,
    });
  } else if (statement.notResource) {
    candidates.push({
      kind: 'replace',
      statement: { ...json, NotResource: oneOrMany(sorted([...statement.notResource, ...targetArns])) },
      summary: `add the invoked ARNs to the NotResource list of ${label}`,
    });
  }
  return candidates;
}
