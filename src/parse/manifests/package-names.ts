/** A PyPI project name as PEP 503 normalises it: lower case, runs of `-`, `_`, `.` as one `-`. */
export function pypiName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}
