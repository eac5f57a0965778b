// One-shot CLI wall time against bare Node: the two commands are run alternately (so drift in machine
// load hits both alike), after warm-ups, and compared by their medians.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { summarize, round } from './stats.mjs';

export function measureCli(root, { runs = 30, warmups = 3 } = {}) {
  const cli = {
    label: 'policy-check',
    args: [
      join('bin', 'policy-check.cjs'),
      join('policies-examples', 'allowed-foundation-model', 'policy.json'),
      '--model',
      'anthropic.claude-3-haiku-20240307-v1:0',
    ],
  };
  const bare = { label: 'node -e ""', args: ['-e', ''] };
  // The same environment for both; no colour, no Region from the caller's shell.
  const env = { ...process.env, NO_COLOR: '1' };
  delete env.AWS_REGION;
  delete env.AWS_DEFAULT_REGION;
  delete env.NODE_OPTIONS;

  const exitCodes = new Set();
  let cliOutput = '';
  let retries = 0;
  let discardedPairs = 0;
  const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
  const distReady = () => existsSync(join(root, 'dist', 'cli.cjs')) && existsSync(join(root, 'dist', 'cli.cjs.cache'));
  // Runs one command; for the CLI, ok means it produced a verdict (exit 0 allowed, 1 finding).
  const once = (command) => {
    const t0 = performance.now();
    const result = spawnSync(process.execPath, command.args, {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      encoding: 'utf8',
    });
    const ms = performance.now() - t0;
    if (result.error) throw result.error;
    if (command !== cli) return { ms, ok: result.status === 0 };
    exitCodes.add(result.status);
    const ok = result.status === 0 || result.status === 1;
    if (ok) cliOutput ||= result.stdout.split('\n')[0] ?? '';
    else cliOutput = `${result.stdout}${result.stderr}`.trim().split('\n').slice(0, 3).join(' | ');
    return { ms, ok };
  };
  // Someone may rebuild dist/ meanwhile (the build starts by deleting it): wait for it to come back.
  const waitForDist = () => {
    for (let waited = 0; !distReady() && waited < 120_000; waited += 500) sleep(500);
    sleep(500);
  };

  for (let i = 0; i < warmups; i++) {
    waitForDist();
    once(cli);
    once(bare);
  }
  const cliMs = [];
  const bareMs = [];
  // A pair counts only when both commands succeeded (a CLI run that found no dist/ is not a sample).
  for (let i = 0; cliMs.length < runs; i++) {
    if (retries > runs) throw new Error('bench: the CLI kept failing; is dist/ being rebuilt in a loop?');
    // Alternate which goes first, so neither always runs right after the other.
    const [first, second] = i % 2 === 0 ? [cli, bare] : [bare, cli];
    const a = once(first);
    const b = once(second);
    if (!a.ok || !b.ok) {
      retries++;
      discardedPairs++;
      waitForDist();
      continue;
    }
    cliMs.push(first === cli ? a.ms : b.ms);
    bareMs.push(first === cli ? b.ms : a.ms);
  }
  const cliStats = summarize(cliMs);
  const bareStats = summarize(bareMs);
  return {
    command: `node ${cli.args.join(' ')}`,
    baseline: 'node -e ""',
    runs,
    warmups,
    cliExitCodes: [...exitCodes],
    cliFirstLine: cliOutput,
    discardedPairs,
    cliMs: cliStats,
    bareNodeMs: bareStats,
    ratioOfMedians: round(cliStats.median / bareStats.median, 3),
    // On a busy machine the minimums are the runs least disturbed by other processes.
    ratioOfMinimums: round(cliStats.min / bareStats.min, 3),
    overheadMedianMs: round(cliStats.median - bareStats.median, 2),
  };
}
