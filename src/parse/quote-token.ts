/** The longest quoted token a message may show, quotes included. */
export const MAX_TOKEN_LENGTH = 40;

/**
 * Input text as it may appear in a message: JSON-escaped with every non-ASCII character written as
 * `\uXXXX` (so a lookalike or an invisible character shows), and cut to a short token, so that a
 * mistaken path (a credentials file, a .env) cannot print a secret into a CI log.
 */
export function quoteToken(text: string, maxLength = MAX_TOKEN_LENGTH): string {
  const escaped = JSON.stringify(text).replace(
    /[\u007f-\uffff]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  if (escaped.length <= maxLength) return escaped;
  const suffix = '..."';
  let body = '"';
  // Whole escapes only: a cut `\u00` would not read back.
  for (const unit of escaped.slice(1, -1).match(/\\u[0-9a-f]{4}|\\.|[^\\]/g) ?? []) {
    if (body.length + unit.length + suffix.length > maxLength) break;
    body += unit;
  }
  return body + suffix;
}

/** A short token of `text` around position `index`, so that the character there is shown even in a long string. */
export function quoteTokenAround(text: string, index: number): string {
  const start = Math.max(0, index - 12);
  if (start === 0) return quoteToken(text);
  return `"...${quoteToken(text.slice(start), MAX_TOKEN_LENGTH - 3).slice(1)}`;
}

/** `U+0430`: how a character is named in messages. */
export function codePointName(char: string): string {
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}
