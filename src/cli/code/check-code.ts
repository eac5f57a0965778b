import type { Finding, InferenceCall, InputIssue, ModelIdUse } from '../../model/index.js';

/** A repository file as the iac command read it: its repository-relative path (`/`-separated) and text. */
export interface CodeFile {
  readonly path: string;
  readonly text: string;
}

export interface CodeCheck {
  /** sdk-too-old and wrong-api findings, in words (report/words/code-finding-words.ts), sorted by file, line and column. */
  readonly findings: readonly Finding[];
  /** Files that could not be read as their kind: errors (a broken lock) stop the check, warnings are reported. */
  readonly issues: readonly InputIssue[];
  /** Model ids and Bedrock ARNs written in code, for the iac command to check against the principals. */
  readonly modelIds: readonly ModelIdUse[];
  /** The inference calls found in code (operation, call, client), sorted by file, line and column. */
  readonly inferenceCalls: readonly InferenceCall[];
}

/**
 * Checks a repository's dependency manifests, locks and Python/JavaScript/TypeScript code for the client-side
 * Bedrock errors: an SDK too old for bedrock-runtime or Converse (sdk-too-old), inference sent to the control
 * plane (wrong-api). Reads no file: the texts are given. The tree-sitter, TOML, YAML and version libraries are
 * loaded on the first call, so that the other commands do not pay for them at start-up.
 */
export async function checkCode(files: readonly CodeFile[]): Promise<CodeCheck> {
  const { runCodeCheck } = await import('./run-code-check.js');
  return runCodeCheck(files);
}

/**
 * The code check of a repository: its manifests, locks and code among `paths` (repository-relative), read with
 * the requirements files they include. Loaded on first use, as `checkCode` is.
 */
export async function checkRepositoryCode(
  root: string,
  paths: readonly string[],
): Promise<CodeCheck & { readonly files: readonly string[] }> {
  const { runRepositoryCodeCheck } = await import('./run-code-check.js');
  return runRepositoryCodeCheck(root, paths);
}
