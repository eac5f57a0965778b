/**
 * Numeric operators compare integers and decimals. Values are compared exactly as decimals (no
 * floating point), so "10.0" equals "10" and 20-digit account-sized numbers keep their precision.
 * Exponents, hex, whitespace, NaN and Infinity are not numbers here.
 */
export interface Decimal {
  readonly negative: boolean;
  /** Integer digits without leading zeros ("" for zero). */
  readonly integer: string;
  /** Fraction digits without trailing zeros. */
  readonly fraction: string;
}

export function parseDecimal(text: string): Decimal | undefined {
  let i = 0;
  let negative = false;
  if (text[0] === '+' || text[0] === '-') {
    negative = text[0] === '-';
    i = 1;
  }
  let integer = '';
  let fraction = '';
  let seenPoint = false;
  let digits = 0;
  for (; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '.') {
      if (seenPoint) return undefined;
      seenPoint = true;
    } else if (ch >= '0' && ch <= '9') {
      digits++;
      if (seenPoint) fraction += ch;
      else if (integer !== '' || ch !== '0') integer += ch;
    } else {
      return undefined;
    }
  }
  if (digits === 0) return undefined;
  let end = fraction.length;
  while (end > 0 && fraction[end - 1] === '0') end--;
  fraction = fraction.slice(0, end);
  // Negative zero is zero.
  if (integer === '' && fraction === '') negative = false;
  return { negative, integer, fraction };
}

/** -1, 0 or 1 as a is less than, equal to or greater than b. */
export function compareDecimals(a: Decimal, b: Decimal): number {
  if (a.negative !== b.negative) return a.negative ? -1 : 1;
  const magnitude = compareMagnitudes(a, b);
  return a.negative ? -magnitude : magnitude;
}

function compareMagnitudes(a: Decimal, b: Decimal): number {
  if (a.integer.length !== b.integer.length) return a.integer.length < b.integer.length ? -1 : 1;
  if (a.integer !== b.integer) return a.integer < b.integer ? -1 : 1;
  // Without trailing zeros, the fraction digits compare as strings.
  if (a.fraction === b.fraction) return 0;
  return a.fraction < b.fraction ? -1 : 1;
}
