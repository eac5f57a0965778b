#!/usr/bin/env node
// Benchmark for issue #2: `npm run bench` (builds first) or `node bench/run.mjs` (uses the current dist/).
//
// (a) Throughput on one core (everything runs in this thread): a synthetic account of 10,000
//     principals (1–4 identity policies each from ~50 templates, parsed with parsePolicyDocument) under a
//     3-level SCP chain, each principal × 20 models (on-demand ids and us./eu./global. profiles from the
//     shipped catalog) × 2 actions. One check = one (principal, model, action, resource) evaluation.
//     - engine: evaluate() over requests expanded beforehand (expansion and request building not timed);
//     - check(): the library's end-to-end entry point, one call per principal × model.
// (b) One-shot CLI wall time against `node -e ""`, alternating, medians compared.
//
// Prints a summary and writes bench/results.json. Knobs (environment):
//   BENCH_PRINCIPALS=10000   size of the account
//   BENCH_ENGINE_SECONDS=15  time cap of the timed engine pass: it stops after the batch that exceeds it
//                            and reports the share of the account covered (principals are i.i.d.)
//   BENCH_CHECK_SECONDS=15   time cap of the timed check() pass
//   BENCH_EVALUATE_CHECKS_SECONDS=10  time cap of the check()-minus-diagnosis pass (internal evaluateChecks)
//   BENCH_WARMUP_SECONDS=1.5 warm-up of each pass
//   BENCH_CLI_RUNS=30        CLI rounds (each runs node -e "", the default command and `check …`), after 3 warm-up rounds
//   BENCH_CLI_BASE=DIR       also run another checkout's build (both forms) in the same rotation, to compare builds
//   BENCH_SIMULATE_RUNS=11   one-shot runs per tool and size in the iam-simulate comparison (bench/iam-simulate.mjs)
//   BENCH_SIMULATE_SIZES=2000,5000,10000  statements per policy set in that comparison
//   BENCH_ONLY=engine,check,evaluate-checks,cli,iam-simulate  run only these parts (matrix: bench/matrix.mjs, iac: bench/iac.mjs, not run by default)
//   BENCH_OUT=bench/results.json
// Profiling: BENCH_ONLY=engine node --cpu-prof --cpu-prof-dir=bench/profiles bench/run.mjs
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';
import { ACCOUNT, buildAccount } from './account.mjs';
import { describeCli, measureCli, TARGET_CLI_RATIO } from './cli-wall.mjs';
import { agreementLines, compareCall, consistencyResult, makeConsistency } from './consistency.mjs';
import { compareWithIamSimulate } from './iam-simulate.mjs';
import { MB, round } from './stats.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const env = (name, fallback) =>
  process.env[name] !== undefined && process.env[name] !== '' ? Number(process.env[name]) : fallback;
const config = {
  principals: env('BENCH_PRINCIPALS', 10_000),
  engineSeconds: env('BENCH_ENGINE_SECONDS', 15),
  checkSeconds: env('BENCH_CHECK_SECONDS', 15),
  evaluateChecksSeconds: env('BENCH_EVALUATE_CHECKS_SECONDS', 10),
  warmupSeconds: env('BENCH_WARMUP_SECONDS', 1.5),
  cliRuns: env('BENCH_CLI_RUNS', 30),
  simulateRuns: env('BENCH_SIMULATE_RUNS', 11),
  simulateSizes: (process.env.BENCH_SIMULATE_SIZES || '2000,5000,10000').split(',').map(Number),
  only: new Set(
    (process.env.BENCH_ONLY || 'engine,check,evaluate-checks,cli,iam-simulate').split(',').map((s) => s.trim()),
  ),
  out: process.env.BENCH_OUT || join(root, 'bench', 'results.json'),
};
const TARGET_CHECKS_PER_SECOND = 100_000;
const ACTIONS = ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'];
const NOW = new Date('2026-06-01T12:00:00Z');
const DECISIONS = ['allowed', 'explicit-deny', 'implicit-deny', 'conditional'];
const CODE = new Map(DECISIONS.map((d, i) => [d, i + 1]));

const { lib, shippedCatalog, internals } = await loadLibrary();
const toolVersion = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;

// A forced GC before reading the heap makes "retained by the account" meaningful; a minor GC before
// each timed engine batch keeps the garbage of building its requests out of the engine's time.
let gc = () => {};
let minorGc = () => {};
try {
  v8.setFlagsFromString('--expose-gc');
  const exposed = vm.runInNewContext('gc');
  gc = () => exposed();
  minorGc = () => exposed({ type: 'minor' });
} catch {
  /* not available: heap figures include garbage */
}

const started = performance.now();
const fmt = (n) => Math.round(n).toLocaleString('en-US');
const log = (line = '') => process.stdout.write(`${line}\n`);
let peakHeap = 0;
const sampleHeap = () => {
  const used = process.memoryUsage().heapUsed;
  if (used > peakHeap) peakHeap = used;
};

// ---------------------------------------------------------------------------------------------- machine
const machine = {
  node: process.version,
  v8: process.versions.v8,
  cpu: os.cpus()[0]?.model ?? 'unknown',
  cores: os.cpus().length,
  platform: `${process.platform} ${process.arch}`,
  totalMemoryGB: round(os.totalmem() / 1024 ** 3, 1),
  // The machine may be shared: a high load average makes every figure pessimistic.
  loadAverageAtStart: os.loadavg().map((x) => round(x, 2)),
};
const git = (() => {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    const dirty =
      execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {
        cwd: root,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim() !== '';
    return { commit, dirty };
  } catch {
    return null;
  }
})();
log(
  `policy-check ${toolVersion} bench — Node ${machine.node} (V8 ${machine.v8}), ${machine.cpu}, ${machine.cores} cores, ${machine.platform}`,
);
log(
  `git ${git ? `${git.commit}${git.dirty ? ' (dirty)' : ''}` : 'unknown'}; catalog dated ${lib.catalogDate()}; single-threaded (main thread only); ` +
    `load average ${machine.loadAverageAtStart.join(' ')}`,
);
if (machine.loadAverageAtStart[0] > machine.cores * 0.75) {
  log(
    `note: the machine is busy (1-minute load ${machine.loadAverageAtStart[0]} on ${machine.cores} cores): wall-clock rates are pessimistic; see the per-CPU-second rates`,
  );
}
log();

// ---------------------------------------------------------------------------------------------- account
const buildStart = performance.now();
const account = buildAccount(lib, shippedCatalog(), { principals: config.principals });
const buildMs = performance.now() - buildStart;
const { models, principals, scpLevels, parse } = account;

// Expansions depend only on (model, Region): the account is one account, every principal calls the
// same 20 models from its home Region (or the profile's source Region).
const expansions = new Map();
const expansionIssues = { warnings: 0, incomplete: [] };
const expansionFor = (model, region) => {
  const key = `${model.id}|${region}`;
  let expansion = expansions.get(key);
  if (!expansion) {
    expansion = lib.expandModel({ model: model.id, region, account: ACCOUNT, partition: 'aws', actions: ACTIONS });
    if (!expansion.complete || expansion.problems.length > 0)
      expansionIssues.incomplete.push(`${key}: ${expansion.problems.map((p) => p.message).join('; ')}`);
    expansionIssues.warnings += expansion.warnings.length;
    expansions.set(key, expansion);
  }
  return expansion;
};
const plan = principals.map((p) =>
  models.map((m) => ({ model: m, region: m.regionFor(p.home), expansion: expansionFor(m, m.regionFor(p.home)) })),
);
const offsets = new Uint32Array(principals.length + 1);
for (let i = 0; i < principals.length; i++)
  offsets[i + 1] = offsets[i] + plan[i].reduce((n, x) => n + x.expansion.requests.length, 0);
const checksPerPass = offsets[principals.length];
if (expansionIssues.incomplete.length > 0)
  log(`warning: incomplete expansions: ${expansionIssues.incomplete.join(' | ')}`);

// What check() hands the engine, built by check()'s own code (a copy drifts): the same evaluation input
// (analysis/check.ts) and request context (diagnose/request-context.ts), except that the engine pass
// knows the caller as AWS sees it (principal.awsPrincipal: a session's role ARN with its path), which
// check() is not told. bench/consistency.mjs explains every decision where that matters.
const evaluationInputs = principals.map((p) => ({
  identity: p.identity,
  ...(p.principal.serviceLinkedRole ? {} : { scpLevels }),
}));
if (typeof internals.requestContextFor !== 'function') {
  process.stderr.write(
    'bench: dist/lib/diagnose/request-context.js has no requestContextFor; rebuild (npm run build)\n',
  );
  process.exit(2);
}
const requestOf = (p, caller, authorization) => ({
  action: authorization.action,
  resource: authorization.resource,
  context: internals.requestContextFor(
    caller,
    { now: NOW, context: p.context, assumeAbsent: p.assumeAbsent },
    authorization,
  ),
});
function requestsOf(i, limit = Infinity) {
  const p = principals[i];
  const requests = [];
  for (const { expansion } of plan[i]) {
    for (const authorization of expansion.requests) {
      if (requests.length >= limit) return requests;
      requests.push(requestOf(p, p.awsPrincipal, authorization));
    }
  }
  return requests;
}

gc();
const accountHeap = process.memoryUsage().heapUsed;
sampleHeap();
const inlineDocs = parse.inline;
const modelMix = { 'foundation-model': 0, us: 0, eu: 0, global: 0 };
for (const m of models) modelMix[m.scope ?? 'foundation-model']++;
log(
  `account: ${fmt(principals.length)} principals × ${models.length} models (${modelMix['foundation-model']} on-demand, ${modelMix.us} us., ` +
    `${modelMix.eu} eu., ${modelMix.global} global.) × ${ACTIONS.length} actions = ${fmt(checksPerPass)} checks per pass ` +
    `(${round(checksPerPass / principals.length / models.length, 2)} per principal×model)`,
);
log(
  `  identity: ${account.templateCounts.managed} managed + ${account.templateCounts.inline} inline templates; ${fmt(parse.managed)} managed + ` +
    `${fmt(inlineDocs)} inline documents; ${round(account.attachments / principals.length, 2)} policies per principal`,
);
log(`  SCPs: ${scpLevels.map((l) => `${l.name} [${l.policies.map((p) => p.name).join(', ')}]`).join(' → ')}`);
log(
  `parse: ${fmt(parse.documents)} documents, ${round(parse.bytes / MB, 2)} MB in ${round(parse.ms / 1000, 2)} s ` +
    `(${round((parse.ms * 1000) / parse.documents, 1)} µs/document, ${round(parse.bytes / MB / (parse.ms / 1000), 2)} MB/s; ` +
    `${parse.warnings} warnings: ${
      Object.entries(parse.warningCodes)
        .map(([k, v]) => `${k} ×${v}`)
        .join(', ') || 'none'
    }); ` +
    `account built in ${round(buildMs / 1000, 2)} s; heap after build ${round(accountHeap / MB, 1)} MB`,
);
log();

const results = {
  schemaVersion: 1,
  date: new Date().toISOString(),
  tool: { name: 'policy-check', version: toolVersion, git },
  machine,
  config: { ...config, only: [...config.only], out: relative(root, config.out) },
  catalogDate: lib.catalogDate(),
  account: {
    principals: principals.length,
    principalKinds: countBy(principals, (p) => p.kind),
    homeRegions: countBy(principals, (p) => p.home),
    models: models.map((m) => ({ id: m.id, kind: m.kind, scope: m.scope })),
    actions: ACTIONS,
    checksPerPass,
    checkCallsPerPass: principals.length * models.length,
    templates: account.templateCounts,
    identityDocuments: { managed: parse.managed, inline: parse.inline },
    policiesPerPrincipal: round(account.attachments / principals.length, 3),
    scpLevels: scpLevels.map((l) => ({ name: l.name, policies: l.policies.map((p) => p.name) })),
    expansions: expansions.size,
    expansionWarnings: expansionIssues.warnings,
    incompleteExpansions: expansionIssues.incomplete,
  },
  parse: {
    documents: parse.documents,
    bytes: parse.bytes,
    seconds: round(parse.ms / 1000, 3),
    microsecondsPerDocument: round((parse.ms * 1000) / parse.documents, 1),
    megabytesPerSecond: round(parse.bytes / MB / (parse.ms / 1000), 2),
    warnings: parse.warnings,
    warningCodes: parse.warningCodes,
    accountBuildSeconds: round(buildMs / 1000, 3),
  },
};

const engineCodes = new Uint8Array(checksPerPass);
let engineCoveredPrincipals = 0;

// ---------------------------------------------------------------------------------------------- matrix
// Issue 9: the access matrix (bench/matrix.mjs), only when asked for: BENCH_ONLY=matrix.
if (config.only.has('matrix')) results.matrix = (await import('./matrix.mjs')).default;
// Issue 10: a generated Terraform repository through `policy-check iac` (bench/iac.mjs): BENCH_ONLY=iac.
if (config.only.has('iac')) results.iac = (await import('./iac.mjs')).default;

// ---------------------------------------------------------------------------------------------- engine
if (config.only.has('engine')) {
  // Warm-up: the first principals, repeatedly, until the JIT has settled.
  const warmEnd = performance.now() + config.warmupSeconds * 1000;
  let warmChecks = 0;
  for (let i = 0; performance.now() < warmEnd; i = (i + 1) % Math.min(principals.length, 500)) {
    for (const request of requestsOf(i)) {
      lib.evaluate(evaluationInputs[i], request);
      warmChecks++;
    }
  }
  // First touch: one evaluation per principal, which compiles each of its policies (cached per Policy object).
  const firstTouchRequests = principals.map((_, i) => requestsOf(i, 1)[0]);
  const ft0 = performance.now();
  for (let i = 0; i < principals.length; i++) lib.evaluate(evaluationInputs[i], firstTouchRequests[i]);
  const firstTouchMs = performance.now() - ft0;
  firstTouchRequests.length = 0;

  // Small batches: their requests die young instead of piling up in the old generation.
  const BATCH = 10;
  let timedMs = 0;
  let checks = 0;
  let cpuMicros = 0;
  for (let start = 0; start < principals.length; start += BATCH) {
    const end = Math.min(start + BATCH, principals.length);
    const requests = [];
    const inputs = [];
    for (let i = start; i < end; i++) {
      for (const request of requestsOf(i)) {
        requests.push(request);
        inputs.push(evaluationInputs[i]);
      }
    }
    const base = offsets[start];
    minorGc();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    for (let k = 0; k < requests.length; k++)
      engineCodes[base + k] = CODE.get(lib.evaluate(inputs[k], requests[k]).decision);
    timedMs += performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    cpuMicros += cpu.user + cpu.system;
    checks += requests.length;
    engineCoveredPrincipals = end;
    if (end % 100 === 0) sampleHeap();
    if (timedMs > config.engineSeconds * 1000) break;
  }
  const perSecond = checks / (timedMs / 1000);
  results.engine = {
    what: 'evaluate(input, request) over requests expanded and built beforehand (not timed)',
    checks,
    seconds: round(timedMs / 1000, 3),
    checksPerSecond: Math.round(perSecond),
    microsecondsPerCheck: round((timedMs * 1000) / checks, 3),
    principalsCovered: engineCoveredPrincipals,
    coverage: round(engineCoveredPrincipals / principals.length, 4),
    warmupChecks: warmChecks,
    firstTouchMs: round(firstTouchMs, 1),
    cpuSeconds: round(cpuMicros / 1e6, 3),
    checksPerCpuSecond: Math.round(checks / (cpuMicros / 1e6)),
    cpuToWallRatio: round(cpuMicros / 1000 / timedMs, 3),
    fullPassSecondsProjected: round(checksPerPass / perSecond, 1),
    decisions: tally(engineCodes.subarray(0, offsets[engineCoveredPrincipals])),
    meetsTarget: perSecond >= TARGET_CHECKS_PER_SECOND,
  };
  log(
    `engine  evaluate(): ${fmt(checks)} checks in ${round(timedMs / 1000, 2)} s → ${fmt(perSecond)} checks/s ` +
      `(${round((timedMs * 1000) / checks, 2)} µs/check) [target ≥ ${fmt(TARGET_CHECKS_PER_SECOND)}: ${perSecond >= TARGET_CHECKS_PER_SECOND ? 'MET' : 'MISSED'}]`,
  );
  log(
    `        ${fmt(engineCoveredPrincipals)}/${fmt(principals.length)} principals; first-touch pass (compiles every policy) ${round(firstTouchMs, 0)} ms; ` +
      `CPU time ${round(cpuMicros / 1e6, 2)} s → ${fmt(checks / (cpuMicros / 1e6))} checks per CPU-second (CPU/wall ${round(cpuMicros / 1000 / timedMs, 2)}); ` +
      `whole account at this rate: ${round(checksPerPass / perSecond, 1)} s`,
  );
  log(`        decisions: ${describeTally(results.engine.decisions)}`);
}

// ---------------------------------------------------------------------------------------------- check()
const checkInputOf = (p, x) => ({
  identity: p.identity,
  scpLevels,
  model: x.model.id,
  region: x.region,
  principal: p.principal,
  actions: ACTIONS,
  context: p.context,
  assumeAbsent: p.assumeAbsent,
  now: NOW,
  toolVersion,
});
if (config.only.has('check')) {
  results.check = measureCalls({
    label: 'check() end to end',
    what: 'check(input) per principal × model: expansion, request building, evaluation, diagnosis of denials, report assembly',
    call: (p, x) => lib.check(checkInputOf(p, x)),
    comparableOf: (report) => ({
      entries: report.checks,
      unresolved: report.unresolved,
      placeholder: report.input.principalIsPlaceholder,
    }),
    verdictOf: (report) => report.verdict,
    seconds: config.checkSeconds,
  });
}
// The evaluation half of check() without the diagnosis (an internal function, not in the public API).
if (config.only.has('evaluate-checks') && typeof internals.evaluateChecks !== 'function')
  log('warning: dist/lib/analysis/check.js has no evaluateChecks: the check()-minus-diagnosis pass is skipped');
if (config.only.has('evaluate-checks') && typeof internals.evaluateChecks === 'function') {
  results.evaluateChecks = measureCalls({
    label: 'check() minus diagnosis (internal evaluateChecks)',
    what: 'evaluateChecks(input) per principal × model: expansion, request building, evaluation, report entries; no diagnose()',
    call: (p, x) => internals.evaluateChecks(checkInputOf(p, x)),
    comparableOf: (result) => ({
      entries: result.evaluation.checks.map((c) => ({
        action: c.authorization.action,
        resource: c.authorization.resource,
        decision: c.decision.decision,
        possibleOutcomes: c.decision.possibleOutcomes,
      })),
      unresolved: result.unresolved,
      placeholder: result.evaluation.principal.kind === 'placeholder',
    }),
    verdictOf: () => 'n/a',
    seconds: config.evaluateChecksSeconds,
  });
}

/** Times `call` once per principal × model, principal after principal, until done or the time cap. */
function measureCalls({ label, what, call, comparableOf, verdictOf, seconds }) {
  const warmEnd = performance.now() + config.warmupSeconds * 1000;
  let warmCalls = 0;
  for (let i = 0; performance.now() < warmEnd; i = (i + 1) % Math.min(principals.length, 500)) {
    for (const x of plan[i]) {
      call(principals[i], x);
      warmCalls++;
    }
  }

  let timedMs = 0;
  let checks = 0;
  let calls = 0;
  let cpuMicros = 0;
  let covered = 0;
  const codes = new Uint8Array(checksPerPass);
  const verdicts = {};
  // The engine pass and this one must agree on every check both made, or differ for a known reason.
  const consistency = makeConsistency();
  for (let i = 0; i < principals.length; i++) {
    const p = principals[i];
    const steps = plan[i];
    const outputs = new Array(steps.length);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    for (let m = 0; m < steps.length; m++) outputs[m] = call(p, steps[m]);
    timedMs += performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    cpuMicros += cpu.user + cpu.system;
    let k = offsets[i];
    for (let m = 0; m < outputs.length; m++) {
      const output = outputs[m];
      const verdict = verdictOf(output);
      verdicts[verdict] = (verdicts[verdict] ?? 0) + 1;
      const comparable = comparableOf(output);
      if (i < engineCoveredPrincipals) {
        const engine = [...engineCodes.subarray(k, k + comparable.entries.length)].map((code) => DECISIONS[code - 1]);
        const { expansion } = steps[m];
        compareCall(
          consistency,
          {
            ...comparable,
            at: k,
            principal: p.arn,
            model: steps[m].model.id,
            rolePathHidden: p.awsPrincipal !== p.principal,
            // The engine's decision of check()'s own request (only asked for the checks that differ).
            engineOnOwnRequest: (n) =>
              lib.evaluate(evaluationInputs[i], requestOf(p, p.principal, expansion.requests[n])).decision,
          },
          engine,
        );
      }
      for (const entry of comparable.entries) codes[k++] = CODE.get(entry.decision);
      checks += comparable.entries.length;
    }
    if (k !== offsets[i + 1])
      throw new Error(
        `bench: principal ${i}: ${label} returned ${k - offsets[i]} checks, the expansions ${offsets[i + 1] - offsets[i]}`,
      );
    calls += steps.length;
    covered = i + 1;
    if (i % 100 === 99) sampleHeap();
    if (timedMs > seconds * 1000) break;
  }
  sampleHeap();
  const perSecond = checks / (timedMs / 1000);
  const agreement = consistencyResult(consistency);
  const result = {
    what,
    checks,
    calls,
    seconds: round(timedMs / 1000, 3),
    checksPerSecond: Math.round(perSecond),
    callsPerSecond: Math.round(calls / (timedMs / 1000)),
    microsecondsPerCall: round((timedMs * 1000) / calls, 2),
    principalsCovered: covered,
    coverage: round(covered / principals.length, 4),
    warmupCalls: warmCalls,
    cpuSeconds: round(cpuMicros / 1e6, 3),
    checksPerCpuSecond: Math.round(checks / (cpuMicros / 1e6)),
    cpuToWallRatio: round(cpuMicros / 1000 / timedMs, 3),
    fullPassSecondsProjected: round(checksPerPass / perSecond, 1),
    decisions: tally(codes.subarray(0, offsets[covered])),
    ...(Object.keys(verdicts).some((v) => v !== 'n/a') ? { verdicts } : {}),
    agreesWithEngine: agreement,
    meetsTarget: perSecond >= TARGET_CHECKS_PER_SECOND,
  };
  log(
    `${label}: ${fmt(checks)} checks (${fmt(calls)} calls) in ${round(timedMs / 1000, 2)} s → ${fmt(perSecond)} checks/s, ` +
      `${fmt(calls / (timedMs / 1000))} calls/s (${round((timedMs * 1000) / calls, 1)} µs/call) ` +
      `[target ≥ ${fmt(TARGET_CHECKS_PER_SECOND)}: ${perSecond >= TARGET_CHECKS_PER_SECOND ? 'MET' : 'MISSED'}]`,
  );
  log(
    `        ${fmt(covered)}/${fmt(principals.length)} principals; CPU time ${round(cpuMicros / 1e6, 2)} s → ${fmt(checks / (cpuMicros / 1e6))} checks per CPU-second ` +
      `(CPU/wall ${round(cpuMicros / 1000 / timedMs, 2)}); whole account at this rate: ${round(checksPerPass / perSecond, 1)} s`,
  );
  if (result.verdicts)
    log(
      `        verdicts: ${Object.entries(verdicts)
        .map(([k, v]) => `${k} ${fmt(v)}`)
        .join(', ')}`,
    );
  log(`        decisions: ${describeTally(result.decisions)}`);
  for (const line of agreementLines(agreement, fmt)) log(`        ${line}`);
  if (agreement.unexplained > 0) process.exitCode = 1;
  return result;
}

// ---------------------------------------------------------------------------------------------- memory
sampleHeap();
const usage = process.resourceUsage();
gc();
const liveHeapAtEnd = process.memoryUsage().heapUsed;
results.memory = {
  maxRssMB: round(usage.maxRSS / 1024, 1),
  peakHeapUsedMB: round(peakHeap / MB, 1),
  heapAfterAccountBuildMB: round(accountHeap / MB, 1),
  // After a forced GC: the account plus the engine's compiled-policy cache and the expansions.
  liveHeapAfterRunsMB: round(liveHeapAtEnd / MB, 1),
  heapStatistics: { totalAvailableMB: round(v8.getHeapStatistics().total_available_size / MB, 0) },
};
log(
  `memory: maxRSS ${results.memory.maxRssMB} MB; peak heapUsed ${results.memory.peakHeapUsedMB} MB (sampled between batches, garbage included); ` +
    `live heap after account build ${results.memory.heapAfterAccountBuildMB} MB, after the runs ${results.memory.liveHeapAfterRunsMB} MB`,
);

// ---------------------------------------------------------------------------------------------- CLI
if (config.only.has('cli')) {
  // Both command forms against bare Node: wall time (target TARGET_CLI_RATIO) and peak RSS (TARGET_RSS_RATIO).
  const cli = measureCli(root, { runs: config.cliRuns, warmups: 3, base: process.env.BENCH_CLI_BASE });
  results.cli = { ...cli, meetsTarget: cli.forms.every((form) => form.meetsWallTarget) };
  log();
  for (const line of describeCli(cli)) log(line);
}

// ---------------------------------------------------------------------------------------------- iam-simulate
if (config.only.has('iam-simulate')) {
  log();
  results.iamSimulate = compareWithIamSimulate(root, {
    scratch: join(root, 'bench', '.scratch'),
    sizes: config.simulateSizes,
    runs: config.simulateRuns,
    log,
  });
}

results.targets = {
  checksPerSecond: TARGET_CHECKS_PER_SECOND,
  cliRatio: TARGET_CLI_RATIO,
  engineMet: results.engine?.meetsTarget ?? null,
  checkMet: results.check?.meetsTarget ?? null,
  evaluateChecksMet: results.evaluateChecks?.meetsTarget ?? null,
  cliMet: results.cli?.meetsTarget ?? null,
};
results.machine.loadAverageAtEnd = os.loadavg().map((x) => round(x, 2));
results.durationSeconds = round((performance.now() - started) / 1000, 1);
writeFileSync(config.out, `${JSON.stringify(results, null, 2)}\n`);
log();
log(`wrote ${relative(process.cwd(), config.out) || config.out} in ${results.durationSeconds} s total`);

function countBy(list, key) {
  const counts = {};
  for (const item of list) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

function tally(codes) {
  const counts = Object.fromEntries(DECISIONS.map((d) => [d, 0]));
  for (const code of codes) if (code) counts[DECISIONS[code - 1]]++;
  return counts;
}

function describeTally(counts) {
  const total = Object.values(counts).reduce((a, b) => a + b, 0) || 1;
  return Object.entries(counts)
    .map(([k, v]) => `${k} ${round((100 * v) / total, 1)}%`)
    .join(', ');
}

/**
 * Imports the built library. Others may be rebuilding dist/ meanwhile (the build starts by deleting
 * it), so wait for a complete build — the CLI code cache is its last step — and retry a failed import.
 */
async function loadLibrary() {
  const libEntry = join(root, 'dist', 'lib', 'index.js');
  const complete = () => existsSync(libEntry) && existsSync(join(root, 'dist', 'cli.cjs.cache'));
  const deadline = performance.now() + 120_000;
  for (let attempt = 0; ; attempt++) {
    if (complete()) {
      try {
        const lib = await import(`${pathToFileURL(libEntry).href}?attempt=${attempt}`);
        // The catalog index is not part of the public API (src/index.ts exports expandModel and catalogDate only).
        const { shippedCatalog } = await import(pathToFileURL(join(root, 'dist', 'lib', 'bedrock', 'catalog.js')).href);
        // Internal: check() without its diagnosis, to show where check()'s time goes; absent in older builds.
        const internals = {
          ...(await import(pathToFileURL(join(root, 'dist', 'lib', 'analysis', 'check.js')).href).catch(() => ({}))),
          // The context keys check() derives for a principal, so that the engine pass builds the very same requests.
          ...(await import(pathToFileURL(join(root, 'dist', 'lib', 'diagnose', 'request-context.js')).href).catch(
            () => ({}),
          )),
        };
        return { lib, shippedCatalog, internals };
      } catch (error) {
        if (error?.code !== 'ERR_MODULE_NOT_FOUND' || performance.now() > deadline) throw error;
      }
    } else if (performance.now() > deadline) {
      process.stderr.write(
        'bench: dist/ is missing or incomplete; run `npm run bench` (it builds first) or `npm run build`\n',
      );
      process.exit(2);
    }
    if (attempt === 0) process.stderr.write('bench: dist/ is being rebuilt; waiting for it\n');
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}
