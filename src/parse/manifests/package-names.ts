import type { InputIssue, PackageRequirement } from '../../model/index.js';

/** What a manifest or lock reader returns. */
export interface ManifestRead {
  readonly requirements: readonly PackageRequirement[];
  readonly issues: readonly InputIssue[];
}

/** A PyPI project name as PEP 503 normalises it: lower case, runs of `-`, `_`, `.` as one `-`. */
export function pypiName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}
