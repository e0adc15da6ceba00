// Instants the filtering oracle compares, with the format predicates of the rule
// model (simulator/model/formats.ts): the suites judge a date-time as the profile does.
import { isDateOnly, isDateTime, parseInstant } from "../../simulator/model/formats.ts";
import { HarnessError } from "../support/errors.ts";

/** A filter's instant (docs/rules.md §7: values compare as instants; a date alone means midnight UTC). */
export function instant(v: string): number | undefined {
  return isDateTime(v) || isDateOnly(v) ? parseInstant(v) : undefined;
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
