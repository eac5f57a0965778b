import type { InputIssue, PackageRequirement } from '../../model/index.js';
import { lockEntry } from './npm-manifests.js';

/**
 * yarn.lock of yarn 1 (not YAML): an unindented line lists the specs an entry resolves (`"a@^1", a@~1.2:`),
 * and its indented `version "1.2.3"` line the version installed for all of them.
 */
export function readYarnV1Lock(
  file: string,
  text: string,
): {
  requirements: PackageRequirement[];
  issues: InputIssue[];
} {
  const requirements: PackageRequirement[] = [];
  let names: string[] = [];
  text.split(/\r\n|\n|\r/).forEach((line, index) => {
    if (line.startsWith('#') || line.trim() === '') return;
    if (!/^\s/.test(line)) {
      names = line
        .replace(/:\s*$/, '')
        .split(',')
        .map((spec) => spec.trim().replace(/^"|"$/g, ''))
        .map((spec) => /^((?:@[^/@]+\/)?[^@]+)@/.exec(spec)?.[1])
        .filter((name): name is string => name !== undefined);
      return;
    }
    const version = /^ {2}version:? "?([^"\s]+)"?\s*$/.exec(line);
    if (!version) return;
    for (const name of new Set(names)) {
      requirements.push(lockEntry(file, name, version[1]!, index + 1, line.indexOf('version') + 1));
    }
  });
  return { requirements, issues: [] };
}
