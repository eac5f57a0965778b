import type { Message } from './message.js';

/**
 * What a report says besides its checks and findings, as data: the analysing layers pick a code and its
 * parameters, and report/words/ holds the words for each code (a test checks that every code has words,
 * and the JSON schemas list the codes). Nothing below cli/ and report/ writes these sentences.
 */

/** What a check rests on that the tool took as given (the caller, the SCPs, where the Region came from). */
export type AssumptionCode =
  | 'principal-placeholder'
  | 'role-session-name'
  | 'principal-arn-path'
  | 'caller-signs-itself'
  | 'no-scps-given'
  | 'scps-attached-to-account'
  | 'snapshot-no-scp-chain'
  | 'scp-chain-replaced'
  | 'management-account'
  | 'service-linked-role-no-scps'
  | 'role-tags'
  | 'managed-policy-extract'
  | 'region-from'
  | 'message-region-from'
  | 'iac-account-unknown'
  | 'iac-scps-full-access'
  | 'guardrail-in-region'
  | 'api-key-auth';

/** A limitation or remark that does not change the verdict. */
export type NoteCode =
  | ExpansionNoteCode
  | 'expansion-warning'
  | 'input-warning'
  | 'context-override'
  | 'denial-depends-on-guess'
  | 'statement-undecided'
  | 'service-linked-role-scps-ignored'
  | 'session-policies-ignored'
  | 'federated-user-without-session-policy'
  | 'root-user'
  | 'identity-policies-left-out'
  | 'iac-no-principals'
  | 'diff-catalog-dates'
  | 'diff-tool-versions'
  | 'diff-extract-dates'
  | 'diff-assumed-only'
  | 'diff-only-in'
  | 'diff-call-option'
  | 'live-no-organization'
  | 'live-management-account'
  | 'org-account-inactive'
  | 'org-account-unscanned'
  | 'org-shards-missing'
  | 'org-accounts-missing'
  | 'model-access-other-region'
  | 'model-access-read'
  | 'guardrail-identifier-unknown'
  | 'operation-authorized-as'
  | 'service-tier-set'
  | 'api-key-mantle-only'
  | 'vpc-endpoint-route'
  | 'vpc-endpoints-checked'
  | 'vpc-endpoints-checked-call';

/** What the requests of a model id rest on (bedrock/expand*). */
type ExpansionNoteCode =
  | 'direct-call'
  | 'profile-arn-key-undocumented'
  | 'global-profile-region-less'
  | 'destinations-from-catalog'
  | 'destinations-given'
  | 'destinations-listed'
  | 'geographic-profile-every-region'
  | 'routed-models-evaluated'
  | 'marketplace-endpoint-resource'
  | 'custom-model-resource'
  | 'own-arn-only';

/** What could not be evaluated: any entry makes a check at best incomplete. */
export type UnresolvedCode =
  | 'expansion-problem'
  | 'other-account'
  | 'profile-not-listed'
  | 'model-access-not-read'
  | 'model-access-unknown'
  | 'model-access-pending'
  | 'model-access-subscribe-conditional'
  | 'context-override-what-if'
  | 'model-not-trusted'
  | 'unresolved-policy'
  | 'principal-unresolved-policy'
  | 'depends-on-guess'
  | 'expansion-incomplete'
  | 'guardrail-other-region'
  | 'guardrail-other-account'
  | 'api-key-long-term-not-user';

/** What a possible denial depends on besides request context. */
export type DependsOnCode = 'caller-account' | 'account-guess' | 'scps-placement';

export type Assumption = Message<AssumptionCode>;
export type Note = Message<NoteCode>;
export type Unresolved = Message<UnresolvedCode>;
export type DependsOn = Message<DependsOnCode>;

/** A report's messages of one kind, each once, in the order first given. */
export function uniqueMessages<M extends Message>(messages: readonly M[]): M[] {
  const seen = new Set<string>();
  const unique: M[] = [];
  for (const message of messages) {
    const key = messageKey(message);
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(message);
  }
  return unique;
}

/** One string per distinct message (code and parameters, keys sorted), to compare or deduplicate them. */
export function messageKey(message: Message): string {
  const params = Object.keys(message.params)
    .sort()
    .map((key) => [key, message.params[key]]);
  return JSON.stringify([message.code, params]);
}
