import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Minimatch } from 'minimatch';
import type { IacConfig } from '../../model/index.js';

/** Directories never read: version control, dependencies, Terraform's provider and module cache. */
const SKIPPED_DIRECTORIES: ReadonlySet<string> = new Set(['.git', 'node_modules', '.terraform']);
/** CDK's output is read only through its manifest: the templates it lists, not stale assets beside them. */
const CDK_OUT = 'cdk.out';

/**
 * Every file of the repository a reader may read, repository-relative with `/`, sorted: files under
 * skipped directories are left out, `include` (when given) keeps only what matches one of its globs and
 * `exclude` drops what matches one of its. Symbolic links are not followed, so nothing outside the root
 * is read and no link loop can hang the walk.
 */
export function discoverFiles(root: string, config: Pick<IacConfig, 'include' | 'exclude'>): string[] {
  const found: string[] = [];
  const walk = (relative: string) => {
    const entries = readdirSync(join(root, relative), { withFileTypes: true });
    for (const entry of entries) {
      const path = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (SKIPPED_DIRECTORIES.has(entry.name)) continue;
        if (entry.name === CDK_OUT) found.push(...cdkManifestFiles(root, path));
        else walk(path);
      } else if (entry.isFile()) {
        found.push(path);
      }
    }
  };
  walk('');
  return found
    .filter((path) => config.include.length === 0 || config.include.some((glob) => matchesGlob(path, glob)))
    .filter((path) => !config.exclude.some((glob) => matchesGlob(path, glob)))
    .sort();
}

/** `cdk.out/manifest.json` and the templates its CloudFormation stack artifacts name. */
function cdkManifestFiles(root: string, directory: string): string[] {
  const manifest = `${directory}/manifest.json`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(join(root, manifest), 'utf8'));
  } catch {
    return [];
  }
  const artifacts = (
    parsed as { artifacts?: Record<string, { type?: string; properties?: { templateFile?: string } }> }
  ).artifacts;
  const templates = Object.values(artifacts ?? {})
    .filter((artifact) => artifact.type === 'aws:cloudformation:stack')
    .map((artifact) => artifact.properties?.templateFile)
    .filter((file): file is string => typeof file === 'string' && !file.includes('..') && !file.startsWith('/'))
    .map((file) => `${directory}/${file}`);
  return [manifest, ...new Set(templates)];
}

const compiledGlobs = new Map<string, Minimatch>();

/** Whether a repository-relative path matches a config glob (the same matching as include/exclude). */
export function matchesGlob(path: string, glob: string): boolean {
  // Suppressions and `code:` entries are matched against many files: each glob is compiled once.
  let compiled = compiledGlobs.get(glob);
  if (!compiled) {
    compiled = new Minimatch(glob, { dot: true });
    compiledGlobs.set(glob, compiled);
  }
  return compiled.match(path);
}
