import type { CatalogFile } from './catalog.js';
import { type CatalogEntries, catalogEntries } from './catalog-entries.js';

/**
 * The CLI bundle's form of the shipped catalog (dist/catalog.txt, written by scripts/catalog-lines.mjs): a header
 * line with the date, the sources, each entry's key and where its line starts, then one line per model and one
 * per profile. A check reads a few dozen of the 326 entries; parsing the whole file cost it about 2 ms.
 */
export function catalogLines(file: CatalogFile): string {
  // Refuses the file as indexing it would (a profile pointing at a destination set it does not have), so that
  // the build fails rather than every check.
  const entries = catalogEntries(file);
  const lines = [...file.models, ...file.profiles].map(asciiJson);
  // Offsets from the end of the header line; the last is where the last line ends.
  const starts = [0];
  for (const line of lines) starts.push(starts[starts.length - 1]! + line.length + 1);
  const header: CatalogLinesHeader = {
    compiledOn: entries.compiledOn,
    sources: entries.sources,
    models: entries.modelKeys,
    profiles: entries.profileIds,
    starts,
  };
  return `${[asciiJson(header), ...lines].join('\n')}\n`;
}

/** The bytes of such a file: a Node.js Buffer. */
export interface CatalogLinesBytes {
  indexOf(byte: number): number;
  toString(encoding: 'latin1', start: number, end: number): string;
}

/** The entries of catalogLines' text, each parsed when first asked for. */
export function readCatalogLines(bytes: CatalogLinesBytes): CatalogEntries {
  const headerEnd = bytes.indexOf(0x0a);
  const header = JSON.parse(bytes.toString('latin1', 0, headerEnd)) as CatalogLinesHeader;
  const { starts } = header;
  // The text stays bytes; a line becomes a string when its entry is read.
  const line = (index: number): never =>
    JSON.parse(bytes.toString('latin1', headerEnd + 1 + starts[index]!, headerEnd + starts[index + 1]!)) as never;
  const firstProfile = header.models.length;
  return {
    compiledOn: header.compiledOn,
    sources: header.sources,
    modelKeys: header.models,
    profileIds: header.profiles,
    model: (index) => line(index),
    profile: (index) => line(firstProfile + index),
  };
}

interface CatalogLinesHeader {
  readonly compiledOn: string;
  readonly sources: CatalogEntries['sources'];
  readonly models: CatalogEntries['modelKeys'];
  readonly profiles: CatalogEntries['profileIds'];
  readonly starts: readonly number[];
}

/** JSON with every non-ASCII character as a \u escape: one byte per character, read as latin1. JSON never holds a raw line break. */
function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u0080-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
