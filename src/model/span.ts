/** Where something stands in a file the user gave: 1-based line and column. */
export interface Span {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export function formatSpan(span: Span): string {
  return `${span.file}:${span.line}:${span.column}`;
}
