#!/usr/bin/env node
// Matrix bench (issue 9): a synthetic account of BENCH_MATRIX_ROLES roles (300 managed policies, 40 of
// them about Bedrock, shared; inline policies on 15%; a boundary on 20%; tags; a 3-level SCP chain that
// reads aws:PrincipalArn and aws:PrincipalTag) × 20 models, full diagnosis; then BENCH_MATRIX_ACCOUNTS
// accounts × 1,000 roles, also written as a directory of snapshots that `scan --snapshot DIR` reads. Run alone:
// `node bench/matrix.mjs` (after `npm run build`), or from bench/run.mjs with BENCH_ONLY=matrix. Prints wall time
// and peak RSS. BENCH_MATRIX_JSON=FILE also writes the first account's matrix as JSON, BENCH_MATRIX_TEXT=FILE its
// text report (to compare two builds byte for byte).
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { selectModels } from './account.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const lib = await import(pathToFileURL(join(root, 'dist', 'lib', 'index.js')).href);
const { shippedCatalog } = await import(pathToFileURL(join(root, 'dist', 'lib', 'bedrock', 'catalog.js')).href);
const catalog = shippedCatalog();
const ROLES = Number(process.env.BENCH_MATRIX_ROLES || 10_000);
const ACCOUNTS = Number(process.env.BENCH_MATRIX_ACCOUNTS || 100);
const ACTIONS = ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'];
// The CLI run (`scan --snapshot`) of the same account, from a snapshot written to a scratch folder: BENCH_MATRIX_CLI=0 skips it.
const CLI = process.env.BENCH_MATRIX_CLI === '0' ? undefined : mkdtempSync(join(tmpdir(), 'policy-check-matrix-'));
const models = selectModels(catalog).map((m) => m.id);

let seed = 42;
const rand = () => {
  seed = (seed * 1103515245 + 12345) >>> 0;
  return seed / 2 ** 32;
};
const pick = (list) => list[Math.floor(rand() * list.length)];
// Each parsed policy's document and name, to write the account as a snapshot for the CLI run.
const sources = new WeakMap();
const parse = (doc, meta) => {
  const result = lib.parsePolicyDocument(JSON.stringify(doc, null, 2), meta.file, meta);
  if (!result.policy) throw new Error(`bench policy ${meta.name} does not parse`);
  sources.set(result.policy, { doc, name: meta.name, arn: meta.arn });
  return result.policy;
};
const TEAMS = ['ml', 'search', 'web', 'data', 'ops', 'sec', 'mobile', 'ads'];
const PREFIXES = ['amazon.nova', 'anthropic.claude', 'meta.llama', 'mistral', 'cohere', 'deepseek', 'openai', '*'];

function buildAccount(accountId, roleCount) {
  const arn = (name) => `arn:aws:iam::${accountId}:policy/${name}`;
  const managed = [];
  for (let i = 0; i < 300; i++) {
    const bedrock = i < 40;
    const statement = bedrock
      ? {
          Effect: 'Allow',
          Action: i % 5 === 0 ? 'bedrock:*' : ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
          Resource:
            i % 4 === 0
              ? '*'
              : [
                  `arn:aws:bedrock:*::foundation-model/${PREFIXES[i % PREFIXES.length]}*`,
                  `arn:aws:bedrock:*:${accountId}:inference-profile/*`,
                ],
          ...(i % 7 === 0 ? { Condition: { StringEquals: { 'aws:PrincipalTag/team': ['ml', 'search'] } } } : {}),
        }
      : { Effect: 'Allow', Action: [`s3:GetObject`, `dynamodb:Query`], Resource: `arn:aws:s3:::bucket-${i}/*` };
    managed.push(
      parse(
        { Version: '2012-10-17', Statement: [statement] },
        { type: 'identity', file: `${accountId}.json`, name: `Managed${i}`, arn: arn(`Managed${i}`) },
      ),
    );
  }
  const boundary = parse(
    { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['bedrock:*', 's3:*'], Resource: '*' }] },
    { type: 'permissions-boundary', file: `${accountId}.json`, name: 'Boundary', arn: arn('Boundary') },
  );
  const scp = (name, statements) =>
    parse(
      { Version: '2012-10-17', Statement: statements },
      {
        type: 'scp',
        file: 'scps.json',
        name,
        arn: `arn:aws:organizations::999999999999:policy/o-x/service_control_policy/p-${name}`,
      },
    );
  const full = scp('FullAWSAccess', [{ Effect: 'Allow', Action: '*', Resource: '*' }]);
  const scpLevels = [
    { name: 'Root', policies: [full] },
    {
      name: 'Workloads',
      policies: [
        full,
        scp('RegionDeny', [
          {
            Effect: 'Deny',
            NotAction: ['iam:*', 'sts:*'],
            Resource: '*',
            Condition: {
              StringNotEquals: { 'aws:RequestedRegion': ['us-east-1', 'us-east-2', 'us-west-2', 'unspecified'] },
              ArnNotLike: { 'aws:PrincipalArn': ['arn:aws:iam::*:role/breakglass-*'] },
            },
          },
        ]),
      ],
    },
    {
      name: accountId,
      policies: [
        full,
        scp('Guardrails', [
          {
            Effect: 'Deny',
            Action: 'bedrock:InvokeModel*',
            Resource: 'arn:aws:bedrock:*::foundation-model/deepseek.*',
          },
          {
            Effect: 'Deny',
            Action: 'bedrock:*',
            Resource: '*',
            Condition: { Null: { 'aws:PrincipalTag/CostCenter': 'true' } },
          },
        ]),
      ],
    },
  ];
  // Roles come from ~150 archetypes (a stack's role set), as in accounts built from templates.
  const archetypes = Array.from({ length: 150 }, () => {
    const count = 2 + Math.floor(rand() * 5);
    const set = new Set();
    while (set.size < count) set.add(rand() < 0.3 ? managed[Math.floor(rand() * 40)] : pick(managed));
    return [...set];
  });
  const roles = [];
  for (let i = 0; i < roleCount; i++) {
    const name = rand() < 0.01 ? `breakglass-${i}` : `app-${i}`;
    const policies = [...pick(archetypes)];
    if (rand() < 0.15)
      policies.push(
        parse(
          {
            Version: '2012-10-17',
            Statement: [
              { Effect: 'Allow', Action: rand() < 0.5 ? 'bedrock:InvokeModel' : 'sqs:SendMessage', Resource: '*' },
            ],
          },
          { type: 'identity', file: `${accountId}.json`, name: `${name}/inline` },
        ),
      );
    const tags = {};
    if (rand() < 0.9) tags.CostCenter = `cc-${i % 97}`;
    if (rand() < 0.8) tags.team = pick(TEAMS);
    roles.push({
      arn: `arn:aws:iam::${accountId}:role/${name}`,
      name,
      path: '/',
      policies,
      unresolvedPolicies: [],
      tags,
      ...(rand() < 0.2 ? { permissionsBoundary: boundary } : {}),
      serviceLinked: false,
    });
  }
  return {
    accountId,
    partition: 'aws',
    scpLevels,
    users: [],
    groups: [],
    roles,
    regions: ['us-east-1'],
    origin: { kind: 'snapshot', file: `${accountId}.json` },
    warnings: [],
  };
}

/** The account as `aws iam get-account-authorization-details` writes it, and its SCP chain as --scp-levels reads it. */
function snapshotOf(account) {
  const managed = new Map();
  const document = (policy) => sources.get(policy);
  const roles = account.roles.map((role, index) => {
    const inline = [];
    const attached = [];
    for (const policy of role.policies) {
      const source = document(policy);
      if (source.arn) {
        managed.set(source.arn, source);
        attached.push({ PolicyName: source.name, PolicyArn: source.arn });
      } else inline.push({ PolicyName: 'inline', PolicyDocument: encodeURIComponent(JSON.stringify(source.doc)) });
    }
    const boundary = role.permissionsBoundary && document(role.permissionsBoundary);
    if (boundary) managed.set(boundary.arn, boundary);
    return {
      Path: role.path,
      RoleName: role.name,
      RoleId: `AROABENCH${String(index).padStart(11, '0')}`,
      Arn: role.arn,
      CreateDate: '2026-01-01T00:00:00+00:00',
      AssumeRolePolicyDocument: encodeURIComponent(
        JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
        }),
      ),
      InstanceProfileList: [],
      RolePolicyList: inline,
      AttachedManagedPolicies: attached,
      ...(boundary
        ? { PermissionsBoundary: { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: boundary.arn } }
        : {}),
      Tags: Object.entries(role.tags).map(([Key, Value]) => ({ Key, Value })),
      RoleLastUsed: {},
    };
  });
  const policies = [...managed.values()].map((source, index) => ({
    PolicyName: source.name,
    PolicyId: `ANPABENCH${String(index).padStart(11, '0')}`,
    Arn: source.arn,
    Path: '/',
    DefaultVersionId: 'v1',
    AttachmentCount: 1,
    PermissionsBoundaryUsageCount: 0,
    IsAttachable: true,
    CreateDate: '2026-01-01T00:00:00+00:00',
    UpdateDate: '2026-01-01T00:00:00+00:00',
    PolicyVersionList: [
      { Document: source.doc, VersionId: 'v1', IsDefaultVersion: true, CreateDate: '2026-01-01T00:00:00+00:00' },
    ],
  }));
  const gaad = { UserDetailList: [], GroupDetailList: [], RoleDetailList: roles, Policies: policies };
  const levels = {
    levels: account.scpLevels.map((level) => ({
      name: level.name,
      policies: level.policies.map((policy) => {
        const source = document(policy);
        return { name: source.name, arn: source.arn, document: source.doc };
      }),
    })),
  };
  return { gaad, levels };
}

function writeSnapshot(account, dir) {
  const { gaad, levels } = snapshotOf(account);
  writeFileSync(join(dir, 'gaad.json'), JSON.stringify(gaad));
  writeFileSync(join(dir, 'scp-levels.json'), JSON.stringify(levels));
}

/** The account as policy-check's own snapshot, its SCP chain inside, into a directory of such files. */
function writeAccountSnapshot(account, dir) {
  const { gaad, levels } = snapshotOf(account);
  const snapshot = {
    snapshotVersion: 1,
    accountId: account.accountId,
    partition: account.partition,
    scpLevels: levels.levels,
    ...gaad,
  };
  writeFileSync(join(dir, `${account.accountId}.json`), JSON.stringify(snapshot));
}

/** `policy-check scan INPUTS --models … --format FORMAT --output OUTPUT` under GNU time: wall, CPU and peak RSS of the child. */
function timedScan(inputs, format, output) {
  const run = spawnSync(
    '/usr/bin/time',
    [
      '-f',
      '%e %M %U %S',
      process.execPath,
      join(root, 'bin', 'policy-check.cjs'),
      'scan',
      ...inputs,
      '--models',
      models.join(','),
      '--region',
      'us-east-1',
      '--format',
      format,
      '--output',
      output,
    ],
    { encoding: 'utf8' },
  );
  const [seconds, rssKB, user, system] = run.stderr.trim().split('\n').pop().split(' ').map(Number);
  return {
    seconds,
    cpuSeconds: +(user + system).toFixed(2),
    peakRssMB: Math.round(rssKB / 1024),
    status: run.status,
    stderr: run.stderr,
  };
}

const options = {
  region: 'us-east-1',
  actions: ACTIONS,
  models,
  now: new Date('2026-06-01T00:00:00Z'),
  toolVersion: 'bench',
  catalog,
};
const mb = (bytes) => Math.round(bytes / 2 ** 20);
const results = {};

if (ROLES > 0) {
  const t0 = performance.now();
  const account = buildAccount('111122223333', ROLES);
  const built = performance.now();
  if (CLI) writeSnapshot(account, CLI);
  const result = lib.matrix(account, options);
  const analysed = performance.now();
  const text = lib.formatMatrixText(result);
  const formatted = performance.now();
  // The text report too (BENCH_MATRIX_TEXT=FILE), to compare two builds' text byte for byte.
  if (process.env.BENCH_MATRIX_TEXT) writeFileSync(process.env.BENCH_MATRIX_TEXT, text);
  // The whole report as JSON, to compare two builds' outputs byte for byte (BENCH_MATRIX_JSON=FILE).
  if (process.env.BENCH_MATRIX_JSON) {
    const out = createWriteStream(process.env.BENCH_MATRIX_JSON);
    for (const chunk of lib.matrixJsonChunks(result)) out.write(chunk);
    await new Promise((done) => out.end(done));
  }
  results.single = {
    roles: ROLES,
    models: models.length,
    cells: result.summary.cells,
    groups: result.summary.principalGroups,
    evaluations: result.summary.evaluations,
    causes: result.causes.length,
    verdicts: {
      allowed: result.summary.allowed,
      denied: result.summary.denied,
      fails: result.summary.fails,
      conditional: result.summary.conditional,
      incomplete: result.summary.incomplete,
    },
    buildSeconds: +((built - t0) / 1000).toFixed(2),
    matrixSeconds: +((analysed - built) / 1000).toFixed(2),
    textSeconds: +((formatted - analysed) / 1000).toFixed(2),
    textKB: Math.round(text.length / 1024),
    peakRssMB: mb(process.resourceUsage().maxRSS * 1024),
  };
  console.log(`matrix  ${ROLES} roles × ${models.length} models: ${JSON.stringify(results.single)}`);
}
if (CLI && ROLES > 0) {
  // What a user runs: `scan --snapshot` reads the account, computes the matrix and writes the report, under GNU time
  // for the child's wall time and peak RSS. Exit code 1: the matrix has denied cells.
  results.cli = {};
  // The text run is repeated (BENCH_MATRIX_RUNS, default 3): other work on a shared machine only adds time, so the
  // fastest run is the build's own; the median says how far a single run may land from it.
  const textRuns = Math.max(1, Number(process.env.BENCH_MATRIX_RUNS || 3));
  for (const format of ['text', 'json']) {
    const output = join(CLI, `matrix.${format}`);
    const runs = [];
    for (let round = 0; round < (format === 'text' ? textRuns : 1); round++) {
      const { seconds, cpuSeconds, peakRssMB, status, stderr } = timedScan(
        ['--snapshot', join(CLI, 'gaad.json'), '--scp-levels', join(CLI, 'scp-levels.json')],
        format,
        output,
      );
      if (status !== 1 || !(seconds > 0)) throw new Error(`scan --format ${format} failed (${status}): ${stderr}`);
      runs.push({ seconds, cpuSeconds, peakRssMB });
    }
    if (format === 'text') {
      // The same account read from the snapshot must give the same matrix as the one built in memory.
      const { cells, verdicts } = results.single;
      const { allowed, denied, fails, conditional, incomplete } = verdicts;
      const expected = `${cells} checks: ${allowed} allowed, ${denied + fails} denied, ${conditional + incomplete} conditional or incomplete`;
      const counts = readFileSync(output, 'utf8').split('\n')[0];
      if (!counts.startsWith(expected)) throw new Error(`scan --snapshot counts "${counts}", the bench "${expected}"`);
    }
    const bySeconds = [...runs].sort((a, b) => a.seconds - b.seconds);
    results.cli[format] = {
      ...bySeconds[0],
      ...(runs.length > 1
        ? {
            runs: runs.length,
            medianSeconds: bySeconds[Math.floor((runs.length - 1) / 2)].seconds,
            slowestSeconds: bySeconds.at(-1).seconds,
            peakRssMB: Math.max(...runs.map((run) => run.peakRssMB)),
          }
        : {}),
    };
  }
  console.log(
    `matrix  scan --snapshot (${ROLES} roles × ${models.length} models), CLI: ${JSON.stringify(results.cli)}`,
  );
}
if (ACCOUNTS > 0) {
  // Each account is also written as a snapshot (its SCP chain inside) into one directory, which `scan --snapshot DIR`
  // then reads as a user would (unless BENCH_MATRIX_CLI=0).
  const directory = CLI ? join(CLI, 'accounts') : undefined;
  if (directory) mkdirSync(directory);
  const t0 = performance.now();
  let cells = 0;
  let evaluations = 0;
  const verdicts = { allowed: 0, denied: 0, other: 0 };
  for (let a = 0; a < ACCOUNTS; a++) {
    const account = buildAccount(String(200000000000 + a), 1000);
    const result = lib.matrix(account, options);
    cells += result.summary.cells;
    evaluations += result.summary.evaluations;
    verdicts.allowed += result.summary.allowed;
    verdicts.denied += result.summary.denied + result.summary.fails;
    verdicts.other += result.summary.conditional + result.summary.incomplete;
    if (directory) writeAccountSnapshot(account, directory);
  }
  results.accounts = {
    accounts: ACCOUNTS,
    rolesEach: 1000,
    cells,
    evaluations,
    seconds: +((performance.now() - t0) / 1000).toFixed(2),
    peakRssMB: mb(process.resourceUsage().maxRSS * 1024),
  };
  console.log(
    `matrix  ${ACCOUNTS} accounts × 1,000 roles × ${models.length} models: ${JSON.stringify(results.accounts)}`,
  );
  if (directory) {
    const output = join(CLI, 'accounts.text');
    const { seconds, cpuSeconds, peakRssMB, status, stderr } = timedScan(['--snapshot', directory], 'text', output);
    if (status !== 1 || !(seconds > 0)) throw new Error(`scan --snapshot DIR failed (${status}): ${stderr}`);
    const expected = `${cells} checks: ${verdicts.allowed} allowed, ${verdicts.denied} denied, ${verdicts.other} conditional or incomplete`;
    const counts = readFileSync(output, 'utf8').split('\n')[0];
    if (!counts.startsWith(expected))
      throw new Error(`scan --snapshot DIR counts "${counts}", the bench "${expected}"`);
    results.accounts.cli = { seconds, cpuSeconds, peakRssMB };
    console.log(
      `matrix  scan --snapshot DIR (${ACCOUNTS} account files), CLI: ${JSON.stringify(results.accounts.cli)}`,
    );
  }
}
if (CLI) {
  if (process.env.BENCH_MATRIX_KEEP) console.log(`matrix  snapshots and reports kept in ${CLI}`);
  else rmSync(CLI, { recursive: true, force: true });
}
export default results;
