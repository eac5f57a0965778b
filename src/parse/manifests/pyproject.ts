import type { PackageRequirement } from '../../model/index.js';
import type { ManifestRead } from './package-names.js';
import { pypiName } from './package-names.js';
import { readRequirementsTxt } from './requirements-txt.js';
import { parseTomlDocument, type TomlDocument } from './toml-document.js';
import { poetryConstraint } from './version-specs.js';

/**
 * pyproject.toml: PEP 621 `[project]` dependencies and optional-dependencies, PEP 735 `[dependency-groups]`
 * (each a PEP 508 string), and Poetry's `[tool.poetry.dependencies]`, `dev-dependencies` and
 * `group.<name>.dependencies` (a constraint string, a table with `version`, or an array of such tables).
 */
export function readPyproject(file: string, text: string): ManifestRead {
  const { document, issues } = parseTomlDocument(file, text);
  if (!document) return { requirements: [], issues };
  const value = document.value;
  const project = asTable(value.project);
  const requirements: PackageRequirement[] = [
    ...pep508List(document, 'project', 'dependencies', project?.dependencies),
    ...Object.entries(asTable(project?.['optional-dependencies']) ?? {}).flatMap(([group, list]) =>
      pep508List(document, 'project.optional-dependencies', group, list),
    ),
    ...Object.entries(asTable(value['dependency-groups']) ?? {}).flatMap(([group, list]) =>
      pep508List(document, 'dependency-groups', group, list),
    ),
  ];
  const poetry = asTable(asTable(value.tool)?.poetry);
  if (poetry) {
    requirements.push(...poetryTable(document, 'tool.poetry.dependencies', poetry.dependencies));
    requirements.push(...poetryTable(document, 'tool.poetry.dev-dependencies', poetry['dev-dependencies']));
    for (const [group, body] of Object.entries(asTable(poetry.group) ?? {})) {
      requirements.push(
        ...poetryTable(document, `tool.poetry.group.${group}.dependencies`, asTable(body)?.dependencies),
      );
    }
  }
  return { requirements, issues };
}

function pep508List(document: TomlDocument, sectionName: string, key: string, list: unknown): PackageRequirement[] {
  if (!Array.isArray(list)) return [];
  const section = document.sections(sectionName)[0];
  const keyLine = section ? document.keyLine(section, key) : 1;
  return list.flatMap((entry) => {
    if (typeof entry !== 'string') return [];
    const at = document.stringPosition(entry, keyLine) ?? { line: keyLine, column: 1 };
    return readRequirementsTxt(document.file, entry).requirements.map((requirement) => ({
      ...requirement,
      at: { file: document.file, ...at },
    }));
  });
}

function poetryTable(document: TomlDocument, sectionName: string, table: unknown): PackageRequirement[] {
  const section = document.sections(sectionName)[0];
  return Object.entries(asTable(table) ?? {}).flatMap(([name, body]) => {
    if (name.toLowerCase() === 'python') return [];
    const line = section ? document.keyLine(section, name) : 1;
    const column = 1;
    const constraints = Array.isArray(body) ? body : [body];
    return constraints.flatMap((constraint): PackageRequirement[] => {
      const table = asTable(constraint);
      const spec = typeof constraint === 'string' ? constraint : table?.version;
      const marker = typeof table?.markers === 'string' ? table.markers : undefined;
      const base = { ecosystem: 'pypi' as const, name: pypiName(name), at: { file: document.file, line, column } };
      if (typeof spec !== 'string') {
        // A git, path or url dependency names no version from the index.
        return [{ ...base, kind: 'range', spec: describeSource(table), lowest: null }];
      }
      return [{ ...base, spec, ...poetryConstraint(spec), ...(marker ? { marker } : {}) }];
    });
  });
}

function describeSource(table: Record<string, unknown> | undefined): string {
  for (const key of ['git', 'path', 'url']) {
    if (typeof table?.[key] === 'string') return `${key} = ${table[key]}`;
  }
  return '(no version)';
}

export function asTable(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
