import { type MessageParam, type MessageParams, type PolicyType, policyTypeName } from '../../model/index.js';
import { list, text } from './words.js';

/*
 * What the words of the policy gates' findings and the fix planner's fixes share: places, clauses, and the
 * records the analysis passes as JSON strings (a clause, a statement, a requirement).
 */

/** "file:line (Sid X)", or "file:line". */
export function place(at: MessageParam | undefined, sid: MessageParam | undefined): string {
  return `${text(at)}${sid ? ` (Sid ${text(sid)})` : ''}`;
}

/** "NotIpAddress aws:SourceIp 203.0.113.0/24 and …": a statement's unresolved clauses as written. */
export function clausesText(clauses: MessageParam | undefined): string {
  const all = list(clauses);
  return all.length === 0 ? 'its match, which could not be fully evaluated, holds' : all.join(' and ');
}

/** Each entry of a list parameter read back as the record it was written from. */
export function records<T>(param: MessageParam | undefined): T[] {
  return list(param).map((entry) => JSON.parse(entry) as T);
}

export function gateName(p: MessageParams): string {
  return policyTypeName(p.policyType as PolicyType);
}

/** " at the ou-Sandbox level", or nothing. */
export function atLevel(level: MessageParam | undefined): string {
  return level ? ` at the ${text(level)} level` : '';
}
