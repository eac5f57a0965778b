// One-shot CLI wall time against bare Node: the two commands are run alternately (so drift in machine
// load hits both alike), after warm-ups, and compared by their medians.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { summarize, round } from './stats.mjs';

export function measureCli(root, { runs = 30, warmups = 3 } = {}) {
  const cli = {
    label: 'policy-check',
    args: [join('bin', 'policy-check.cjs'), join('policies-examples', 'allowed-foundation-model', 'policy.json'), '--model', 'anthropic.claude-3-haiku-20240307-v1:0'],
  };
  const bare = { label: 'node -e ""', args: ['-e', ''] };
  // The same environment for both; no colour, no Region from the caller's shell.
  const env = { ...process.env, NO_COLOR: '1' };
  delete env.AWS_REGION;
  delete env.AWS_DEFAULT_REGION;
  delete env.NODE_OPTIONS;

  const exitCodes = new Set();
  let cliOutput = '';
  const once = (command) => {
    const t0 = performance.now();
    const result = spawnSync(process.execPath, command.args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
    const ms = performance.now() - t0;
    if (result.error) throw result.error;
    if (command === cli) {
      exitCodes.add(result.status);
      cliOutput ||= result.stdout.split('\n')[0] ?? '';
      if (result.status !== 0) cliOutput = `${result.stdout}${result.stderr}`.trim().split('\n').slice(0, 3).join(' | ');
    }
    return ms;
  };

  for (let i = 0; i < warmups; i++) {
    once(cli);
    once(bare);
  }
  const cliMs = [];
  const bareMs = [];
  for (let i = 0; i < runs; i++) {
    // Alternate which goes first, so neither always runs right after the other.
    if (i % 2 === 0) {
      cliMs.push(once(cli));
      bareMs.push(once(bare));
    } else {
      bareMs.push(once(bare));
      cliMs.push(once(cli));
    }
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
    cliMs: cliStats,
    bareNodeMs: bareStats,
    ratioOfMedians: round(cliStats.median / bareStats.median, 3),
    overheadMedianMs: round(cliStats.median - bareStats.median, 2),
  };
}
