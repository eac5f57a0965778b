import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import {
  EMPTY_IAC_CONFIG,
  sortInputIssues,
  type IacConfig,
  type IacFragment,
  type InputIssue,
} from '../../model/index.js';
import { decodeUtf8Input, parseIacConfig } from '../../parse/index.js';
import { InputError } from '../input-error.js';
import { discoverFiles } from './discover.js';
import type { IacFile, IacReader } from './reader.js';
import { IAC_READERS } from './readers.js';

/** The config file at the root of the checked directory. */
const IAC_CONFIG_FILE = '.policy-check.yml';
/** Past this a file is generated or data, not infrastructure code a person edits. */
const MAX_IAC_FILE_BYTES = 8 * 1024 * 1024;

export interface LoadedRepository {
  /** The directory as given (reports name files relative to it). */
  readonly root: string;
  readonly config: IacConfig;
  /** Repository files the readers read, sorted. */
  readonly files: readonly string[];
  readonly fragments: readonly IacFragment[];
  /** Every file discovered (include/exclude applied), sorted: the code check picks its manifests and code. */
  readonly discovered: readonly string[];
  /** Problems that did not stop the check, sorted. */
  readonly warnings: readonly InputIssue[];
}

/**
 * Reads a repository: its `.policy-check.yml` (an invalid one throws an InputError at its line), the files
 * each registered reader matches, and what the readers make of them. A given `config` is used instead of
 * the root's (`--base` reads the base revision with the working tree's intent). A reader's error stops the check
 * (InputError at file:line); its warnings are returned. Never writes anything.
 */
export async function loadIacRepository(
  root: string,
  options: { readonly readers?: readonly IacReader[]; readonly config?: IacConfig } = {},
): Promise<LoadedRepository> {
  requireDirectory(root);
  const readers = options.readers ?? IAC_READERS;
  const config = options.config ?? loadConfig(root);
  const all = discoverFiles(root, config);
  const realRoot = realpathSync(root);
  const readFile = (path: string): string | undefined => {
    const absolute = resolve(realRoot, path);
    const inside = relative(realRoot, absolute);
    if (inside.startsWith('..') || isAbsolute(inside) || !existsSync(absolute)) return undefined;
    try {
      if (!realpathSync(absolute).startsWith(realRoot + sep)) return undefined;
      return decodeUtf8Input(readFileSync(absolute), path, MAX_IAC_FILE_BYTES).text;
    } catch {
      return undefined;
    }
  };
  const fragments: IacFragment[] = [];
  const read = new Set<string>();
  // One object per file, read once, whichever readers match it (what a reader parses of it can then be kept by it).
  const opened = new Map<string, IacFile>();
  const open = (path: string): IacFile => {
    let file = opened.get(path);
    if (!file) {
      file = { path, text: readRepositoryFile(root, path) };
      opened.set(path, file);
    }
    return file;
  };
  for (const reader of readers) {
    const paths = all.filter((path) => reader.matches(path, config));
    if (paths.length === 0) continue;
    const files: IacFile[] = paths.map(open);
    for (const path of paths) read.add(path);
    fragments.push(await reader.read(files, { root, config, readFile }));
  }
  const issues = sortInputIssues(fragments.flatMap((fragment) => fragment.issues));
  const error = issues.find((issue) => issue.severity === 'error');
  if (error) throw new InputError(error.file, error.line, error.column, error.message);
  return {
    root,
    config,
    files: [...read].sort(),
    fragments,
    discovered: all,
    warnings: issues,
  };
}

function requireDirectory(root: string): void {
  let directory: boolean;
  try {
    directory = statSync(root).isDirectory();
  } catch {
    throw new InputError(root, null, null, 'no such directory');
  }
  if (!directory) throw new InputError(root, null, null, 'is a file: give the directory of the repository');
}

/** `.policy-check.yml` at the root (the empty config without one); an invalid one throws an InputError at its line. */
export function loadConfig(root: string): IacConfig {
  if (!existsSync(join(root, IAC_CONFIG_FILE))) return EMPTY_IAC_CONFIG;
  const parsed = parseIacConfig(readRepositoryFile(root, IAC_CONFIG_FILE), IAC_CONFIG_FILE);
  const error = parsed.issues[0];
  if (error || !parsed.config)
    throw new InputError(
      error?.file ?? IAC_CONFIG_FILE,
      error?.line ?? null,
      error?.column ?? null,
      error?.message ?? 'could not be read',
    );
  return parsed.config;
}

/** A repository file as UTF-8 text; an unreadable or invalid one throws an InputError naming it. */
function readRepositoryFile(root: string, path: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(join(root, path));
  } catch (error) {
    throw new InputError(
      path,
      null,
      null,
      `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`,
    );
  }
  const decoded = decodeUtf8Input(bytes, path, MAX_IAC_FILE_BYTES);
  if (decoded.issue) throw new InputError(path, decoded.issue.line, decoded.issue.column, decoded.issue.message);
  return decoded.text;
}
