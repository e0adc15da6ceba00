// --known-failures FILE: deviations a release accepts, so the run stays green on
// everything else. The file is a JSON array of {"rule": "<rule id>", "reason": "...",
// "expires"?: "YYYY-MM-DD"}; rule ids are those of summary.json's "rules", and one
// ending in "*" names every rule id that starts with what comes before it. A failed
// case of a listed rule is reported as known and does not fail the run; a listed rule
// that now passes is reported as fixed (remove it); an entry past its expiry date
// counts as not listed, so its failures fail the run again.
import type { KnownFailure } from "./known-failures-file.ts";
import type { Tally } from "./run-suites.ts";

export interface Applied {
  /** Known failures: "rule id: reason (n case(s))". */
  readonly known: string[];
  /** Listed rules whose cases all passed. */
  readonly fixed: string[];
  /** Listed rules past their expiry, failing again. */
  readonly expired: string[];
}

/** Turns the failed cases of listed, unexpired rules into known ones; the tally's counts follow. */
export function applyKnownFailures(t: Tally, list: readonly KnownFailure[], today = new Date()): Applied {
  const day = today.toISOString().slice(0, 10);
  const live = list.filter((k) => k.expires === undefined || k.expires >= day);
  const expired = list.filter((k) => k.expires !== undefined && k.expires < day);
  const entryOf = (id: string) => live.find((k) => matches(k.rule, id));
  const known: string[] = [];
  const fixed: string[] = [];
  for (const k of live) {
    const cases = t.cases.filter((c) => c.rule && matches(k.rule, c.rule.id));
    const failed = cases.filter((c) => c.state === "failed");
    if (failed.length > 0) known.push(`${k.rule}: ${k.reason} (${failed.length} case(s))`);
    else if (cases.length > 0 && cases.every((c) => c.state === "passed")) fixed.push(k.rule);
  }
  t.cases = t.cases.map((c) => (c.state === "failed" && c.rule && entryOf(c.rule.id) ? { ...c, state: "known" } : c));
  const knownCases = t.cases.filter((c) => c.state === "known").length;
  t.failed -= knownCases;
  t.known = knownCases;
  return {
    known,
    fixed,
    expired: expired
      .filter((k) => t.cases.some((c) => c.state === "failed" && c.rule && matches(k.rule, c.rule.id)))
      .map((k) => `${k.rule} (expired ${k.expires})`),
  };
}

/** The summary's lines for the known failures. */
export function knownLines(a: Applied): string[] {
  return [
    ...(a.known.length > 0
      ? [`known:    ${a.known.length} known failure(s), not failing the run:`, ...a.known.map((k) => `  - ${k}`)]
      : []),
    ...a.fixed.map((id) => `fixed:    ${id} passes now: remove it from the known-failures file`),
    ...a.expired.map((e) => `expired:  ${e}: its failures fail the run again`),
  ];
}

function matches(pattern: string, id: string): boolean {
  return pattern.endsWith("*") ? id.startsWith(pattern.slice(0, -1)) : pattern === id;
}
