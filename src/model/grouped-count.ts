/**
 * A non-negative integer with comma thousands separators, as `toLocaleString('en-US')` writes it:
 * `41226` → `41,226`. Without Intl, whose first use loads ICU data (about as much work as a whole
 * one-shot check of a small policy).
 */
export function groupedCount(count: number): string {
  const digits = String(count);
  if (!/^\d+$/.test(digits)) return digits;
  let grouped = '';
  for (let end = digits.length; end > 0; end -= 3) {
    const group = digits.slice(Math.max(0, end - 3), end);
    grouped = grouped === '' ? group : `${group},${grouped}`;
  }
  return grouped;
}
