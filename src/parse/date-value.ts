/**
 * Date condition values: "one of the W3C implementations of the ISO 8601 date formats or in epoch
 * (UNIX) time". The W3C profile (https://www.w3.org/TR/NOTE-datetime) allows YYYY, YYYY-MM,
 * YYYY-MM-DD, and a time hh:mm[:ss[.s…]] that must carry a zone (Z or ±hh:mm).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Date
 */
const W3C_DATETIME =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-](\d{2}):(\d{2})))?)?)?$/;

export function isDateConditionValue(value: string): boolean {
  if (/^\d+$/.test(value)) return true;
  const match = W3C_DATETIME.exec(value);
  if (!match) return false;
  const [, year, month, day, hour, minute, second, zoneHour, zoneMinute] = match;
  return (
    inRange(month, 1, 12) &&
    inRange(day, 1, daysInMonth(Number(year), Number(month ?? 1))) &&
    inRange(hour, 0, 23) &&
    inRange(minute, 0, 59) &&
    inRange(second, 0, 59) &&
    inRange(zoneHour, 0, 23) &&
    inRange(zoneMinute, 0, 59)
  );
}

/** An absent component is fine: the regular expression already decided which ones are required. */
function inRange(component: string | undefined, min: number, max: number): boolean {
  if (component === undefined) return true;
  const value = Number(component);
  return value >= min && value <= max;
}

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 31;
}
