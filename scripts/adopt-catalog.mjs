#!/usr/bin/env node
// Adopts the compiled Bedrock catalog into the compact, deterministic file the tool ships:
//   node scripts/adopt-catalog.mjs [SOURCE] [--out FILE]
// SOURCE defaults to ../shared/data/bedrock-catalog.json, FILE to src/bedrock/data/catalog.json
// (both relative to the repository root). Same input → byte-identical output.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const LIFECYCLES = new Set(['ACTIVE', 'LEGACY', 'EOL']);
const INVOCATION_TYPES = new Set(['ON_DEMAND', 'INFERENCE_PROFILE']);
const SCOPES = new Set(['us', 'eu', 'apac', 'jp', 'au', 'ca', 'in', 'us-gov', 'global']);

function parseArgs(argv) {
  let source = resolve(repoRoot, '../shared/data/bedrock-catalog.json');
  let out = resolve(repoRoot, 'src/bedrock/data/catalog.json');
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--out') {
      const next = argv[++i];
      if (next === undefined) fail('--out needs a file name');
      out = resolve(next);
    } else if (arg.startsWith('-')) fail(`unknown option ${arg}`);
    else source = resolve(arg);
  }
  return { source, out };
}

function fail(message) {
  process.stderr.write(`adopt-catalog: ${message}\n`);
  process.exit(2);
}

function check(condition, message) {
  if (!condition) fail(message);
}

const sortedStrings = (list) => [...list].sort();

function compactModel(m) {
  const where = `model ${m.modelId}`;
  check(typeof m.modelId === 'string' && m.modelId.length > 0, 'a model has no modelId');
  check(LIFECYCLES.has(m.lifecycle), `${where}: lifecycle ${m.lifecycle}`);
  const out = {
    lifecycle: m.lifecycle,
    marketplace: m.marketplace ?? null,
    modelId: m.modelId,
    name: m.name,
    provider: m.provider,
    streaming: m.streaming ?? null,
  };
  if (m.legacyDate) out.legacyDate = m.legacyDate;
  if (m.eolDate) out.eolDate = m.eolDate;
  if (m.regions) {
    const regions = {};
    for (const region of sortedStrings(Object.keys(m.regions))) {
      const types = m.regions[region];
      for (const t of types) check(INVOCATION_TYPES.has(t), `${where}: invocation type ${t}`);
      regions[region] = sortedStrings(types);
    }
    out.regions = regions;
  }
  if (m.eolRegions !== undefined) {
    check(m.eolRegions === 'all' || Array.isArray(m.eolRegions), `${where}: eolRegions`);
    out.eolRegions = m.eolRegions === 'all' ? 'all' : sortedStrings(m.eolRegions);
  }
  if (m.lifecycleByRegion) {
    const byRegion = {};
    for (const state of sortedStrings(Object.keys(m.lifecycleByRegion))) {
      check(LIFECYCLES.has(state), `${where}: lifecycleByRegion ${state}`);
      byRegion[state] = sortedStrings(m.lifecycleByRegion[state]);
    }
    out.lifecycleByRegion = byRegion;
  }
  if (m.inferenceProfileIds?.length) out.inferenceProfileIds = sortedStrings(m.inferenceProfileIds);
  if (m.mantleRegions?.length) out.mantleRegions = sortedStrings(m.mantleRegions);
  return out;
}

// Many source Regions of one profile share the same destination list (a global profile has ~33
// sources × ~31 destinations), so each distinct list is stored once and sources point at it.
function compactProfile(p) {
  const where = `profile ${p.id}`;
  check(SCOPES.has(p.scope), `${where}: scope ${p.scope}`);
  check(LIFECYCLES.has(p.status), `${where}: status ${p.status}`);
  check(p.id === `${p.scope}.${p.modelId}`, `${where}: id is not scope.modelId`);
  const sources = p.sourceRegions ?? {};
  const lists = new Map();
  for (const destinations of Object.values(sources)) {
    if (destinations === null) continue;
    const sorted = sortedStrings(destinations);
    lists.set(sorted.join(','), sorted);
  }
  const keys = sortedStrings(lists.keys());
  const destinationSets = keys.map((key) => lists.get(key));
  const sourceRegions = {};
  for (const source of sortedStrings(Object.keys(sources))) {
    const destinations = sources[source];
    sourceRegions[source] = destinations === null ? null : keys.indexOf(sortedStrings(destinations).join(','));
  }
  const out = { destinationSets, id: p.id, modelId: p.modelId, scope: p.scope, sourceRegions, status: p.status };
  if (p.idInferred === true) out.idInferred = true;
  return out;
}

function compactSource(s) {
  return { seen: s.seen ?? 'unknown', title: s.title, url: s.url };
}

// One model/profile/source per line: small, and diffs stay readable when the catalog is re-adopted.
function render(catalog) {
  const block = (items) => `[\n${items.map((item) => `    ${JSON.stringify(sortKeys(item))}`).join(',\n')}\n  ]`;
  return [
    '{',
    `  "compiledOn": ${JSON.stringify(catalog.compiledOn)},`,
    `  "models": ${block(catalog.models)},`,
    `  "profiles": ${block(catalog.profiles)},`,
    `  "sources": ${block(catalog.sources)}`,
    '}',
    '',
  ].join('\n');
}

function sortKeys(value) {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const out = {};
  for (const key of Object.keys(value).sort()) out[key] = sortKeys(value[key]);
  return out;
}

const byKey = (key) => (a, b) => (a[key] < b[key] ? -1 : a[key] > b[key] ? 1 : 0);

function adopt(raw) {
  check(/^\d{4}-\d{2}-\d{2}$/.test(raw.compiledOn ?? ''), `compiledOn ${raw.compiledOn}`);
  const models = raw.models.map(compactModel).sort(byKey('modelId'));
  const profiles = raw.inferenceProfiles.map(compactProfile).sort(byKey('id'));
  const sources = raw.compiledFrom.map(compactSource).sort((a, b) => byKey('url')(a, b) || byKey('title')(a, b));
  const modelIds = new Set(models.map((m) => m.modelId));
  for (const p of profiles) check(modelIds.has(p.modelId), `profile ${p.id}: unknown model ${p.modelId}`);
  return { compiledOn: raw.compiledOn, models, profiles, sources };
}

const { source, out } = parseArgs(process.argv.slice(2));
const catalog = adopt(JSON.parse(readFileSync(source, 'utf8')));
const text = render(catalog);
writeFileSync(out, text);
process.stdout.write(
  `adopted ${catalog.models.length} models, ${catalog.profiles.length} profiles (catalog ${catalog.compiledOn}) → ${out} (${Buffer.byteLength(text)} bytes)\n`,
);
