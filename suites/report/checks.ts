// Assertions shared by every suite, each stated as the rule it checks.
import type { Model } from "../../simulator/model/model.ts";
import { schemaProblems } from "../../simulator/model/schema-check.ts";
import { SCHEMA } from "../../simulator/model/schema-names.ts";
import type { Exchange } from "../http/client.ts";
import { ticketProblems } from "../model/shape.ts";
import { subsetProblems } from "../model/subset.ts";
import type { Case } from "./case.ts";

const statuses = (s: number | readonly number[]) => (typeof s === "number" ? [s] : s);

export function expectStatus(c: Case, ex: Exchange, status: number | readonly number[], why: string): void {
  const want = statuses(status);
  if (!want.includes(ex.response.status))
    c.fail(`expected HTTP ${want.join(" or ")} (${why}), got ${ex.response.status}`, ex);
}

/**
 * The TMF Error body (docs/rules.md §2), by the model's Error schema (code, reason,
 * message, status and "@type": "Error"), whose status must be the answer's own.
 */
export function errorBodyProblems(model: Model, ex: Exchange): string[] {
  const b = ex.response.json;
  if (b === undefined) return ["the body is not JSON"];
  const p = schemaProblems(model, SCHEMA.error, b, "Error").map((x) => (x.path ? `Error.${x.message}` : x.message));
  const status = (b as Record<string, unknown> | null)?.status;
  if (p.length === 0 && status !== String(ex.response.status))
    p.push(`Error.status should be "${ex.response.status}", is ${JSON.stringify(status)}`);
  return p;
}

/** A 4xx with the Error body; `naming`, when given, must appear in its message (docs/rules.md §4: "an Error naming the field"). */
export function expectError(
  c: Case,
  ex: Exchange,
  status: number | readonly number[],
  why: string,
  naming?: readonly string[],
): void {
  expectStatus(c, ex, status, why);
  const p = errorBodyProblems(c.ctx.model, ex);
  if (p.length > 0) c.fail(`the ${ex.response.status} answer must carry the TMF Error body: ${p.join("; ")}`, ex);
  if (naming && naming.length > 0) {
    const text = `${String((ex.response.json as Record<string, unknown>).message)} ${String((ex.response.json as Record<string, unknown>).reason)}`;
    const missing = naming.filter((n) => !text.includes(n));
    if (missing.length > 0) c.fail(`the Error must name ${missing.join(", ")} (${why})`, ex);
  }
}

export function expectTicket(
  c: Case,
  ex: Exchange,
  t: unknown,
  expect: { ticketType?: string; status?: string } = {},
): Record<string, unknown> {
  const p = ticketProblems(c.ctx.model, t, expect);
  if (p.length > 0) c.fail(`the ticket returned breaks the profile's response rules: ${p.join("; ")}`, ex);
  return t as Record<string, unknown>;
}

export function expectSubset(c: Case, ex: Exchange, sent: unknown, actual: unknown, where: string): void {
  const p = subsetProblems(sent, actual);
  if (p.length > 0) c.fail(`what was sent must come back in ${where}: ${p.join("; ")}`, ex);
}

/** A count header as a number, or a failure naming it. */
export function countHeader(c: Case, ex: Exchange, name: "x-total-count" | "x-result-count"): number {
  const raw = ex.response.headers[name];
  const n = raw === undefined ? NaN : Number(raw);
  if (!Number.isInteger(n) || n < 0)
    c.fail(`the list must carry the ${name} header as a count (docs/rules.md §7), got ${JSON.stringify(raw)}`, ex);
  return n;
}
