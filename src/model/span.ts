/** Where something stands in a file the user gave: 1-based line and column. */
export interface Span {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /**
   * Where the element ends, when the parser knows it (statement spans do): the line of its last
   * character and the column just past that character — an exclusive end, as SARIF regions count it.
   */
  readonly endLine?: number;
  readonly endColumn?: number;
}

export function formatSpan(span: Span): string {
  return `${span.file}:${span.line}:${span.column}`;
}
