// The shipped model catalog as the CLI bundle reads it: dist/catalog.txt, one line per entry, each parsed when a
// lookup first returns it (src/bedrock/catalog-lines.ts says why and how).
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const CATALOG_LINES_FILE = 'catalog.txt';

/** Writes dist/catalog.txt from src/bedrock/data/catalog.json; the library build (dist/lib) must exist. */
export async function writeCatalogLines(root) {
  const file = JSON.parse(await readFile(join(root, 'src', 'bedrock', 'data', 'catalog.json'), 'utf8'));
  const { catalogLines } = await import(pathToFileURL(join(root, 'dist', 'lib', 'bedrock', 'catalog-lines.js')).href);
  await writeFile(join(root, 'dist', CATALOG_LINES_FILE), catalogLines(file), 'latin1');
}

/** Replaces src/bedrock/catalog-file.ts in the bundle with a reader of dist/catalog.txt, beside the bundle. */
export const catalogLinesPlugin = {
  name: 'catalog-lines',
  setup(builder) {
    builder.onLoad({ filter: /[\\/]src[\\/]bedrock[\\/]catalog-file\.ts$/ }, (args) => ({
      contents: `import { readCatalogLines } from './catalog-lines.js';
let entries;
export function shippedCatalogEntries() {
  return (entries ??= readCatalogLines(
    require('node:fs').readFileSync(require('node:path').join(__dirname, ${JSON.stringify(CATALOG_LINES_FILE)})),
  ));
}
`,
      loader: 'js',
      resolveDir: dirname(args.path),
    }));
  },
};
