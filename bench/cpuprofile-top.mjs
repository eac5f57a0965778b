#!/usr/bin/env node
// Summarizes a V8 .cpuprofile (from `node --cpu-prof`): the top functions by self time and by total
// (inclusive) time. Usage: node bench/cpuprofile-top.mjs PROFILE.cpuprofile [N=25] [FILTER]
// FILTER keeps only functions whose url contains it (e.g. dist/lib) in the inclusive table.
import { readFileSync } from 'node:fs';

const [file, nArg, filter] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: node bench/cpuprofile-top.mjs PROFILE.cpuprofile [N] [FILTER]\n');
  process.exit(2);
}
const n = Number(nArg ?? 25);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

// Sample counts per node, weighted by the time deltas.
const selfTime = new Map();
for (let i = 0; i < profile.samples.length; i++) {
  const id = profile.samples[i];
  selfTime.set(id, (selfTime.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
}
const total = [...selfTime.values()].reduce((a, b) => a + b, 0);
const label = (node) => {
  const f = node.callFrame;
  const where = f.url
    ? `${f.url.replace(/^file:\/\/.*?\/(dist|bench|node_modules)\//, '$1/')}:${f.lineNumber + 1}`
    : '';
  return `${f.functionName || '(anonymous)'} ${where}`.trim();
};

const bySelf = new Map();
const byTotal = new Map();
for (const [id, time] of selfTime) {
  const node = nodes.get(id);
  bySelf.set(label(node), (bySelf.get(label(node)) ?? 0) + time);
  // Inclusive: count the sample once for every distinct function on its stack.
  const seen = new Set();
  for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
    const l = label(nodes.get(cur));
    if (seen.has(l)) continue;
    seen.add(l);
    byTotal.set(l, (byTotal.get(l) ?? 0) + time);
  }
}
const print = (title, map, keep = () => true) => {
  process.stdout.write(`\n${title} (of ${(total / 1000).toFixed(0)} ms sampled)\n`);
  for (const [l, t] of [...map]
    .filter(([l]) => keep(l))
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)) {
    process.stdout.write(
      `${((100 * t) / total).toFixed(1).padStart(6)}%  ${(t / 1000).toFixed(0).padStart(7)} ms  ${l}\n`,
    );
  }
};
print('self time', bySelf);
print('total time', byTotal, (l) => !filter || l.includes(filter));
