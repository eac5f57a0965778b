/** 1-based line and column of a position in a text. */
export interface LineColumn {
  readonly line: number;
  readonly column: number;
}

/** Maps text offsets to 1-based line/column; `\n`, `\r\n` and a lone `\r` each end a line. */
export function createLineIndex(text: string): (offset: number) => LineColumn {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (char === 0x0a) lineStarts.push(i + 1);
    else if (char === 0x0d && text.charCodeAt(i + 1) !== 0x0a) lineStarts.push(i + 1);
  }
  return lineIndexFrom(lineStarts);
}

/** The same map from the offsets where lines start (ascending, the first 0), when a parser has found them. */
export function lineIndexFrom(lineStarts: readonly number[]): (offset: number) => LineColumn {
  return (offset) => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((lineStarts[middle] ?? 0) <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - (lineStarts[low] ?? 0) + 1 };
  };
}
