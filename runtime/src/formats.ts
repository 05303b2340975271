/**
 * String formats checked the way ajv-formats' "full" mode checks them, so that a generated validator
 * and ajv agree on the same JSON Schema.
 */
const uuidPattern = /^(?:urn:uuid:)?[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/i;
const datePattern = /^(\d\d\d\d)-(\d\d)-(\d\d)$/;
const timePattern = /^(\d\d):(\d\d):(\d\d(?:\.\d+)?)(z|([+-])(\d\d)(?::?(\d\d))?)?$/i;
const emailPattern =
  /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;
const uriPattern =
  /^(?:[a-z][a-z0-9+\-.]*:)(?:\/?\/(?:(?:[a-z0-9\-._~!$&'()*+,;=:]|%[0-9a-f]{2})*@)?(?:\[(?:(?:(?:(?:[0-9a-f]{1,4}:){6}|::(?:[0-9a-f]{1,4}:){5}|(?:[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){4}|(?:(?:[0-9a-f]{1,4}:){0,1}[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){3}|(?:(?:[0-9a-f]{1,4}:){0,2}[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){2}|(?:(?:[0-9a-f]{1,4}:){0,3}[0-9a-f]{1,4})?::[0-9a-f]{1,4}:|(?:(?:[0-9a-f]{1,4}:){0,4}[0-9a-f]{1,4})?::)(?:[0-9a-f]{1,4}:[0-9a-f]{1,4}|(?:(?:25[0-5]|2[0-4]\d|[01]?\d\d?)\.){3}(?:25[0-5]|2[0-4]\d|[01]?\d\d?))|(?:(?:[0-9a-f]{1,4}:){0,5}[0-9a-f]{1,4})?::[0-9a-f]{1,4}|(?:(?:[0-9a-f]{1,4}:){0,6}[0-9a-f]{1,4})?::)|[Vv][0-9a-f]+\.[a-z0-9\-._~!$&'()*+,;=:]+)\]|(?:(?:25[0-5]|2[0-4]\d|[01]?\d\d?)\.){3}(?:25[0-5]|2[0-4]\d|[01]?\d\d?)|(?:[a-z0-9\-._~!$&'()*+,;=]|%[0-9a-f]{2})*)(?::\d*)?(?:\/(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})*)*|\/(?:(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})+(?:\/(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})*)*)?|(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})+(?:\/(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})*)*)(?:\?(?:[a-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9a-f]{2})*)?(?:#(?:[a-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9a-f]{2})*)?$/i;
const ipv4Pattern = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const hostnamePattern =
  /^(?=.{1,253}\.?$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[-0-9a-z]{0,61}[0-9a-z])?)*\.?$/i;

const daysInMonth = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

function isDate(value: string): boolean {
  const match = datePattern.exec(value);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const limit = month === 2 && isLeapYear(year) ? 29 : (daysInMonth[month] ?? 0);
  return month >= 1 && month <= 12 && day >= 1 && day <= limit;
}

function isTime(value: string, requireZone: boolean): boolean {
  const match = timePattern.exec(value);
  if (!match) return false;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  const seconds = Number(match[3]);
  const zone = match[4];
  const sign = match[5] === "-" ? -1 : 1;
  const zoneHours = Number(match[6] ?? 0);
  const zoneMinutes = Number(match[7] ?? 0);
  if (zoneHours > 23 || zoneMinutes > 59 || (requireZone && zone === undefined)) return false;
  if (hours <= 23 && minutes <= 59 && seconds < 60) return true;
  // A leap second is valid only at 23:59:60 UTC.
  const utcMinutes = minutes - zoneMinutes * sign;
  const utcHours = hours - zoneHours * sign - (utcMinutes < 0 ? 1 : 0);
  return (utcHours === 23 || utcHours === -1) && (utcMinutes === 59 || utcMinutes === -1) && seconds < 61;
}

function isDateTimeSlow(value: string): boolean {
  const parts = value.split(/t|\s/i);
  return parts.length === 2 && isDate(parts[0] as string) && isTime(parts[1] as string, true);
}

/** `code ^ 48` is 0–9 for the digits "0"–"9" and more than 9 for any other code (NaN past the end too). */
function digitAt(value: string, index: number): number {
  return value.charCodeAt(index) ^ 48;
}

/**
 * The two digits at `index` as a number, or 100 or more when either is not a digit: adding 6 carries
 * anything past 9 to 16 or more, so one comparison tests both.
 */
function twoDigitsAt(value: string, index: number): number {
  const tens = digitAt(value, index);
  const units = digitAt(value, index + 1);
  return ((tens + 6) | (units + 6)) > 15 ? 100 : tens * 10 + units;
}

const hyphen = 45;
const colon = 58;
const dot = 46;
const plus = 43;

/** `YYYY-MM-DDTHH:MM:SS` punctuation at its places (T or t). */
function hasDateTimePunctuation(value: string): boolean {
  return (
    value.charCodeAt(4) === hyphen &&
    value.charCodeAt(7) === hyphen &&
    (value.charCodeAt(10) | 32) === 116 &&
    value.charCodeAt(13) === colon &&
    value.charCodeAt(16) === colon
  );
}

/** Index just past the fraction of seconds that may start at `index` (`index` when none), -1 for a bare dot. */
function afterFraction(value: string, index: number): number {
  if (value.charCodeAt(index) !== dot) return index;
  let end = index + 1;
  while (digitAt(value, end) <= 9) end += 1;
  return end === index + 1 ? -1 : end;
}

/** Whether the text from `index` on is exactly `Z` or an in-range `±HH:MM` (other zone forms: false). */
function isSimpleZone(value: string, index: number): boolean {
  const sign = value.charCodeAt(index);
  if ((sign | 32) === 122) return index + 1 === value.length; // Z or z
  if ((sign !== plus && sign !== hyphen) || index + 6 !== value.length || value.charCodeAt(index + 3) !== colon) {
    return false;
  }
  return twoDigitsAt(value, index + 1) <= 23 && twoDigitsAt(value, index + 4) <= 59;
}

/**
 * Whether the text from index 19 on is exactly `.sssZ`, the tail `Date.prototype.toISOString` writes:
 * each char read once, no loop (the char reads are most of a date-time check's cost).
 */
function isMillisecondsZulu(value: string): boolean {
  return (
    value.length === 24 &&
    value.charCodeAt(19) === dot &&
    (value.charCodeAt(23) | 32) === 122 &&
    ((digitAt(value, 20) + 6) | (digitAt(value, 21) + 6) | (digitAt(value, 22) + 6)) <= 15
  );
}

/** Day 1 to the month's last (month already 1–12). */
function isValidDay(year: number, month: number, day: number): boolean {
  if (day <= 28) return day >= 1;
  const limit = month === 2 && isLeapYear(year) ? 29 : (daysInMonth[month] ?? 0);
  return day <= limit;
}

/**
 * RFC 3339 `date-time` (ajv-formats' full check); generated guards call it directly, with no lookup by
 * name. The common form `YYYY-MM-DDTHH:MM:SS[.f…](Z|±HH:MM)` is checked here by char code without
 * allocating (frames carry many timestamps); any other form, and what only the full check decides (leap
 * seconds, hours past 23), goes to the full check. The digits sit in locals, not behind a helper per
 * field: Node 20 did not inline those and took twice as long.
 */
export function isDateTimeFormat(value: string): boolean {
  if (value.length < 20 || !hasDateTimePunctuation(value)) return isDateTimeSlow(value);
  const y0 = digitAt(value, 0);
  const y1 = digitAt(value, 1);
  const y2 = digitAt(value, 2);
  const y3 = digitAt(value, 3);
  const mo0 = digitAt(value, 5);
  const mo1 = digitAt(value, 6);
  const d0 = digitAt(value, 8);
  const d1 = digitAt(value, 9);
  const h0 = digitAt(value, 11);
  const h1 = digitAt(value, 12);
  const mi0 = digitAt(value, 14);
  const mi1 = digitAt(value, 15);
  const s0 = digitAt(value, 17);
  const s1 = digitAt(value, 18);
  // Adding 6 carries anything past 9 to 16 or more: one comparison tests all fourteen digits.
  const anyNonDigit =
    ((y0 + 6) | (y1 + 6) | (y2 + 6) | (y3 + 6) | (mo0 + 6) | (mo1 + 6) | (d0 + 6) | (d1 + 6)) > 15 ||
    ((h0 + 6) | (h1 + 6) | (mi0 + 6) | (mi1 + 6) | (s0 + 6) | (s1 + 6)) > 15;
  const month = mo0 * 10 + mo1;
  if (anyNonDigit || month < 1 || month > 12 || h0 * 10 + h1 > 23 || mi0 > 5 || s0 > 5) return isDateTimeSlow(value);
  if (!isMillisecondsZulu(value)) {
    const zoneAt = afterFraction(value, 19);
    if (zoneAt < 0) return false;
    if (!isSimpleZone(value, zoneAt)) return isDateTimeSlow(value);
  }
  return isValidDay(y0 * 1000 + y1 * 100 + y2 * 10 + y3, month, d0 * 10 + d1);
}

function isHexDigit(code: number): boolean {
  return (code ^ 48) <= 9 || ((code | 32) - 97) >>> 0 <= 5;
}

function isHexRun(value: string, start: number, end: number): boolean {
  for (let index = start; index < end; index += 1) if (!isHexDigit(value.charCodeAt(index))) return false;
  return true;
}

/** The common `8-4-4-4-12` hex form checked by char code, without the regex (ids are in most frames). */
function isPlainUuid(value: string): boolean {
  return (
    value.length === 36 &&
    value.charCodeAt(8) === hyphen &&
    value.charCodeAt(13) === hyphen &&
    value.charCodeAt(18) === hyphen &&
    value.charCodeAt(23) === hyphen &&
    isHexRun(value, 0, 8) &&
    isHexRun(value, 9, 13) &&
    isHexRun(value, 14, 18) &&
    isHexRun(value, 19, 23) &&
    isHexRun(value, 24, 36)
  );
}

/** `uuid` (ajv-formats' check, optional `urn:uuid:` prefix). Generated guards call it directly. */
export function isUuidFormat(value: string): boolean {
  return isPlainUuid(value) || uuidPattern.test(value);
}

function isIpv6(value: string): boolean {
  if (!/^[0-9a-f:.]+$/i.test(value) || value.includes(":::")) return false;
  try {
    return new URL(`http://[${value}]/`).hostname.length > 2;
  } catch {
    return false;
  }
}

/** Checks by format name; a format not listed here is not checked (as ajv does with unknown formats off). */
export const formatChecks: { readonly [format: string]: (value: string) => boolean } = {
  uuid: isUuidFormat,
  date: isDate,
  time: (value) => isTime(value, true),
  "date-time": isDateTimeFormat,
  email: (value) => emailPattern.test(value),
  uri: (value) => uriPattern.test(value) && /[^\\]/.test(value),
  ipv4: (value) => ipv4Pattern.test(value),
  ipv6: isIpv6,
  hostname: (value) => hostnamePattern.test(value),
};

export function checkFormat(format: string, value: string): boolean {
  const check = formatChecks[format];
  return check === undefined || check(value);
}
