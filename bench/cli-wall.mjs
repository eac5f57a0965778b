// One-shot CLI cost against bare Node, for both command forms (`policy-check FILE …`, the default
// command, and `policy-check check FILE …`, which yargs runs differently): wall time, the commands run
// in rotating order (so drift in machine load hits all alike) after warm-ups and compared by medians;
// then peak RSS, in separate runs so that measuring it does not slow the timed ones.
// Standalone: node bench/cli-wall.mjs [RUNS]   (prints the summary; `npm run bench` includes it)
// BENCH_CLI_BASE=DIR also runs the build of another checkout (e.g. a worktree of the commit before) in the rotation.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { median, round, summarize } from './stats.mjs';

export const TARGET_CLI_RATIO = 1.3;
export const TARGET_RSS_RATIO = 1.2;

// GNU time reports the child's peak RSS (getrusage's ru_maxrss) without loading anything into it.
const GNU_TIME = '/usr/bin/time';

/**
 * `base`: another checkout, built, whose two forms run in the same rotation (labelled "base: …"), so that a change
 * is measured against the build before it under the same load.
 */
export function measureCli(root, { runs = 30, warmups = 3, rssRuns = 10, base } = {}) {
  const check = [join('policies-examples', 'allowed-foundation-model', 'policy.json')];
  const model = ['--model', 'anthropic.claude-3-haiku-20240307-v1:0'];
  const bin = join('bin', 'policy-check.cjs');
  const bare = { label: 'node -e ""', args: ['-e', ''], cli: false };
  const forms = [
    { label: 'policy-check FILE', args: [bin, ...check, ...model], cli: true },
    { label: 'policy-check check FILE', args: [bin, 'check', ...check, ...model], cli: true },
  ];
  if (base) {
    for (const form of [...forms])
      forms.push({ ...form, label: `base: ${form.label}`, args: [join(base, form.args[0]), ...form.args.slice(1)] });
  }
  const commands = [bare, ...forms];
  // The same environment for all; no colour, no Region from the caller's shell.
  const env = { ...process.env, NO_COLOR: '1' };
  delete env.AWS_REGION;
  delete env.AWS_DEFAULT_REGION;
  delete env.NODE_OPTIONS;

  const exitCodes = new Set();
  const firstLines = new Map();
  let retries = 0;
  let discardedRounds = 0;
  const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
  const distReady = () =>
    [root, ...(base ? [base] : [])].every(
      (dir) => existsSync(join(dir, 'dist', 'cli.cjs')) && existsSync(join(dir, 'dist', 'cli.cjs.cache')),
    );
  // Runs one command (under GNU time for its peak RSS when asked); for the CLI, ok means it produced
  // a verdict (exit 0 allowed, 1 finding).
  const once = (command, { rss = false } = {}) => {
    const [file, args] = rss
      ? [GNU_TIME, ['-f', '%M', process.execPath, ...command.args]]
      : [process.execPath, command.args];
    const t0 = performance.now();
    const result = spawnSync(file, args, {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      encoding: 'utf8',
    });
    const ms = performance.now() - t0;
    if (result.error) throw result.error;
    // GNU time writes its line to stderr once the command has exited: the last line.
    const rssKB = rss ? Number(result.stderr.trim().split('\n').pop()) : undefined;
    if (!command.cli) return { ms, rssKB, ok: result.status === 0 };
    exitCodes.add(result.status);
    const ok = result.status === 0 || result.status === 1;
    if (ok) {
      if (!firstLines.has(command.label)) firstLines.set(command.label, result.stdout.split('\n')[0] ?? '');
    } else {
      firstLines.set(command.label, `${result.stdout}${result.stderr}`.trim().split('\n').slice(0, 3).join(' | '));
    }
    return { ms, rssKB, ok };
  };
  // Someone may rebuild dist/ meanwhile (the build starts by deleting it): wait for it to come back.
  const waitForDist = () => {
    for (let waited = 0; !distReady() && waited < 120_000; waited += 500) sleep(500);
    sleep(500);
  };
  // One round runs every command once, starting with a different one each round; a round counts only
  // when all succeeded (a CLI run that found no dist/ is not a sample).
  const rounds = (count, options) => {
    const samples = commands.map(() => []);
    for (let i = 0; samples[0].length < count; i++) {
      if (retries > count) throw new Error('bench: the CLI kept failing; is dist/ being rebuilt in a loop?');
      const order = commands.map((_, k) => (i + k) % commands.length);
      const results = order.map((index) => once(commands[index], options));
      if (results.some((result) => !result.ok)) {
        retries++;
        discardedRounds++;
        waitForDist();
        continue;
      }
      for (const [k, index] of order.entries()) samples[index].push(results[k]);
    }
    return samples;
  };

  const loadAtStart = os.loadavg().map((x) => round(x, 2));
  waitForDist();
  rounds(warmups);
  const timed = rounds(runs).map((samples) => samples.map((sample) => sample.ms));
  const rssMethod = existsSync(GNU_TIME) ? 'GNU time %M (ru_maxrss)' : undefined;
  const rss = rssMethod ? rounds(rssRuns, { rss: true }).map((samples) => samples.map((s) => s.rssKB)) : undefined;

  const bareStats = summarize(timed[0]);
  const bareRssKB = rss ? median(rss[0]) : undefined;
  return {
    baseline: 'node -e ""',
    runs,
    warmups,
    rssRuns: rss ? rssRuns : 0,
    rssMethod: rssMethod ?? `unavailable (no ${GNU_TIME})`,
    loadAverage: { atStart: loadAtStart, atEnd: os.loadavg().map((x) => round(x, 2)) },
    cliExitCodes: [...exitCodes],
    discardedRounds,
    bareNodeMs: bareStats,
    bareNodeRssMB: bareRssKB === undefined ? null : round(bareRssKB / 1024, 1),
    targets: { wallRatio: TARGET_CLI_RATIO, rssRatio: TARGET_RSS_RATIO },
    forms: forms.map((form, k) => {
      const stats = summarize(timed[k + 1]);
      const ratio = round(stats.median / bareStats.median, 3);
      const rssKB = rss ? median(rss[k + 1]) : undefined;
      const rssRatio = rssKB === undefined ? null : round(rssKB / bareRssKB, 3);
      return {
        label: form.label,
        command: `node ${form.args.join(' ')}`,
        firstLine: firstLines.get(form.label) ?? '',
        ms: stats,
        ratioOfMedians: ratio,
        // On a busy machine the minimums are the runs least disturbed by other processes.
        ratioOfMinimums: round(stats.min / bareStats.min, 3),
        ratioOfP10: round(stats.p10 / bareStats.p10, 3),
        overheadMedianMs: round(stats.median - bareStats.median, 2),
        meetsWallTarget: ratio <= TARGET_CLI_RATIO,
        rssMB: rssKB === undefined ? null : round(rssKB / 1024, 1),
        rssRatio,
        meetsRssTarget: rssRatio === null ? null : rssRatio <= TARGET_RSS_RATIO,
      };
    }),
  };
}

/** The summary lines of a measureCli result. */
export function describeCli(cli) {
  const verdict = (met) => (met === null ? 'not measured' : met ? 'MET' : 'MISSED');
  const lines = [
    `CLI one-shot (${cli.runs} rounds, commands in rotating order, after ${cli.warmups} warm-up rounds; ` +
      `exit codes seen ${cli.cliExitCodes.join('/')}; load average ${cli.loadAverage.atStart.join(' ')} → ${cli.loadAverage.atEnd.join(' ')}` +
      `${cli.discardedRounds ? `; ${cli.discardedRounds} rounds discarded while dist/ was missing` : ''}):`,
    `  ${'node -e ""'.padEnd(24)} median ${cli.bareNodeMs.median} ms, p90 ${cli.bareNodeMs.p90} ms (min ${cli.bareNodeMs.min}); ` +
      `peak RSS ${cli.bareNodeRssMB ?? '?'} MB`,
  ];
  for (const form of cli.forms) {
    lines.push(
      `  ${form.label.padEnd(24)} median ${form.ms.median} ms, p90 ${form.ms.p90} ms (min ${form.ms.min}); ` +
        `peak RSS ${form.rssMB ?? '?'} MB`,
      `  ${''.padEnd(24)} wall ${form.ratioOfMedians}× bare node (+${form.overheadMedianMs} ms; ratio of 10th percentiles ${form.ratioOfP10}×, of minimums ${form.ratioOfMinimums}×) ` +
        `[target ≤ ${cli.targets.wallRatio}×: ${verdict(form.meetsWallTarget)}]; ` +
        `peak RSS ${form.rssRatio ?? '?'}× [target ≤ ${cli.targets.rssRatio}×: ${verdict(form.meetsRssTarget)}]`,
    );
  }
  lines.push(`  peak RSS: ${cli.rssMethod}, median of ${cli.rssRuns} rounds`);
  return lines;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = join(fileURLToPath(import.meta.url), '..', '..');
  const runs = Number(process.argv[2] ?? 30);
  const base = process.env.BENCH_CLI_BASE;
  for (const line of describeCli(measureCli(root, { runs, rssRuns: Math.min(runs, 10), base }))) console.log(line);
}
