import type { InputIssue, PackageRequirement } from '../../model/index.js';
import { readPackageJson, readPackageLock, readYamlLock } from './npm-manifests.js';
import { readPyproject } from './pyproject.js';
import { readPipfileLock, readTomlLock } from './python-locks.js';
import { readRequirementsTxt } from './requirements-txt.js';
import { readYarnV1Lock } from './yarn-v1-lock.js';

export interface ManifestContent {
  readonly requirements: readonly PackageRequirement[];
  readonly issues: readonly InputIssue[];
  /** `-r`/`-c` includes of a requirements file, resolved against its folder (repository-relative). */
  readonly includes: readonly { readonly path: string; readonly line: number }[];
}

type Reader = (file: string, text: string) => Omit<ManifestContent, 'includes'> & Partial<ManifestContent>;

const READERS: readonly [RegExp, Reader][] = [
  [/^requirements[^/]*\.txt$/, readRequirementsTxt],
  [/^pyproject\.toml$/, readPyproject],
  [/^(?:poetry|uv)\.lock$/, readTomlLock],
  [/^Pipfile\.lock$/, readPipfileLock],
  [/^package\.json$/, readPackageJson],
  [/^(?:package-lock|npm-shrinkwrap)\.json$/, readPackageLock],
  [/^pnpm-lock\.yaml$/, readYamlLock],
  [
    /^yarn\.lock$/,
    (file, text) => (/^__metadata:/m.test(text) ? readYamlLock(file, text) : readYarnV1Lock(file, text)),
  ],
];

const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1);

/** True for the dependency manifests and locks `readManifest` reads, by file name. */
export function isManifestFile(path: string): boolean {
  return READERS.some(([pattern]) => pattern.test(baseName(path)));
}

/**
 * The package requirements of a dependency manifest or lock (repository-relative `file`, `/`-separated).
 * `asRequirements` reads a file included with `-r` as a requirements file whatever its name.
 */
export function readManifest(file: string, text: string, asRequirements = false): ManifestContent {
  const reader = asRequirements ? readRequirementsTxt : READERS.find(([pattern]) => pattern.test(baseName(file)))?.[1];
  if (!reader) return { requirements: [], issues: [], includes: [] };
  const content = reader(file, text);
  const folder = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '';
  return {
    requirements: content.requirements,
    issues: content.issues,
    includes: (content.includes ?? []).map((include) => ({ path: joinPath(folder, include.path), line: include.line })),
  };
}

/** `folder/relative` with `.` and `..` resolved; a path that leaves the repository keeps its leading `..`. */
function joinPath(folder: string, relative: string): string {
  const parts: string[] = [];
  for (const part of `${folder}/${relative}`.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && parts.length > 0 && parts.at(-1) !== '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}
