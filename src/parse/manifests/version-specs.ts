import { inc, satisfies as pep440Satisfies, valid as pep440Valid, validRange, compare } from '@renovatebot/pep440';
import semver from 'semver';
import type { PackageRequirement } from '../../model/index.js';

type Constraint = Pick<PackageRequirement, 'kind' | 'lowest'>;

const PEP440_OPERATOR = /^\s*(===|==|~=|!=|<=|>=|<|>)\s*(\S+?)\s*$/;

/**
 * A PEP 440 specifier set (`>=1.20,<2`, `~=1.28.0`, `==1.26.*`) read as a constraint: exact when its only
 * clause pins one version, else the lowest version it admits. The lowest version is found among the
 * versions the clauses name (and the release after each, for `>`), compared by the PEP 440 library.
 */
export function pep440Constraint(spec: string): Constraint {
  const trimmed = spec.trim();
  if (trimmed === '') return { kind: 'range', lowest: '0' };
  if (!validRange(trimmed)) return { kind: 'range', lowest: null };
  const clauses = trimmed.split(',').map((clause) => PEP440_OPERATOR.exec(clause));
  const only = clauses.length === 1 ? clauses[0] : undefined;
  if (only && (only[1] === '===' || (only[1] === '==' && !only[2]!.endsWith('.*')))) {
    return { kind: 'exact', lowest: pep440Valid(only[2]!) ?? only[2]! };
  }
  const candidates = ['0'];
  for (const clause of clauses) {
    const version = clause?.[2]?.replace(/\.\*$/, '');
    if (!version || !pep440Valid(version)) continue;
    candidates.push(version);
    const next = inc(version, 'patch');
    if (next) candidates.push(next);
  }
  candidates.sort(compare);
  return { kind: 'range', lowest: candidates.find((version) => pep440Satisfies(version, trimmed)) ?? null };
}

/**
 * A Poetry constraint (`^1.26`, `~1.26`, `1.26.0`, `>=1.2 <2`, `a || b`) as PEP 440: caret and tilde
 * become their documented bounds (https://python-poetry.org/docs/dependency-specification/), a bare
 * version pins it.
 */
export function poetryConstraint(spec: string): Constraint {
  const alternatives = spec.split('||').map((alternative) => poetryAlternative(alternative.trim()));
  if (alternatives.length === 1) return alternatives[0]!;
  const lowests = alternatives.map((alternative) => alternative.lowest);
  if (lowests.some((lowest) => lowest === null)) return { kind: 'range', lowest: null };
  return { kind: 'range', lowest: [...(lowests as string[])].sort(compare)[0] ?? null };
}

function poetryAlternative(spec: string): Constraint {
  if (spec === '' || spec === '*') return { kind: 'range', lowest: '0' };
  const clauses = spec
    .split(/\s*,\s*|\s+(?=[<>=!~^])/)
    .filter((clause) => clause !== '')
    .map(poetryClause);
  if (clauses.some((clause) => clause === null)) return { kind: 'range', lowest: null };
  if (clauses.length === 1 && /^\d/.test(spec.trim()) && !spec.includes('*')) {
    return pep440Constraint(`==${spec.trim()}`);
  }
  return pep440Constraint((clauses as string[]).join(','));
}

function poetryClause(clause: string): string | null {
  const caret = /^\^\s*(\S+)$/.exec(clause);
  if (caret) return boundedBy(caret[1]!, caretUpperPart(caret[1]!));
  const tilde = /^~(?!=)\s*(\S+)$/.exec(clause);
  if (tilde) return boundedBy(tilde[1]!, tilde[1]!.split('.').length >= 2 ? 'minor' : 'major');
  if (/^\d/.test(clause)) return `==${clause}`;
  return clause;
}

function caretUpperPart(version: string): 'major' | 'minor' | 'patch' {
  const [major = '0', minor = '0'] = version.split('.');
  if (Number(major) > 0 || version.split('.').length === 1) return 'major';
  if (Number(minor) > 0 || version.split('.').length === 2) return 'minor';
  return 'patch';
}

function boundedBy(version: string, part: 'major' | 'minor' | 'patch'): string | null {
  if (!pep440Valid(version)) return null;
  const upper = inc(version, part);
  return upper ? `>=${version},<${upper}` : `>=${version}`;
}

/**
 * An npm dependency spec (`^3.400.0`, `~3.5`, `3.587.0`, `>=3 <4`, `*`) read with semver: exact for one
 * version, else the range's lowest version. Tags, URLs, git, file: and workspace: specs name no version.
 */
export function npmConstraint(spec: string): Constraint {
  const trimmed = spec.trim();
  const exact = semver.valid(trimmed);
  if (exact) return { kind: 'exact', lowest: exact };
  if (semver.validRange(trimmed) === null) return { kind: 'range', lowest: null };
  return { kind: 'range', lowest: semver.minVersion(trimmed)?.version ?? null };
}
