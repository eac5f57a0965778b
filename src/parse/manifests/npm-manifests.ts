import { isMap, isScalar, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import type { PackageRequirement } from '../../model/index.js';
import type { ManifestRead } from './package-names.js';
import { findProperty } from '../json-tree.js';
import { parseJsonDocument } from '../json-with-spans.js';
import { npmConstraint } from './version-specs.js';

const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'];

/** package.json: each dependency field maps a package to a semver range (or a tag, URL, alias). */
export function readPackageJson(file: string, text: string): ManifestRead {
  const { document, issues } = parseJsonDocument(text, file);
  if (document?.root.kind !== 'object') return { requirements: [], issues: [...issues] };
  const requirements: PackageRequirement[] = [];
  for (const field of DEPENDENCY_FIELDS) {
    const dependencies = findProperty(document.root, field)?.value;
    if (dependencies?.kind !== 'object') continue;
    for (const property of dependencies.properties) {
      if (property.value.kind !== 'string') continue;
      const aliased = /^npm:((?:@[^/]+\/)?[^@]+)@(.*)$/.exec(property.value.value);
      const spec = aliased ? aliased[2]! : property.value.value;
      requirements.push({
        ecosystem: 'npm',
        name: aliased ? aliased[1]! : property.key,
        spec: property.value.value,
        ...npmConstraint(spec),
        at: { file, line: property.keyNode.line, column: property.keyNode.column },
      });
    }
  }
  return { requirements, issues: [...issues] };
}

/** package-lock.json v2/v3 (and npm-shrinkwrap.json): `packages` maps each node_modules path to its version. */
export function readPackageLock(file: string, text: string): ManifestRead {
  const { document, issues } = parseJsonDocument(text, file);
  if (document?.root.kind !== 'object') return { requirements: [], issues: [...issues] };
  const packages = findProperty(document.root, 'packages')?.value;
  if (packages?.kind !== 'object') {
    return {
      requirements: [],
      issues: [
        ...issues,
        {
          severity: 'warning',
          file,
          line: 1,
          column: 1,
          code: 'unsupported-lock',
          message:
            'a package-lock.json without "packages" (lockfileVersion 1) is not read: run npm install with npm 7 or later',
        },
      ],
    };
  }
  const requirements: PackageRequirement[] = [];
  for (const property of packages.properties) {
    const name = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)$/.exec(property.key)?.[1];
    if (!name || property.value.kind !== 'object') continue;
    const version = findProperty(property.value, 'version')?.value;
    if (version?.kind !== 'string') continue;
    requirements.push(lockEntry(file, name, version.value, version.line, version.column));
  }
  return { requirements, issues: [...issues] };
}

/**
 * pnpm-lock.yaml (v5 `/name/1.0.0`, v6 `/name@1.0.0`, v9 `name@1.0.0`, each possibly with a peer suffix)
 * and yarn berry's yarn.lock (YAML with `__metadata`; entries `"name@npm:^1.0.0"` with `version`).
 */
export function readYamlLock(file: string, text: string): ManifestRead {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: false });
  const error = document.errors[0];
  if (error) {
    const { line, col } = lineCounter.linePos(error.pos[0]);
    const message = `not valid YAML: ${error.message.split('\n')[0]}`;
    return { requirements: [], issues: [{ severity: 'error', file, line, column: col, code: 'yaml-syntax', message }] };
  }
  const root = document.contents;
  if (!isMap(root)) return { requirements: [], issues: [] };
  const position = (node: YamlNode | null | undefined) => {
    const { line, col } = lineCounter.linePos(node?.range?.[0] ?? 0);
    return { line, column: col };
  };
  const requirements: PackageRequirement[] = [];
  const berry = root.has('__metadata');
  const entries = berry ? root.items : (root.get('packages', true) as YamlNode | undefined);
  const items = berry ? entries : isMap(entries) ? entries.items : [];
  for (const pair of items as typeof root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
    if (!key || key === '__metadata') continue;
    if (berry) {
      const version = isMap(pair.value) ? pair.value.get('version', true) : undefined;
      const name = /^((?:@[^/@]+\/)?[^@,]+)@/.exec(key)?.[1];
      if (!name || !isScalar(version)) continue;
      const { line, column } = position(version);
      requirements.push(lockEntry(file, name, String(version.value), line, column));
      continue;
    }
    const match = /^\/?((?:@[^/@]+\/)?[^/@]+)[@/]([^(_/]+)/.exec(key);
    if (!match) continue;
    const { line, column } = position(pair.key as YamlNode);
    requirements.push(lockEntry(file, match[1]!, match[2]!, line, column));
  }
  return { requirements, issues: [] };
}

export function lockEntry(
  file: string,
  name: string,
  version: string,
  line: number,
  column: number,
): PackageRequirement {
  return { ecosystem: 'npm', name, kind: 'lock', spec: version, lowest: version, at: { file, line, column } };
}
