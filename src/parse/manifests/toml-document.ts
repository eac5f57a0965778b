import toml from 'toml';
import type { InputIssue } from '../../model/index.js';
import { createLineIndex } from '../line-index.js';

/** A table header of a TOML file (`[tool.poetry.dependencies]`, `[[package]]`) and the lines it spans. */
interface TomlSection {
  /** The header as written between the brackets, spaces trimmed; '' for the keys before the first header. */
  readonly name: string;
  readonly array: boolean;
  /** The header's line (0 for the root section) and the last line before the next header. */
  readonly line: number;
  readonly endLine: number;
}

export interface TomlDocument {
  readonly file: string;
  readonly value: Record<string, unknown>;
  /** The sections named `name`, in file order (an array of tables has one per element). */
  sections(name: string, array?: boolean): readonly TomlSection[];
  /** The line of `key = …` in a section, or the section's own line when the key is written elsewhere (dotted). */
  keyLine(section: TomlSection, key: string): number;
  /** The line and column where a string literal `value` is first written at or after `fromLine`. */
  stringPosition(value: string, fromLine: number): { line: number; column: number } | undefined;
}

const HEADER = /^\s*(\[\[?)\s*([A-Za-z0-9_.\-"' ]+?)\s*\]\]?\s*(?:#.*)?$/;

/**
 * Parses TOML with the `toml` package (TOML 1.1) for the values, and finds the lines the values are written on
 * from the table headers and keys, which the parser does not report.
 */
export function parseTomlDocument(file: string, text: string): { document?: TomlDocument; issues: InputIssue[] } {
  let value: Record<string, unknown>;
  try {
    value = toml.parse(text) as Record<string, unknown>;
  } catch (error) {
    const where = (error as { location?: { start?: { line?: number; column?: number } } }).location?.start;
    const message = error instanceof Error ? error.message : String(error);
    return {
      issues: [
        {
          severity: 'error',
          file,
          line: where?.line ?? 1,
          column: where?.column ?? 1,
          code: 'toml-syntax',
          message: `not valid TOML: ${message}`,
        },
      ],
    };
  }
  const lines = text.split(/\r\n|\n|\r/);
  const all: TomlSection[] = [];
  let current = { name: '', array: false, line: 0 };
  lines.forEach((line, index) => {
    const header = HEADER.exec(line);
    if (!header) return;
    all.push({ ...current, endLine: index });
    current = {
      name: header[2]!.replace(/\s*\.\s*/g, '.').replace(/["']/g, ''),
      array: header[1] === '[[',
      line: index + 1,
    };
  });
  all.push({ ...current, endLine: lines.length });
  const locate = createLineIndex(text);
  const lineStarts = [0];
  for (const end of text.matchAll(/\r\n|\n|\r/g)) lineStarts.push(end.index + end[0].length);
  return {
    issues: [],
    document: {
      file,
      value,
      sections: (name, array = false) => all.filter((section) => section.name === name && section.array === array),
      keyLine(section, key) {
        const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        const pattern = new RegExp(`^\\s*(["']?)${escaped}\\1\\s*=`);
        for (let line = section.line + 1; line <= section.endLine; line++) {
          if (pattern.test(lines[line - 1] ?? '')) return line;
        }
        return Math.max(section.line, 1);
      },
      stringPosition(literal, fromLine) {
        const start = lineStarts[fromLine - 1] ?? 0;
        const offsets = ['"', "'"]
          .map((quote) => text.indexOf(`${quote}${literal}${quote}`, start))
          .filter((offset) => offset >= 0);
        return offsets.length > 0 ? locate(Math.min(...offsets)) : undefined;
      },
    },
  };
}
