/**
 * Date operators take "one of the W3C implementations of the ISO 8601 date formats or epoch (UNIX)
 * time" (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Date),
 * in policy values and in context values alike (aws:CurrentTime is ISO 8601, aws:EpochTime is epoch).
 *
 * Accepted: YYYY, YYYY-MM, YYYY-MM-DD, then optionally Thh:mm, Thh:mm:ss or Thh:mm:ss.fraction, then
 * optionally a zone `Z` or `±hh:mm`; a time without a zone is UTC, as AWS evaluates in UTC.
 * A string of digits (optionally signed) is epoch seconds — so "2024" is a second in 1970, not a
 * year: aws:EpochTime values are such strings and the W3C year-only form is rare in policies.
 */

/** Milliseconds since the epoch, or undefined when the text is not a date. */
export function parseDate(text: string): number | undefined {
  if (isEpoch(text)) {
    const seconds = Number(text);
    return Number.isSafeInteger(seconds * 1000) ? seconds * 1000 : undefined;
  }
  return parseIso8601(text);
}

function isEpoch(text: string): boolean {
  const start = text[0] === '-' || text[0] === '+' ? 1 : 0;
  if (text.length === start) return false;
  for (let i = start; i < text.length; i++) {
    const ch = text[i]!;
    if (ch < '0' || ch > '9') return false;
  }
  return true;
}

// A fixed pattern (never built from policy text): date, optional time, optional zone.
const ISO_8601 =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/;

function parseIso8601(text: string): number | undefined {
  const m = ISO_8601.exec(text);
  if (m === null) return undefined;
  const year = Number(m[1]);
  const month = m[2] === undefined ? 1 : Number(m[2]);
  const day = m[3] === undefined ? 1 : Number(m[3]);
  const hour = m[4] === undefined ? 0 : Number(m[4]);
  const minute = m[5] === undefined ? 0 : Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const millis = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'));
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not map years 0–99 to 1900–1999.
  date.setUTCFullYear(year, month - 1, day);
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  date.setUTCHours(hour, minute, second, millis);
  const offset = zoneOffsetMillis(m[8]);
  return offset === undefined ? undefined : date.getTime() - offset;
}

function zoneOffsetMillis(zone: string | undefined): number | undefined {
  if (zone === undefined || zone === 'Z') return 0;
  const sign = zone[0] === '-' ? -1 : 1;
  const hours = Number(zone.slice(1, 3));
  const minutes = Number(zone.slice(4, 6));
  if (hours > 23 || minutes > 59) return undefined;
  return sign * (hours * 60 + minutes) * 60_000;
}
