#!/usr/bin/env node
'use strict';
// Starts the bundled CLI from a V8 code cache made at build time: compiling the bundle is most of a
// one-shot run's cost, and Node 20 has no built-in compile cache.
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');

const bundle = path.join(__dirname, '..', 'dist', 'cli.cjs');
const cacheFile = `${bundle}.cache`;
let source;
try {
  // The build guarantees ASCII, which latin1 reads as is, straight into a one-byte string.
  source = fs.readFileSync(bundle, 'latin1');
} catch {
  process.stderr.write('policy-check: the CLI is not built yet; run `npm run build` (npm ci does it)\n');
  process.exit(2);
}
let cachedData;
try {
  cachedData = fs.readFileSync(cacheFile);
} catch {
  cachedData = undefined;
}
// The bundle is already a CommonJS wrapper function (scripts/build.mjs), so its text is compiled without a copy.
const script = new vm.Script(source, { filename: bundle, cachedData });
source = undefined;
cachedData = undefined;
const bundleModule = { exports: {} };
// The bundle requires node:path and node:fs once per module that imports them (about 50 calls); Node answers
// each by copying the module's exports onto its ES module facade again. Once per name is enough.
const required = new Map();
const bundleRequire = (id) => {
  let exported = required.get(id);
  if (exported === undefined) {
    exported = require(id);
    required.set(id, exported);
  }
  return exported;
};
script
  .runInThisContext()
  .call(bundleModule.exports, bundleModule.exports, bundleRequire, bundleModule, bundle, path.dirname(bundle));
if (process.env.POLICY_CHECK_WRITE_CODE_CACHE === '1') {
  process.on('exit', () => fs.writeFileSync(cacheFile, script.createCachedData()));
}
