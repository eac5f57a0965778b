import type { IacConfig, IacFormat, IacFragment } from '../../model/index.js';

/** A file of the repository a reader is given: its repository-relative path (with `/`) and its text. */
export interface IacFile {
  readonly path: string;
  readonly text: string;
}

export interface IacReadOptions {
  /** The repository root, absolute. */
  readonly root: string;
  readonly config: IacConfig;
  /**
   * Another file of the repository by its repository-relative path (`file()`, `templatefile()`, a CDK
   * manifest's template); undefined when it does not exist, lies outside the root, or is not UTF-8 text.
   */
  readFile(path: string): string | undefined;
}

/**
 * One IaC format: which repository files it reads and what it makes of them. Readers register in
 * IAC_READERS (readers.ts); `read` gets every matching file at once, so references between files
 * (modules, a CDK manifest and its templates) resolve within one call.
 */
export interface IacReader {
  readonly format: IacFormat;
  /** Whether the reader reads this repository-relative path (`config` for readers that are opt-in by config). */
  matches(path: string, config: IacConfig): boolean;
  read(files: readonly IacFile[], options: IacReadOptions): IacFragment | Promise<IacFragment>;
}
