import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { UsageError } from './usage-error.js';

/**
 * Runs `use` on the directory `root` as it is at the git revision `ref`, extracted with `git archive` into
 * a temporary directory that is removed afterwards: the user's working tree, index and refs are never touched.
 */
export async function atRevision<T>(root: string, ref: string, use: (directory: string) => Promise<T>): Promise<T> {
  if (ref.startsWith('-')) throw new UsageError(`--base ${JSON.stringify(ref)}: not a git revision`);
  const top = git(root, ['rev-parse', '--show-toplevel']).toString('utf8').trim();
  const inside = relative(realpathSync(top), realpathSync(root)).split(sep).join('/');
  git(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], `--base ${ref}: no such commit in ${top}`);
  // A directory the base revision does not have yet is an empty repository there.
  const exists = inside === '' || spawnSync('git', ['cat-file', '-e', `${ref}:${inside}`], { cwd: top }).status === 0;
  const archive = exists
    ? git(top, ['archive', '--format=tar', `${ref}^{commit}`, ...(inside ? ['--', inside] : [])])
    : undefined;
  const temporary = mkdtempSync(join(tmpdir(), 'policy-check-base-'));
  try {
    if (!archive) {
      mkdirSync(join(temporary, inside), { recursive: true });
      return await use(join(temporary, inside));
    }
    const untar = spawnSync('tar', ['-x', '-f', '-', '-C', temporary], { input: archive, maxBuffer: 1 << 30 });
    if (untar.status !== 0)
      throw new UsageError(`--base ${ref}: could not extract the revision (${untar.stderr.toString('utf8').trim()})`);
    return await use(inside ? join(temporary, inside) : temporary);
  } finally {
    rmSync(temporary, { recursive: true, force: true });
  }
}

function git(cwd: string, args: readonly string[], failure?: string): Buffer {
  const run = spawnSync('git', args, { cwd, maxBuffer: 1 << 30 });
  if (run.error) throw new UsageError(`--base needs git: ${run.error.message}`);
  if (run.status !== 0) {
    const detail = run.stderr.toString('utf8').trim().split('\n')[0];
    throw new UsageError(failure ?? `--base: git ${args[0]} failed${detail ? `: ${detail}` : ''}`);
  }
  return run.stdout;
}
