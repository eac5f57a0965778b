// The bench's consistency check: check() (and its evaluation half) must reach, for every request, the
// decision the engine pass reaches — or differ for a reason check() has on purpose. Every difference is
// put in a class; "unexplained" is a defect (in check(), the engine or the bench) and fails the bench.
//
// The engine pass evaluates the request AWS would see; check() builds its own from what it is given.
// For a difference, the engine also decides check()'s own request: when that agrees with check(), the
// difference lies in what check() was not told, else in what check() does after the engine.

/** Why check() may decide a request otherwise than the engine pass. */
export const MISMATCH_CLASSES = {
  'session-role-path': {
    deliberate: true,
    reason:
      "the caller is named by its sts session ARN, which hides the role's path, part of aws:PrincipalArn: check() does not rest a decision on it (conditional, or a denial whose possible outcomes include the engine's)",
  },
  'account-guess': {
    deliberate: true,
    reason:
      "no principal given: check() re-evaluates the placeholder account's request with another account and reports conditional when the two differ (analysis/ambiguity.ts)",
  },
  unexplained: {
    deliberate: false,
    reason: 'no known cause: a defect in check(), the engine or the bench (see the examples)',
  },
};

const EXAMPLES = 5;

export function makeConsistency() {
  return {
    comparedChecks: 0,
    mismatches: 0,
    firstMismatchAt: null,
    counts: {},
    /** Per class: how often each (engine decision → check() decision) occurs. */
    pairs: {},
    unexplainedAllowedByCheck: 0,
    unexplainedExamples: [],
  };
}

/**
 * Compares one call's decisions with the engine pass's and classifies each difference.
 * `call`: { at (index of its first check), principal (ARN), model, entries: [{ action, resource, decision,
 * possibleOutcomes }], unresolved, placeholder (no principal given), rolePathHidden (the engine pass knows
 * the role path the ARN given to check() hides), engineOnOwnRequest(k) (the engine's decision of check()'s
 * own request for entries[k]) }; `engineDecisions[k]` is the engine pass's decision of entries[k].
 */
export function compareCall(consistency, call, engineDecisions) {
  consistency.comparedChecks += call.entries.length;
  call.entries.forEach((entry, k) => {
    const engine = engineDecisions[k];
    if (entry.decision === engine) return;
    consistency.mismatches++;
    consistency.firstMismatchAt ??= call.at + k;
    const kind = classify(call, entry, engine, () => call.engineOnOwnRequest(k));
    consistency.counts[kind] = (consistency.counts[kind] ?? 0) + 1;
    consistency.pairs[kind] ??= {};
    const pairs = consistency.pairs[kind];
    const pair = `${engine} → ${entry.decision}`;
    pairs[pair] = (pairs[pair] ?? 0) + 1;
    if (kind === 'unexplained' && consistency.unexplainedExamples.length < EXAMPLES)
      consistency.unexplainedExamples.push({
        at: call.at + k,
        principal: call.principal,
        model: call.model,
        action: entry.action,
        resource: entry.resource,
        engine,
        check: entry.decision,
      });
    // The worst case: check() says allowed where the engine does not.
    if (kind === 'unexplained' && entry.decision === 'allowed') consistency.unexplainedAllowedByCheck++;
  });
}

function classify(call, entry, engine, engineOnOwnRequest) {
  if (engineOnOwnRequest() === entry.decision) {
    // The requests differ: the engine pass knows the role's path, check() was given a session ARN.
    return call.rolePathHidden && failsClosed(entry, engine) ? 'session-role-path' : 'unexplained';
  }
  // ambiguity.ts adds "<action> on <resource>: <reason>" to the unresolved list when it gives up on a guess.
  if (
    call.placeholder &&
    entry.decision === 'conditional' &&
    call.unresolved.some((line) => line.startsWith(`${entry.action} on ${entry.resource}: `))
  )
    return 'account-guess';
  return 'unexplained';
}

/** Less precise than the engine but never wrong: undecided, or denied with the engine's decision as one possible outcome. */
function failsClosed(entry, engine) {
  if (entry.decision === 'conditional') return true;
  if (entry.decision === 'allowed') return false;
  return entry.decision === engine || (entry.possibleOutcomes ?? []).some((outcome) => outcome.decision === engine);
}

/** The summary for results.json: counts per class, each with whether it is deliberate and why. */
export function consistencyResult(consistency) {
  const classes = {};
  for (const [kind, count] of Object.entries(consistency.counts).sort(([a], [b]) => a.localeCompare(b)))
    classes[kind] = { count, ...MISMATCH_CLASSES[kind], engineToCheck: sortedCounts(consistency.pairs[kind]) };
  const unexplained = consistency.counts.unexplained ?? 0;
  return {
    comparedChecks: consistency.comparedChecks,
    mismatches: consistency.mismatches,
    unexplained,
    unexplainedAllowedByCheck: consistency.unexplainedAllowedByCheck,
    firstMismatchAt: consistency.firstMismatchAt,
    classes,
    ...(unexplained ? { unexplainedExamples: consistency.unexplainedExamples } : {}),
  };
}

function sortedCounts(counts) {
  return Object.fromEntries(Object.entries(counts).sort(([a, x], [b, y]) => y - x || a.localeCompare(b)));
}

/** The summary's lines for the console: agreement, then one line per class, then the unexplained examples. */
export function agreementLines(agreement, fmt) {
  if (agreement.comparedChecks === 0) return [];
  const agreeing = agreement.comparedChecks - agreement.mismatches;
  const lines = [
    `agrees with the engine pass: ${fmt(agreeing)}/${fmt(agreement.comparedChecks)} decisions; ` +
      `${fmt(agreement.mismatches)} differ, ${fmt(agreement.unexplained)} unexplained`,
  ];
  for (const [kind, { count, deliberate, reason, engineToCheck }] of Object.entries(agreement.classes)) {
    lines.push(`  ${deliberate ? `${kind} (deliberate)` : 'UNEXPLAINED'} ×${fmt(count)}: ${reason}`);
    lines.push(
      `    engine → check(): ${Object.entries(engineToCheck)
        .map(([pair, n]) => `${pair} ×${fmt(n)}`)
        .join(', ')}`,
    );
  }
  if (agreement.unexplainedAllowedByCheck > 0)
    lines.push(
      `  of which check() says allowed where the engine does not: ${fmt(agreement.unexplainedAllowedByCheck)}`,
    );
  for (const x of agreement.unexplainedExamples ?? [])
    lines.push(
      `  e.g. check #${x.at}: ${x.principal} × ${x.model}: ${x.action} on ${x.resource}: engine ${x.engine}, check() ${x.check}`,
    );
  return lines;
}
