#!/usr/bin/env node
// Organization scan bench (issue 11): `policy-check scan --org --assume-role … --save DIR` against the loopback
// AWS endpoint of the tests (test/live/fake-aws, bundled here with esbuild) serving a synthetic organization of
// BENCH_ORG_ACCOUNTS accounts × BENCH_ORG_ROLES roles (each role with an inline policy; one AWS managed policy
// attached in every account; GAAD in pages of 100 as IAM's default). The CLI runs in its own process under
// GNU time: its user + sys CPU seconds and peak RSS are the scan's (the endpoint's work is this process's,
// not counted). Then `scan --snapshot DIR` of the saved directory, offline. Prints the API calls by operation.
//   BENCH_ORG_ACCOUNTS=50 BENCH_ORG_ROLES=1000 BENCH_ORG_CONCURRENCY=4 node bench/org-scan.mjs   (after npm run build)
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const ACCOUNTS = Number(process.env.BENCH_ORG_ACCOUNTS || 50);
const ROLES = Number(process.env.BENCH_ORG_ROLES || 1000);
const CONCURRENCY = process.env.BENCH_ORG_CONCURRENCY || '4';
const MODELS = 'anthropic.claude-3-haiku-20240307-v1:0,amazon.nova-pro-v1:0';

const scratch = join(root, 'bench', '.scratch');
mkdirSync(scratch, { recursive: true });
const bundle = join(scratch, 'fake-organization.mjs');
await build({
  stdin: {
    contents:
      "export { startFakeOrganization } from './test/live/fake-aws/organization.ts';\nexport { fixtureOrganization } from './test/live/fake-aws/organization-fixture.ts';\nexport { fakeAwsEnvironment } from './test/live/fake-aws/environment.ts';",
    resolveDir: root,
    loader: 'ts',
  },
  bundle: true,
  platform: 'node',
  format: 'esm',
  outfile: bundle,
  logLevel: 'warning',
});
const fake = await import(pathToFileURL(bundle).href);

// The fixture has 4 ACTIVE accounts (management, two workload members, a sandbox member) and a suspended one.
const organization = fake.fixtureOrganization({ accounts: Math.max(0, ACCOUNTS - 4), extraRoles: ROLES });
const server = await fake.startFakeOrganization(organization, { pageSize: 100 });
const save = mkdtempSync(join(tmpdir(), 'policy-check-org-bench-'));
const env = { PATH: process.env.PATH ?? '', ...fake.fakeAwsEnvironment(server.url) };

/** The CLI under GNU time: exit code, CPU seconds (user + sys), peak RSS in MB, wall seconds. */
function timed(args) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('/usr/bin/time', ['-v', process.execPath, join(root, 'bin', 'policy-check.cjs'), ...args], {
      cwd: root,
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const field = (name) => Number(new RegExp(`${name}: ([\\d.]+)`).exec(stderr)?.[1] ?? Number.NaN);
      resolve({
        code,
        cpu: field('User time \\(seconds\\)') + field('System time \\(seconds\\)'),
        rssMb: field('Maximum resident set size \\(kbytes\\)') / 1024,
        wall: (performance.now() - started) / 1000,
        stderr: stderr.slice(0, stderr.indexOf('\tCommand being timed')),
      });
    });
  });
}

const base = ['--models', MODELS, '--format', 'text', '--region', 'us-east-1'];
const live = await timed([
  'scan',
  '--org',
  '--assume-role',
  'PolicyCheckScan',
  '--concurrency',
  CONCURRENCY,
  '--save',
  save,
  '--quiet',
  ...base,
]);
const calls = {};
for (const operation of server.operations) calls[operation] = (calls[operation] ?? 0) + 1;
await server.close();
const offline = await timed(['scan', '--snapshot', save, ...base]);
const bytes = (directory) =>
  readdirSync(directory).reduce((sum, name) => {
    const path = join(directory, name);
    const stat = statSync(path);
    return sum + (stat.isDirectory() ? bytes(path) : stat.size);
  }, 0);
const savedMb = bytes(save) / 1024 / 1024;
rmSync(save, { recursive: true, force: true });

const principals = ACCOUNTS * (ROLES + 3);
const line = (label, run) =>
  `${label.padEnd(34)} exit ${run.code}  CPU ${run.cpu.toFixed(1)} s (${((run.cpu / principals) * 1000).toFixed(2)} ms/principal)  peak RSS ${run.rssMb.toFixed(0)} MB  wall ${run.wall.toFixed(1)} s`;
console.log(
  `organization: ${ACCOUNTS} accounts × ${ROLES} roles (+1 user, 2 roles each) = ${principals} principals, 2 models`,
);
console.log(line(`live scan --org (concurrency ${CONCURRENCY})`, live));
console.log(line('scan --snapshot DIR (offline)', offline));
console.log(`saved directory: ${savedMb.toFixed(1)} MB`);
console.log(`API calls: ${server.operations.length}`);
for (const [operation, count] of Object.entries(calls).sort()) console.log(`  ${operation.padEnd(44)} ${count}`);
if (live.code !== 1 || offline.code !== 1) {
  // Both exit 1: the fixture's SCP denies Nova, so not every cell is allowed; anything else is a failure.
  console.error(live.stderr, offline.stderr);
  process.exit(1);
}
