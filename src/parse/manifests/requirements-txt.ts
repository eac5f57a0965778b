import type { InputIssue, PackageRequirement } from '../../model/index.js';
import { pep440Constraint } from './version-specs.js';
import { pypiName } from './package-names.js';

export interface RequirementsFile {
  readonly requirements: readonly PackageRequirement[];
  /** Files named by `-r`/`-c` (paths as written, relative to the including file's folder), with their lines. */
  readonly includes: readonly { readonly path: string; readonly line: number }[];
  readonly issues: readonly InputIssue[];
}

// PEP 508: a name, optional [extras], then a version specifier (optionally in parentheses) or `@ url`,
// then an optional `; marker`.
const REQUIREMENT =
  /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[[^\]]*\])?\s*(@\s*\S+|\(?[^;@()]*\)?)?\s*(?:;\s*(.*))?$/;
const INCLUDE = /^(?:-r|--requirement|-c|--constraint)(?:\s*=\s*|\s+)(\S+)$/;

/**
 * A pip requirements file (https://pip.pypa.io/en/stable/reference/requirements-file-format/): one requirement
 * per logical line (a trailing backslash continues it), `#` comments, `-r`/`-c` includes; other options
 * (`-e`, `--index-url`, `--hash`) name no version of a package from an index and are passed over.
 */
export function readRequirementsTxt(file: string, text: string): RequirementsFile {
  const requirements: PackageRequirement[] = [];
  const includes: { path: string; line: number }[] = [];
  const issues: InputIssue[] = [];
  for (const { line, column, content } of logicalLines(text)) {
    const include = INCLUDE.exec(content);
    if (include) {
      includes.push({ path: include[1]!, line });
      continue;
    }
    if (content.startsWith('-')) continue;
    const withoutOptions = content.replace(/\s--\S+(?:\s*=\s*|\s+)?\S*/g, '').trim();
    const match = REQUIREMENT.exec(withoutOptions);
    if (!match) {
      if (/^[a-z]+\+?[a-z]*:\/\//i.test(withoutOptions) || withoutOptions.startsWith('.')) continue;
      issues.push({
        severity: 'warning',
        file,
        line,
        column: 1,
        code: 'requirement-syntax',
        message: `not a PEP 508 requirement: ${withoutOptions}`,
      });
      continue;
    }
    const [, name, version = '', marker] = match;
    const url = version.startsWith('@');
    const spec = url ? version : version.replace(/^\(|\)$/g, '').trim();
    const constraint = url ? { kind: 'range' as const, lowest: null } : pep440Constraint(spec);
    requirements.push({
      ecosystem: 'pypi',
      name: pypiName(name!),
      spec: spec === '' ? '(any version)' : spec,
      ...constraint,
      ...(marker ? { marker: marker.trim() } : {}),
      at: { file, line, column },
    });
  }
  return { requirements, includes, issues };
}

interface LogicalLine {
  readonly line: number;
  readonly column: number;
  readonly content: string;
}

/** Lines joined across trailing backslashes, comments removed, each with the line it starts on. */
function logicalLines(text: string): LogicalLine[] {
  const result: LogicalLine[] = [];
  const lines = text.split(/\r\n|\n|\r/);
  let pending: LogicalLine | undefined;
  lines.forEach((raw, index) => {
    const continued = raw.endsWith('\\');
    const body = (continued ? raw.slice(0, -1) : raw).replace(/(^|\s)#.*$/, '');
    pending = pending
      ? { ...pending, content: `${pending.content} ${body}` }
      : { line: index + 1, column: Math.max(1, body.search(/\S/) + 1), content: body };
    if (continued) return;
    const content = pending.content.trim();
    if (content !== '') result.push({ ...pending, content });
    pending = undefined;
  });
  if (pending && pending.content.trim() !== '') result.push({ ...pending, content: pending.content.trim() });
  return result;
}
