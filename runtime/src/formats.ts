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

/** Two decimal digits at `index`, or a negative number when either is not a digit. */
function twoDigits(value: string, index: number): number {
  const tens = value.charCodeAt(index) - 48;
  const units = value.charCodeAt(index + 1) - 48;
  return tens >= 0 && tens <= 9 && units >= 0 && units <= 9 ? tens * 10 + units : -1;
}

/** The zone at `index` (`Z` or `±HH:MM`): valid, invalid, or not in this simple form (undefined). */
function simpleZone(value: string, index: number): boolean | undefined {
  const sign = value[index];
  if (sign === "Z" || sign === "z") return index + 1 === value.length ? true : undefined;
  if ((sign !== "+" && sign !== "-") || value.length !== index + 6 || value[index + 3] !== ":") return undefined;
  const hours = twoDigits(value, index + 1);
  const minutes = twoDigits(value, index + 4);
  if (hours < 0 || minutes < 0) return undefined;
  return hours <= 23 && minutes <= 59;
}

/**
 * The common form `YYYY-MM-DDTHH:MM:SS[.f…](Z|±HH:MM)` checked without allocating (frames carry many
 * timestamps); anything else, and leap seconds, get undefined and go to the full check.
 */
const hyphen = 45;
const colon = 58;

function simpleDateTime(value: string): boolean | undefined {
  if (value.charCodeAt(4) !== hyphen || value.charCodeAt(7) !== hyphen) return undefined;
  if (value.charCodeAt(13) !== colon || value.charCodeAt(16) !== colon) return undefined;
  if ((value.charCodeAt(10) | 32) !== 116) return undefined; // T or t
  const century = twoDigits(value, 0);
  const yearInCentury = twoDigits(value, 2);
  const month = twoDigits(value, 5);
  const day = twoDigits(value, 8);
  const hours = twoDigits(value, 11);
  const minutes = twoDigits(value, 14);
  const seconds = twoDigits(value, 17);
  // No array of fields: this runs for every timestamp of every frame.
  if ((century | yearInCentury | month | day | hours | minutes | seconds) < 0) return undefined;
  if (seconds >= 60) return undefined;
  let index = 19;
  if (value[index] === ".") {
    const start = ++index;
    while (index < value.length && value.charCodeAt(index) >= 48 && value.charCodeAt(index) <= 57) index += 1;
    if (index === start) return undefined;
  }
  const zone = simpleZone(value, index);
  if (zone !== true) return zone;
  const year = century * 100 + yearInCentury;
  const limit = month === 2 && isLeapYear(year) ? 29 : (daysInMonth[month] ?? 0);
  return month >= 1 && month <= 12 && day >= 1 && day <= limit && hours <= 23 && minutes <= 59;
}

function isDateTime(value: string): boolean {
  return simpleDateTime(value) ?? isDateTimeSlow(value);
}

function isHexDigit(code: number): boolean {
  return (code >= 48 && code <= 57) || ((code | 32) >= 97 && (code | 32) <= 102);
}

/** The common `8-4-4-4-12` hex form checked by character, without the regex (ids are in most frames). */
function isPlainUuid(value: string): boolean {
  if (value.length !== 36) return false;
  for (let index = 0; index < 36; index += 1) {
    const code = value.charCodeAt(index);
    const hyphen = index === 8 || index === 13 || index === 18 || index === 23;
    if (hyphen ? code !== 45 : !isHexDigit(code)) return false;
  }
  return true;
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
  uuid: (value) => isPlainUuid(value) || uuidPattern.test(value),
  date: isDate,
  time: (value) => isTime(value, true),
  "date-time": isDateTime,
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
