// Format checks the suites apply to what the target returns (and the oracle to dates).
import { HarnessError } from "../support/errors.ts";

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** RFC 3339 date-time (TMF: "date-time" is RFC 3339). */
export function isDateTime(v: unknown): v is string {
  return typeof v === "string" && DATE_TIME.test(v) && !Number.isNaN(Date.parse(v));
}

export function isBase64(v: unknown): v is string {
  return typeof v === "string" && BASE64.test(v);
}

export function isUri(v: unknown): v is string {
  if (typeof v !== "string") return false;
  try {
    new URL(v);
    return true;
  } catch {
    return false;
  }
}

/** A filter's instant (docs/rules.md §7: values compare as instants; a date alone means midnight UTC). */
export function instant(v: string): number | undefined {
  if (DATE_ONLY.test(v)) return Date.parse(`${v}T00:00:00Z`);
  return isDateTime(v) ? Date.parse(v) : undefined;
}

/**
 * The same instant written in another UTC offset, e.g. "2021-02-26T12:00:00.000Z" at
 * +330 minutes is "2021-02-26T17:30:00.000+05:30" (docs/rules.md §7: values compare as instants).
 */
export function inOffset(v: string, minutes: number): string {
  const t = instant(v);
  if (t === undefined)
    throw new HarnessError(`inOffset was given ${JSON.stringify(v)}, which is not a date-time (a suite bug)`);
  const local = new Date(t + minutes * 60_000).toISOString().slice(0, -1);
  const abs = Math.abs(minutes);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${local}${minutes < 0 ? "-" : "+"}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

export function checkFormat(format: string | undefined, v: unknown): boolean {
  if (format === "date-time") return isDateTime(v);
  if (format === "base64") return isBase64(v);
  if (format === "uri") return isUri(v);
  return true;
}
