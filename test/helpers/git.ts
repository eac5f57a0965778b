import { execFileSync } from 'node:child_process';

/**
 * Runs git in a test repository with a fixed identity and no system or user configuration (HOME is the
 * repository), so commits made by a test never depend on the machine's git setup.
 */
export function git(directory: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd: directory,
    env: {
      PATH: process.env.PATH ?? '',
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@example.com',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@example.com',
      GIT_CONFIG_NOSYSTEM: '1',
      HOME: directory,
    },
    encoding: 'utf8',
  });
}
