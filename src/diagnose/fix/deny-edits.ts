import { isBearerTokenAction } from '../../bedrock/index.js';
import type { Request, Statement } from '../../model/index.js';
import { statementToJson, type StatementJson } from './statement-json.js';

const PROFILE_KEY = 'bedrock:inferenceprofilearn';
const WILDCARD = /[*?]|\$\{/;

export interface DenyEditCandidate {
  /** 'remove' deletes the statement; otherwise `statement` replaces it. */
  readonly kind: 'replace' | 'remove';
  readonly statement?: StatementJson;
  /** What the edit does, as data (a part of the fix message edit-deny, worded in report/words/). */
  readonly edit: DenyEdit;
}

/** One edit of a Deny: its kind, the statement's Sid, and the profiles exempted and ARNs left out, when any. */
interface DenyEdit {
  readonly edit: 'remove' | 'drop-arns' | 'exempt-profiles' | 'not-resource' | 'add-not-resource';
  readonly sid: string | null;
  readonly profiles?: readonly string[];
  readonly unrouted?: readonly string[];
}

const sorted = (values: Iterable<string>): string[] => [...new Set(values)].sort();
const profileOf = (request: Request): string | undefined => request.context.values.get(PROFILE_KEY)?.[0];
const ORDER = ['Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition'];
/** The members in the order policies are written (and statementToJson writes them). */
const canonical = (json: StatementJson): StatementJson =>
  Object.fromEntries(Object.entries(json).sort(([a], [b]) => ORDER.indexOf(a) - ORDER.indexOf(b)));
const oneOrMany = (values: readonly string[]): string | string[] => (values.length === 1 ? values[0]! : [...values]);

/**
 * Edits of an explicit Deny that stop it matching `targets`, smallest first. Each is only a
 * candidate: the caller re-evaluates and keeps the first that frees the targets and opens nothing else.
 * - drop Resource entries that name exactly a target ARN (no wildcard, so they cover nothing else);
 * - exempt the inference profiles the targets are routed through, with ArnNotEquals on
 *   bedrock:InferenceProfileArn (absent on every other request, where a negated operator is true,
 *   so the Deny still applies there — AWS's recommended SCP exemption); when the Deny also matches
 *   the profile's own ARN, that ARN is left out of its resources as well;
 * - a Deny on every resource becomes a Deny on every resource but the targets (NotResource).
 */
export function denyEditCandidates(statement: Statement, targets: readonly Request[]): DenyEditCandidate[] {
  // A Deny that matches an API-key call (bedrock:CallWithBearerToken on "*") is there to block API keys:
  // narrowing it would undo its purpose, so no edit is proposed (the finding says to sign the call instead).
  if (targets.some((target) => isBearerTokenAction(target.action))) return [];
  const candidates: DenyEditCandidate[] = [];
  const json = statementToJson(statement);
  const targetArns = new Set(targets.map((target) => target.resource));
  const sid = statement.sid ?? null;

  if (statement.resource) {
    const kept = statement.resource.filter((resource) => WILDCARD.test(resource) || !targetArns.has(resource));
    if (kept.length < statement.resource.length) {
      candidates.push(
        kept.length === 0
          ? { kind: 'remove', edit: { edit: 'remove', sid } }
          : {
              kind: 'replace',
              statement: { ...json, Resource: oneOrMany(kept) },
              edit: { edit: 'drop-arns', sid },
            },
      );
    }
  }

  const routed = targets.filter((target) => profileOf(target) !== undefined);
  if (routed.length > 0) {
    const profiles = sorted(routed.map((target) => profileOf(target)!));
    const condition = { ...((json.Condition ?? {}) as Record<string, Record<string, string | string[]>>) };
    const existing = condition.ArnNotEquals?.['bedrock:InferenceProfileArn'];
    const values = sorted([...([] as string[]).concat(existing ?? []), ...profiles]);
    condition.ArnNotEquals = { ...(condition.ArnNotEquals ?? {}), 'bedrock:InferenceProfileArn': oneOrMany(values) };
    const exempted = { ...json, Condition: condition };
    // The profile's own ARN is not known to carry the key: when the Deny matches it too, leave it out of the resources as well.
    const unrouted = sorted(
      targets.filter((target) => profileOf(target) === undefined).map((target) => target.resource),
    );
    if (unrouted.length === 0) {
      candidates.push({ kind: 'replace', statement: exempted, edit: { edit: 'exempt-profiles', sid, profiles } });
    } else {
      const narrowed = withoutResources(statement, exempted, unrouted);
      if (narrowed)
        candidates.push({
          kind: 'replace',
          statement: narrowed,
          edit: { edit: 'exempt-profiles', sid, profiles, unrouted },
        });
    }
  }

  if (statement.resource?.includes('*')) {
    const { Resource: _dropped, ...rest } = json;
    candidates.push({
      kind: 'replace',
      statement: canonical({ ...rest, NotResource: oneOrMany(sorted(targetArns)) }),
      edit: { edit: 'not-resource', sid },
    });
  } else if (statement.notResource) {
    candidates.push({
      kind: 'replace',
      statement: { ...json, NotResource: oneOrMany(sorted([...statement.notResource, ...targetArns])) },
      edit: { edit: 'add-not-resource', sid },
    });
  }
  return candidates;
}

/** The statement (as `json`) without `arns` among its resources, when its resource list allows that. */
function withoutResources(
  statement: Statement,
  json: StatementJson,
  arns: readonly string[],
): StatementJson | undefined {
  if (statement.resource?.includes('*')) {
    const { Resource: _dropped, ...rest } = json;
    return canonical({ ...rest, NotResource: oneOrMany(arns) });
  }
  if (statement.resource) {
    const kept = statement.resource.filter((resource) => !arns.includes(resource));
    return kept.length + arns.length === statement.resource.length && kept.length > 0
      ? { ...json, Resource: oneOrMany(kept) }
      : undefined;
  }
  if (statement.notResource) return { ...json, NotResource: oneOrMany(sorted([...statement.notResource, ...arns])) };
  return undefined;
}
