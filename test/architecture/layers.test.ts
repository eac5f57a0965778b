// DESIGN.md "Layers": every import in src/**/*.ts follows the dependency table, and the public library
// API (src/index.ts and everything it loads) touches no process, console or file system. Imports are
// read with the TypeScript parser (multi-line, type-only, re-exports, dynamic import() and require()),
// and each violation is printed as file:line.
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

const LAYERS = ['model', 'parse', 'engine', 'bedrock', 'diagnose', 'analysis', 'sources', 'report', 'cli'] as const;
type Layer = (typeof LAYERS)[number] | 'index';

interface Rule {
  /** Layers whose modules may be imported (its own layer always may). */
  readonly layers: readonly Layer[];
  /** Layers from which only `import type` / `export type` is allowed. */
  readonly typesFrom?: readonly Layer[];
  /** node:* (and bare Node built-in) modules. */
  readonly node: boolean;
  /** npm packages (and their subpaths); true: any. */
  readonly packages: readonly string[] | true;
}

// The table of DESIGN.md; packages are what each layer's job needs (parse validates with ajv, reads JSON
// with jsonc-parser, TOML with toml, YAML with yaml, HCL and code with web-tree-sitter (from WASM bytes sources read), and version constraints with
// the PEP 440 and semver libraries; diagnose compares SDK versions with the same two; cli is yargs wiring;
// sources will hold the AWS SDK for live scans).
const RULES: Record<Layer, Rule> = {
  model: { layers: [], node: false, packages: [] },
  parse: {
    layers: ['model'],
    node: false,
    packages: ['ajv', 'jsonc-parser', 'toml', 'yaml', 'web-tree-sitter', '@renovatebot/pep440', 'semver'],
  },
  engine: { layers: ['model'], node: false, packages: [] },
  bedrock: { layers: ['model'], node: false, packages: [] },
  diagnose: { layers: ['model', 'engine', 'bedrock'], node: false, packages: ['@renovatebot/pep440', 'semver'] },
  // Orchestration: one principal × one model today, the matrix and diff analyses next to it.
  analysis: { layers: ['model', 'engine', 'bedrock', 'diagnose'], node: false, packages: [] },
  sources: { layers: ['model', 'parse'], node: true, packages: ['@aws-sdk', 'minimatch'] },
  report: { layers: ['model'], typesFrom: ['diagnose', 'analysis'], node: false, packages: [] },
  cli: {
    layers: ['model', 'parse', 'engine', 'bedrock', 'diagnose', 'analysis', 'sources', 'report', 'index'],
    node: true,
    packages: true,
  },
  // The library API re-exports the pure layers; sources and cli are the only code with I/O.
  index: {
    layers: ['model', 'parse', 'engine', 'bedrock', 'diagnose', 'analysis', 'report'],
    node: false,
    packages: [],
  },
};

interface ImportSite {
  readonly specifier: string;
  readonly line: number;
  /** Erased at compile time: `import type`, `export type`, or an `import('x').T` type. */
  readonly typeOnly: boolean;
}

interface GlobalUse {
  readonly name: string;
  readonly line: number;
}

const GLOBALS = ['process', 'console'];

/**
 * One pass over a TypeScript source: every module specifier it imports or re-exports, and every use of
 * the `process` or `console` globals (not a property of that name), each with its line.
 */
function scan(text: string, fileName = 'file.ts'): { sites: ImportSite[]; uses: GlobalUse[] } {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const sites: ImportSite[] = [];
  const uses: GlobalUse[] = [];
  const lineOf = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  const add = (node: ts.Node, specifier: ts.Expression | undefined, typeOnly: boolean) => {
    if (specifier && ts.isStringLiteralLike(specifier)) {
      sites.push({ specifier: specifier.text, line: lineOf(node), typeOnly });
    }
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      // Under verbatimModuleSyntax `import { type A } from 'x'` still loads x at run time; only `import type` is erased.
      add(node, node.moduleSpecifier, node.importClause?.isTypeOnly === true);
    } else if (ts.isExportDeclaration(node)) {
      add(node, node.moduleSpecifier, node.isTypeOnly);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node, node.moduleReference.expression, node.isTypeOnly);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node, node.argument.literal, true);
    } else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const isDynamicImport = callee.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(callee) && callee.text === 'require';
      if (isDynamicImport || isRequire) add(node, node.arguments[0], false);
    } else if (ts.isIdentifier(node) && GLOBALS.includes(node.text)) {
      const parent = node.parent;
      const isPropertyName =
        (ts.isPropertyAccessExpression(parent) && parent.name === node) ||
        (ts.isPropertyAssignment(parent) && parent.name === node) ||
        (ts.isPropertySignature(parent) && parent.name === node) ||
        (ts.isPropertyDeclaration(parent) && parent.name === node) ||
        (ts.isMethodDeclaration(parent) && parent.name === node);
      if (!isPropertyName) uses.push({ name: node.text, line: lineOf(node) });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { sites, uses };
}

const NODE_BUILTINS = new Set(builtinModules);
const isNodeBuiltin = (specifier: string) =>
  specifier.startsWith('node:') || NODE_BUILTINS.has(specifier.split('/')[0] ?? '');
const packageName = (specifier: string) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

function sourceFiles(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory()
        ? sourceFiles(join(dir, entry.name))
        : entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')
          ? [join(dir, entry.name)]
          : [],
    )
    .sort();
}

const rel = (file: string) => relative(SRC, file).split(sep).join('/');

/** The layer of a path under src/, or undefined when it is outside the table. */
function layerOf(file: string): Layer | undefined {
  const path = rel(file);
  if (path === 'index.ts') return 'index';
  const top = path.split('/')[0] as Layer;
  return path.includes('/') && (LAYERS as readonly string[]).includes(top) ? top : undefined;
}

/** A relative specifier as a file path (`./x.js` → `x.ts`). */
function resolveRelative(from: string, specifier: string): string {
  const target = resolve(dirname(from), specifier);
  return target.endsWith('.js') ? `${target.slice(0, -3)}.ts` : target;
}

interface Violation {
  readonly where: string;
  readonly message: string;
}

function violationsOf(file: string, sites: readonly ImportSite[]): Violation[] {
  const layer = layerOf(file);
  if (!layer)
    return [
      {
        where: `src/${rel(file)}:1`,
        message: `is in no layer of DESIGN.md's table (move it under one of src/${LAYERS.join(', src/')})`,
      },
    ];
  const rule = RULES[layer];
  const violations: Violation[] = [];
  for (const site of sites) {
    const where = `src/${rel(file)}:${site.line}`;
    const { specifier } = site;
    if (specifier.startsWith('.')) {
      const target = resolveRelative(file, specifier);
      if (relative(SRC, target).startsWith('..')) {
        violations.push({ where, message: `${layer} imports ${specifier}, outside src/` });
        continue;
      }
      const targetLayer = layerOf(target);
      if (targetLayer === layer) continue;
      if (targetLayer && rule.layers.includes(targetLayer)) continue;
      if (targetLayer && site.typeOnly && rule.typesFrom?.includes(targetLayer)) continue;
      const hint =
        targetLayer && rule.typesFrom?.includes(targetLayer) ? ' (only `import type` is allowed from it)' : '';
      violations.push({
        where,
        message: `${layer} may not import ${targetLayer ?? `src/${rel(target)}`}: ${specifier}${hint}`,
      });
    } else if (isNodeBuiltin(specifier)) {
      if (!rule.node) violations.push({ where, message: `${layer} may not import Node built-in ${specifier}` });
    } else if (
      rule.packages !== true &&
      !rule.packages.some((allowed) => packageName(specifier) === allowed || specifier.startsWith(`${allowed}/`))
    ) {
      violations.push({ where, message: `${layer} may not import package ${specifier}` });
    }
  }
  return violations;
}

const FILES = sourceFiles();
const SCANS = new Map(FILES.map((file) => [file, scan(readFileSync(file, 'utf8'), file)]));
const format = (violations: readonly Violation[]) => violations.map((v) => `${v.where}: ${v.message}`);

describe('the import scanner', () => {
  it('finds multi-line, type-only, re-exported, dynamic and required imports with their lines', () => {
    const text = [
      'import {',
      '  a,',
      '  type B,',
      "} from './one.js';",
      "import type { C } from '../model/index.js';",
      "export { d } from './two.js';",
      "export type { E } from './three.js';",
      "export * from './four.js';",
      "import './side-effect.js';",
      "const f = await import('node:fs');",
      "const g = require('yargs');",
      "let h: import('./five.js').H;",
      'const s = \'import x from "./not-an-import.js"\';',
    ].join('\n');
    expect(scan(text).sites).toEqual([
      { specifier: './one.js', line: 1, typeOnly: false },
      { specifier: '../model/index.js', line: 5, typeOnly: true },
      { specifier: './two.js', line: 6, typeOnly: false },
      { specifier: './three.js', line: 7, typeOnly: true },
      { specifier: './four.js', line: 8, typeOnly: false },
      { specifier: './side-effect.js', line: 9, typeOnly: false },
      { specifier: 'node:fs', line: 10, typeOnly: false },
      { specifier: 'yargs', line: 11, typeOnly: false },
      { specifier: './five.js', line: 12, typeOnly: true },
    ]);
  });

  it('finds uses of the process and console globals, not properties of that name', () => {
    const text = ['const a = process.env.X;', 'const o = { console: 1 };', 'o.process = 2;', 'console.log(a);'].join(
      '\n',
    );
    expect(scan(text).uses).toEqual([
      { name: 'process', line: 1 },
      { name: 'console', line: 4 },
    ]);
  });

  it('reports a violation at file:line', () => {
    const fake = join(SRC, 'engine', 'fake.ts');
    const engineFile =
      "import { x } from '../model/index.js';\n\nimport { readFileSync } from 'node:fs';\nimport { y } from '../bedrock/index.js';\n";
    expect(format(violationsOf(fake, scan(engineFile).sites))).toEqual([
      'src/engine/fake.ts:3: engine may not import Node built-in node:fs',
      'src/engine/fake.ts:4: engine may not import bedrock: ../bedrock/index.js',
    ]);
    expect(
      format(
        violationsOf(join(SRC, 'report', 'fake.ts'), scan("import { type T } from '../diagnose/types.js';\n").sites),
      ),
    ).toEqual([
      'src/report/fake.ts:1: report may not import diagnose: ../diagnose/types.js (only `import type` is allowed from it)',
    ]);
  });

  it('sees the source tree', () => {
    expect(FILES.length).toBeGreaterThan(20);
    expect(FILES.map(rel)).toContain('index.ts');
    expect(SCANS.get(join(SRC, 'cli', 'run-cli.ts'))?.sites.map((site) => site.specifier)).toContain('yargs');
  });
});

describe('DESIGN.md dependency table', () => {
  it.each([...LAYERS, 'index'] as const)('%s imports only what the table allows', (layer) => {
    const violations = FILES.filter((file) => layerOf(file) === layer).flatMap((file) =>
      violationsOf(file, SCANS.get(file)?.sites ?? []),
    );
    expect(format(violations)).toEqual([]);
  });

  it('every file under src/ belongs to a layer', () => {
    expect(FILES.filter((file) => layerOf(file) === undefined).map((file) => `src/${rel(file)}:1`)).toEqual([]);
  });
});

describe('the library API (src/index.ts)', () => {
  // Everything index.ts loads at run time, followed through relative imports.
  function runtimeClosure(entry: string): string[] {
    const seen = new Set<string>();
    const queue = [entry];
    while (queue.length > 0) {
      const file = queue.pop()!;
      if (seen.has(file) || !SCANS.has(file)) continue;
      seen.add(file);
      for (const site of SCANS.get(file)!.sites) {
        if (!site.typeOnly && site.specifier.startsWith('.')) queue.push(resolveRelative(file, site.specifier));
      }
    }
    return [...seen].sort();
  }

  it('loads no module that uses process, console or the file system', () => {
    const violations: string[] = [];
    for (const file of runtimeClosure(join(SRC, 'index.ts'))) {
      const { sites, uses } = SCANS.get(file)!;
      for (const use of uses) violations.push(`src/${rel(file)}:${use.line}: uses ${use.name}`);
      for (const site of sites) {
        if (isNodeBuiltin(site.specifier)) violations.push(`src/${rel(file)}:${site.line}: imports ${site.specifier}`);
      }
    }
    expect(violations).toEqual([]);
  });
});
