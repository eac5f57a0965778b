import { isNegated, parseOperator } from '../model/condition-operator.js';
import type { ConditionClause, RequestContext, Statement, Tri, UnknownValue } from '../model/index.js';
import { lookupKey } from '../model/index.js';
import type { CompiledClause } from './conditions/index.js';
import type { ResourcePattern } from './resource-pattern.js';
import { compilePattern, matchGlob } from './wildcard.js';

/*
 * Values an IaC source cannot know before deployment stand in a statement as placeholders
 * (model/policy.ts, `unknownPlaceholder`). Whatever such a value turns out to be, a `*` in its place matches
 * it: a pattern that misses even then misses for every value, and one that matches is undecided. So an
 * unknown value never grants on a guess, and never silently takes a Deny away.
 */

const REASON_WORDS: Readonly<Record<UnknownValue['reason'], string>> = {
  'computed-attribute': 'a computed attribute, known only after deployment',
  'variable-without-default': 'a variable without a default or value',
  'remote-module': 'an output of a module that is not read',
  'unsupported-expression': 'an expression policy-check does not evaluate',
  'import-value': 'a value imported from another stack',
  'plan-after-unknown': 'known only after apply',
};

/** The statement's unknown values that occur in `text`, in the statement's order. */
export function unknownsIn(statement: Statement, text: string): UnknownValue[] {
  const unknowns = statement.unknowns;
  if (unknowns === undefined || unknowns.length === 0 || !text.includes('\uffff')) return [];
  return unknowns.filter((unknown) => text.includes(unknown.placeholder));
}

/** The text as a reader shows it: each placeholder as the expression it stands for. */
function showUnknowns(text: string, unknowns: readonly UnknownValue[]): string {
  let shown = text;
  for (const unknown of unknowns) shown = shown.split(unknown.placeholder).join(`\${${unknown.expression}}`);
  return shown;
}

function unknownReason(subject: string, unknowns: readonly UnknownValue[]): string {
  const named = unknowns
    .map(
      (unknown) =>
        `${unknown.expression} (${unknown.span.file}:${unknown.span.line}) is ${REASON_WORDS[unknown.reason] ?? unknown.reason}`,
    )
    .join('; ');
  return `${subject} is not known before deployment: ${named}, so whether it matches is undecided`;
}

// A private-use character: where a policy text held one itself, it only widens the pattern further.
const UNKNOWN_MARK = '\uE000';

/** Each placeholder (and, for a resource, each policy variable) as `*`: the widest pattern any value can give. */
function widened(text: string, unknowns: readonly UnknownValue[], variables: boolean): string {
  let wide = text;
  for (const unknown of unknowns) wide = wide.split(unknown.placeholder).join(UNKNOWN_MARK);
  if (!variables) return wide.split(UNKNOWN_MARK).join('*');
  // Policy variables resolve to anything, also one an unknown value stands inside.
  wide = wide.replace(/\$\{[^}]*\}/g, '*');
  // An unknown value may close a variable the text opens before it ("${aws:…" + a value holding "}"), or open
  // one with the text beside it (a "$" before it, or a value ending in "$" before "{…}"): that stretch can be anything.
  wide = wide.replace(/\$\{[^}]*\uE000/g, '*').replace(/\$?\uE000(?:[^}]*\})?/g, '*');
  return wide.split(UNKNOWN_MARK).join('*');
}

/**
 * A Resource / NotResource entry with unknown values. It is matched as one case-insensitive wildcard over the
 * whole ARN: the unknown value may hold colons, and any ARN that the entry can match segment by segment with
 * some value is matched by this wider pattern, so `false` is sure.
 */
export function unknownResourcePattern(text: string, unknowns: readonly UnknownValue[]): ResourcePattern {
  const glob = compilePattern(widened(text, unknowns, true), true);
  return {
    text,
    undecided: unknownReason(`resource ${JSON.stringify(showUnknowns(text, unknowns))}`, unknowns),
    matches: (arn) => (matchGlob(glob, arn) ? 'unknown' : false),
  };
}

/**
 * Whether Action / NotAction covers `action` when some entries hold unknown values: known entries decide as
 * usual; otherwise an unknown entry that can match makes the answer 'unknown', with the reasons.
 */
export function unknownActionMatch(
  statement: Statement,
  action: string,
  matchesKnown: (pattern: string) => boolean,
): { readonly applies: Tri; readonly undecided: readonly string[] } {
  const patterns = statement.action ?? statement.notAction ?? [];
  const negated = statement.action === undefined;
  const undecided: string[] = [];
  for (const pattern of patterns) {
    const unknowns = unknownsIn(statement, pattern);
    if (unknowns.length === 0) {
      if (matchesKnown(pattern)) return { applies: !negated, undecided: [] };
      continue;
    }
    if (matchGlob(compilePattern(widened(pattern, unknowns, false), true), action))
      undecided.push(unknownReason(`action ${JSON.stringify(showUnknowns(pattern, unknowns))}`, unknowns));
  }
  if (undecided.length > 0) return { applies: 'unknown', undecided };
  return { applies: negated, undecided: [] };
}

/**
 * A condition clause whose key or some value is unknown. Values of one key are ORed (NOR for a negated
 * operator), so more values can only turn a positive operator from false to true and a negated one from true
 * to false: the known values alone decide when they already give that answer. An absent key decides whatever
 * the values are. Anything else is 'unknown'.
 */
export function unknownClause(
  clause: ConditionClause,
  unknowns: readonly UnknownValue[],
  compileKnown: (clause: ConditionClause) => CompiledClause,
): CompiledClause {
  const keyUnknowns = unknownsIn({ unknowns } as Statement, clause.key);
  const knownValues = clause.values.filter((value) => unknownsIn({ unknowns } as Statement, value).length === 0);
  const operator = parseOperator(clause.operator);
  const shown: ConditionClause = {
    ...clause,
    operator: showUnknowns(clause.operator, unknowns),
    key: showUnknowns(clause.key, unknowns),
    values: clause.values.map((value) => showUnknowns(value, unknowns)),
  };
  const used = unknowns.filter((unknown) =>
    [clause.operator, clause.key, ...clause.values].some((t) => t.includes(unknown.placeholder)),
  );
  const reason = unknownReason(
    `condition ${shown.operator} ${JSON.stringify(shown.key)}: ${JSON.stringify(shown.values)}`,
    used,
  );
  const known =
    keyUnknowns.length === 0 && knownValues.length > 0 && operator !== undefined && operator.base !== 'Null'
      ? compileKnown({ ...clause, values: knownValues })
      : undefined;
  const negated = operator !== undefined && isNegated(operator.base);
  const usable = known !== undefined && known.invalid === null ? known : undefined;
  const absent = (context: RequestContext): boolean => {
    const found = lookupKey(context, clause.key);
    return found.state === 'absent' || (found.state === 'present' && found.values.length === 0);
  };
  const evaluate = (context: RequestContext): Tri => {
    if (usable === undefined) return 'unknown';
    const answer = usable.evaluate(context);
    if (absent(context) || answer === !negated) return answer;
    return 'unknown';
  };
  return {
    clause,
    invalid: null,
    evaluate,
    substituted: () => shown,
    undecided(context) {
      if (usable !== undefined && absent(context)) return usable.undecided(context);
      return evaluate(context) === 'unknown' ? reason : undefined;
    },
  };
}
