// The value formats a profile names ("date-time", "uri", "base64"): one predicate
// each, and the one instant parser. Every check calls these: ajv through the derived
// schemas (schema-check.ts registers them), the request validator, query parsing,
// the listener and the suites. A format judged two ways drifts (a suite once took
// "2021-02-30T10:00:00Z" for 2 March while the simulator refused it).
//
// - date-time: RFC 3339 §5.6 (`T`/`Z` in either case, a `±hh:mm` offset, any
//   fraction) naming a real calendar instant: no 30 February, no 24:00, no 29
//   February outside leap years. Leap seconds (23:59:60) are refused: ECMAScript
//   time has none, so such a value could only be stored, compared and returned as
//   another instant, and which minutes really had one is a table, not a syntax.
// - uri: an absolute URI of RFC 3986 (JSON Schema's "uri"), ajv-formats' full check.
// - base64: RFC 4648 §4, padded (OpenAPI calls it "byte").
import { fullFormats } from "ajv-formats/dist/formats.js";

export type FormatName = "date-time" | "uri" | "base64";

/** The name each format has in the derived JSON Schemas (OpenAPI's for base64). */
export const SCHEMA_FORMAT: Readonly<Record<FormatName, string>> = {
  "date-time": "date-time",
  uri: "uri",
  base64: "byte",
};

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const rfc3986Uri = fullFormats.uri as unknown as (s: string) => boolean;

/** An RFC 3339 date-time naming a real instant (V8's Date.parse takes 2021-02-30 and 24:00). */
export function isDateTime(v: unknown): v is string {
  return typeof v === "string" && DATE_TIME.test(v) && parseInstant(v) !== undefined;
}

/** A calendar date alone, e.g. 2021-02-26 (a filter value may be one: docs/rules.md §7). */
export function isDateOnly(v: unknown): v is string {
  return typeof v === "string" && DATE_ONLY.test(v) && parseInstant(v) !== undefined;
}

export function isUri(v: unknown): v is string {
  return typeof v === "string" && rfc3986Uri(v);
}

export function isBase64(v: unknown): v is string {
  return typeof v === "string" && BASE64.test(v);
}

export const FORMATS: Readonly<Record<FormatName, (v: unknown) => boolean>> = {
  "date-time": isDateTime,
  uri: isUri,
  base64: isBase64,
};

// RFC 3339 date-time, or a date alone (midnight UTC). A space before the offset
// stands for "+": form decoding turns an unescaped "+02:00" into " 02:00".
const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+\- ])(\d{2}):(\d{2})))?$/;

/**
 * Milliseconds since the epoch, or undefined for anything that is not a real calendar
 * instant. Takes what a filter value may be (docs/rules.md §7): a date alone (midnight
 * UTC) and a blank for the offset's "+"; isDateTime is the strict RFC 3339 form.
 */
export function parseInstant(s: string): number | undefined {
  const m = INSTANT.exec(s);
  if (!m) return undefined;
  const [, y, mo, d, h = "0", mi = "0", sec = "0", frac = "", , sign, oh = "0", om = "0"] = m;
  const [Y, M, D, H, MI, S, OH, OM] = [y, mo, d, h, mi, sec, oh, om].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (M < 1 || M > 12 || D < 1 || D > new Date(Date.UTC(Y, M, 0)).getUTCDate()) return undefined;
  if (H > 23 || MI > 59 || S > 59 || OH > 23 || OM > 59) return undefined;
  const ms = Number(frac.slice(0, 3).padEnd(3, "0"));
  const offset = (sign === "-" ? -1 : 1) * (OH * 60 + OM) * 60_000;
  const utc = new Date(0);
  utc.setUTCFullYear(Y, M - 1, D); // setUTCFullYear keeps years 0-99 literal, unlike Date.UTC
  utc.setUTCHours(H, MI, S, ms);
  return utc.getTime() - offset;
}
