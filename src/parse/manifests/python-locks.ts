import type { PackageRequirement } from '../../model/index.js';
import type { ManifestRead } from './package-names.js';
import { parseJsonDocument } from '../json-with-spans.js';
import { findProperty } from '../json-tree.js';
import { pypiName } from './package-names.js';
import { asTable } from './pyproject.js';
import { parseTomlDocument } from './toml-document.js';

/** poetry.lock and uv.lock: one `[[package]]` table per installed package, with `name` and `version`. */
export function readTomlLock(file: string, text: string): ManifestRead {
  const { document, issues } = parseTomlDocument(file, text);
  if (!document) return { requirements: [], issues };
  const packages = Array.isArray(document.value.package) ? document.value.package : [];
  const sections = document.sections('package', true);
  const requirements = packages.flatMap((entry, index): PackageRequirement[] => {
    const table = asTable(entry);
    if (typeof table?.name !== 'string' || typeof table.version !== 'string') return [];
    const section = sections[index];
    const line = section ? document.keyLine(section, 'version') : 1;
    return [
      {
        ecosystem: 'pypi',
        name: pypiName(table.name),
        kind: 'lock',
        spec: table.version,
        lowest: table.version,
        at: { file, line, column: 1 },
      },
    ];
  });
  return { requirements, issues };
}

/** Pipfile.lock (JSON): `default` and `develop` map each package to `{"version": "==X"}`. */
export function readPipfileLock(file: string, text: string): ManifestRead {
  const { document, issues } = parseJsonDocument(text, file);
  if (document?.root.kind !== 'object') return { requirements: [], issues: [...issues] };
  const requirements: PackageRequirement[] = [];
  for (const group of ['default', 'develop']) {
    const packages = findProperty(document.root, group)?.value;
    if (packages?.kind !== 'object') continue;
    for (const property of packages.properties) {
      if (property.value.kind !== 'object') continue;
      const version = findProperty(property.value, 'version')?.value;
      if (version?.kind !== 'string') continue;
      const pinned = version.value.replace(/^===?/, '');
      requirements.push({
        ecosystem: 'pypi',
        name: pypiName(property.key),
        kind: 'lock',
        spec: version.value,
        lowest: pinned,
        at: { file, line: version.line, column: version.column },
      });
    }
  }
  return { requirements, issues: [...issues] };
}
