import { readFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { codeLanguageOf } from '../../parse/code/code-language.js';
import { isManifestFile, readManifest } from '../../parse/manifests/read-manifest.js';

/** True for the files `checkCode` reads: dependency manifests and locks, Python and JavaScript/TypeScript code. */
export function isCodeCheckFile(path: string): boolean {
  return isManifestFile(path) || codeLanguageOf(path) !== undefined;
}

/**
 * Reads the repository files `paths` (relative to `root`, `/`-separated) and the files their requirements
 * files include with `-r`/`-c`, when these lie inside `root`; an include outside it or missing is left out,
 * and `checkCode` names it. Never follows an include twice.
 */
export async function readCodeFiles(root: string, paths: readonly string[]): Promise<{ path: string; text: string }[]> {
  const files = new Map<string, string>();
  const queue = [...paths];
  const top = resolve(root);
  while (queue.length > 0) {
    const path = queue.shift()!;
    if (files.has(path)) continue;
    const absolute = resolve(top, path);
    if (relative(top, absolute).startsWith('..')) continue;
    let text: string;
    try {
      text = await readFile(join(top, path), 'utf8');
    } catch {
      continue;
    }
    files.set(path, text);
    if (/(^|\/)requirements[^/]*\.txt$/.test(path) || !isCodeCheckFile(path)) {
      for (const include of readManifest(path, text, true).includes) {
        if (!include.path.startsWith('..')) queue.push(include.path.split(sep).join('/'));
      }
    }
  }
  return [...files].map(([path, text]) => ({ path, text }));
}
