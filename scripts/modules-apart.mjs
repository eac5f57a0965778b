// Modules that a one-shot `check` never runs (the iac, scan, diff and explain commands, the validators of inputs
// other than policy documents, the report formats other than the check's text and JSON) are bundled apart from
// dist/cli.cjs, each into its own file beside it (dist/iac.cjs, …) that the main bundle loads when the module is
// first called: a check neither reads nor compiles their code, nor its code cache holds it. What both need (the
// engine, the model, the parsers, InputError, the standard streams…) is not copied into the apart bundle: it
// receives the main bundle's modules when it loads, so a class is one class (an InputError thrown in `iac` is
// still `instanceof InputError` for the CLI's error handling) and module state (the stdout guards, the native
// SHA-256 hook, caches) is one state. A module apart exports functions (called through the shim) and plain data
// (copied into the main bundle).
//
// How: a build of the main bundle without the apart modules says which modules it holds; a build of each apart
// module says which modules it needs and which of them import the main bundle's. The apart bundle imports
// those from `__host`, a parameter of the function the file exports; the main bundle replaces the apart module
// by a shim that loads the file on the first call, handing it `__host`, which one module of the main bundle
// (hostSource) makes from its own modules for every apart bundle.
import { join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { BUNDLE_URL } from './bundle-options.mjs';

const SHIM = 'modules-apart';
const HOST = 'apart-host';
/** The import path of the module hostSource writes. */
const HOST_MODULE = 'modules-apart-host';

/** A file path as esbuild's metafile names it: relative to the root, with forward slashes. */
const metaPath = (root, path) => relative(root, path).split(sep).join('/');

/**
 * The exports of an apart module, from its tsc output: a function is called through the apart bundle;
 * anything else (help texts, examples) must be plain data, copied into the main bundle as a literal so that
 * showing the command's help does not load it.
 */
async function exportsOf(root, source) {
  const compiled = join(root, 'dist', 'lib', source.replace(/^src[\\/]/, '').replace(/\.ts$/, '.js'));
  const module = await import(pathToFileURL(compiled).href);
  return Object.entries(module).map(([name, value]) => {
    if (typeof value === 'function') return { name, kind: 'function' };
    const literal = JSON.stringify(value);
    if (literal === undefined || JSON.stringify(JSON.parse(literal)) !== literal)
      throw new Error(
        `${source}: export ${name} is neither a function nor plain data; it cannot stay behind a lazy bundle`,
      );
    return { name, kind: 'data', literal };
  });
}

/** The main bundle's stand-in for an apart module. `built` is false for the build that only looks. */
function shimSource(command, exports, built) {
  const lines = [];
  if (built) {
    lines.push(
      `import { apartHost } from ${JSON.stringify(HOST_MODULE)};`,
      'let loaded;',
      `const load = () => (loaded ??= require(require('node:path').join(__dirname, ${JSON.stringify(command.file)}))(apartHost()));`,
    );
  } else {
    lines.push('const load = () => { throw new Error("not built"); };');
  }
  for (const exported of exports) {
    lines.push(
      exported.kind === 'function'
        ? `export function ${exported.name}(...args) { return load().${exported.name}(...args); }`
        : `export const ${exported.name} = ${exported.literal};`,
    );
  }
  return lines.join('\n');
}

/**
 * The one module that gives every apart bundle the main bundle's modules it shares (`paths`: { id, absolute, names },
 * names null for a CommonJS module), made when an apart module first loads. Named imports: a namespace import
 * (`import * as`) would make esbuild build each module's namespace object, a getter per export, on every start.
 */
function hostSource(paths) {
  const lines = [];
  const entries = paths.map((path, index) => {
    if (path.names === null) {
      lines.push(`import * as host${index} from ${JSON.stringify(path.absolute)};`);
      return `${JSON.stringify(path.id)}: host${index}`;
    }
    const local = (name) => `host${index}_${name}`;
    if (path.names.length > 0)
      lines.push(
        `import { ${path.names.map((name) => `${name} as ${local(name)}`).join(', ')} } from ${JSON.stringify(path.absolute)};`,
      );
    return `${JSON.stringify(path.id)}: {${path.names.map((name) => `${name}: ${local(name)}`).join(', ')}}`;
  });
  lines.push('let host;', `export function apartHost() { return (host ??= {${entries.join(', ')}}); }`);
  return lines.join('\n');
}

/** Replaces each apart module, wherever it is imported from, with its shim. */
function shimPlugin(root, commands, shims) {
  return {
    name: 'modules-apart-shim',
    setup(builder) {
      // An import of a module apart ends in its base name with .js (TypeScript's spelling of a .ts module).
      const baseNames = commands.map((command) => command.source.replace(/^.*\//, '').replace(/\.ts$/, ''));
      const filter = new RegExp(
        `(^|[\\\\/])(${baseNames.map((name) => name.replace(/[.-]/g, '\\$&')).join('|')})\\.js$`,
      );
      builder.onResolve({ filter: new RegExp(`^${HOST_MODULE}$`) }, () => ({ path: HOST_MODULE, namespace: SHIM }));
      builder.onResolve({ filter }, async (args) => {
        if (args.pluginData?.[SHIM]) return undefined;
        const resolved = await builder.resolve(args.path, {
          resolveDir: args.resolveDir,
          kind: args.kind,
          importer: args.importer,
          pluginData: { [SHIM]: true },
        });
        const command = commands.find((candidate) => candidate.source === metaPath(root, resolved.path));
        return command ? { path: command.source, namespace: SHIM } : undefined;
      });
      builder.onLoad({ filter: /.*/, namespace: SHIM }, (args) => ({
        contents: shims.get(args.path),
        loader: 'js',
        resolveDir: root,
      }));
    },
  };
}

/** In an apart bundle: every import of a module the main bundle holds reads the main bundle's from `__host`. */
function hostPlugin(root, shared) {
  return {
    name: 'apart-host',
    setup(builder) {
      builder.onResolve({ filter: /.*/ }, async (args) => {
        if (args.pluginData?.[HOST] || args.kind === 'entry-point') return undefined;
        const resolved = await builder.resolve(args.path, {
          resolveDir: args.resolveDir,
          kind: args.kind,
          importer: args.importer,
          pluginData: { [HOST]: true },
        });
        if (resolved.errors.length > 0 || resolved.namespace !== 'file') return resolved;
        const id = metaPath(root, resolved.path);
        return shared.has(id) ? { path: id, namespace: HOST } : resolved;
      });
      builder.onLoad({ filter: /.*/, namespace: HOST }, (args) => {
        const names = shared.get(args.path);
        // A CommonJS module is its exports object, as the main bundle's `import * as` made it.
        if (names === null) return { contents: `module.exports = __host[${JSON.stringify(args.path)}];`, loader: 'js' };
        const lines = [`const shared = __host[${JSON.stringify(args.path)}];`];
        for (const name of names) {
          lines.push(
            name === 'default'
              ? 'const sharedDefault = shared.default;\nexport { sharedDefault as default };'
              : `export const ${name} = shared.${name};`,
          );
        }
        return {
          contents: lines.join('\n'),
          loader: 'js',
        };
      });
    },
  };
}

/**
 * Builds the main bundle (`mainOptions`, an esbuild configuration whose `plugins` are applied to the apart
 * bundles too) and one bundle per module of `commands` ({ source: 'src/cli/run-iac.ts', file: 'iac.cjs' }).
 */
export async function buildModulesApart(root, mainOptions, commands) {
  const exportsByCommand = new Map();
  for (const command of commands) exportsByCommand.set(command, await exportsOf(root, command.source));
  const shims = new Map(
    commands.map((command) => [command.source, shimSource(command, exportsByCommand.get(command), false)]),
  );
  const looking = { write: false, metafile: true, logLevel: 'error' };

  const main = await build({
    ...mainOptions,
    ...looking,
    plugins: [shimPlugin(root, commands, shims), ...mainOptions.plugins],
  });
  const mainOutput = Object.values(main.metafile.outputs).find((output) => output.entryPoint);
  const inMain = new Set(
    Object.entries(mainOutput.inputs)
      .filter(([, input]) => input.bytesInOutput > 0)
      .map(([path]) => path),
  );

  const apart = [];
  for (const command of commands) {
    const needed = await build({
      ...mainOptions,
      ...looking,
      entryPoints: [join(root, command.source)],
      outfile: join(root, 'dist', command.file),
    });
    // The modules of the main bundle that a module only the command needs imports.
    const shared = new Set();
    for (const [path, input] of Object.entries(needed.metafile.inputs)) {
      if (inMain.has(path)) continue;
      for (const imported of input.imports) if (inMain.has(imported.path)) shared.add(imported.path);
    }
    for (const path of shared) {
      if (!/^(src|node_modules)\//.test(path)) throw new Error(`${command.source} shares ${path}, which is not a file`);
    }
    apart.push({ command, shared: [...shared].sort() });
  }

  // What each shared module exports, as one bundle per module sees it (also through `export *`).
  const sharedPaths = [...new Set(apart.flatMap(({ shared }) => shared))].sort();
  const exportsByPath = new Map();
  if (sharedPaths.length > 0) {
    const listed = await build({
      ...mainOptions,
      ...looking,
      entryPoints: sharedPaths.map((path) => join(root, path)),
      outfile: undefined,
      outdir: join(root, 'dist', '.apart-exports'),
      format: 'esm',
      splitting: true,
      banner: {},
      footer: {},
    });
    for (const output of Object.values(listed.metafile.outputs)) {
      if (!output.entryPoint) continue;
      exportsByPath.set(
        output.entryPoint,
        listed.metafile.inputs[output.entryPoint].format === 'cjs' ? null : output.exports,
      );
    }
  }

  for (const { command, shared } of apart) {
    await build({
      ...mainOptions,
      entryPoints: [join(root, command.source)],
      outfile: join(root, 'dist', command.file),
      plugins: [
        hostPlugin(root, new Map(shared.map((path) => [path, exportsByPath.get(path)]))),
        ...mainOptions.plugins,
      ],
      // The file exports a function of the main bundle's modules that returns the apart module's exports.
      banner: {
        js: `module.exports = function (__host) {${BUNDLE_URL}var module = { exports: {} };`,
      },
      footer: { js: 'return module.exports;};' },
    });
    shims.set(command.source, shimSource(command, exportsByCommand.get(command), true));
  }
  shims.set(
    HOST_MODULE,
    hostSource(sharedPaths.map((id) => ({ id, absolute: join(root, id), names: exportsByPath.get(id) }))),
  );

  await build({ ...mainOptions, plugins: [shimPlugin(root, commands, shims), ...mainOptions.plugins] });
}
