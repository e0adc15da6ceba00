// How the robustness suite judges an answer (docs/rules.md §2): a refusal is a 4xx with
// the TMF Error body whose message says what was wrong; a 5xx is never the client's
// fault. Odd but valid text is stored exactly as sent, or refused naming its field:
// never stored altered, never a 5xx.
import type { Exchange } from "../http/client.ts";
import type { Case, RuleRef } from "../report/case.ts";
import { errorBodyProblems } from "../report/checks.ts";
import { ticketUrl } from "../support/tickets.ts";
import type { Probe } from "./probe.ts";

export interface Refusal {
  /** The statuses the rules give this refusal. */
  readonly status: number | readonly number[];
  /** The message must mention one of these (case-insensitive): what was wrong. */
  readonly says: readonly string[];
  /** What was sent, in words, for the failure message. */
  readonly sent: string;
  /** The request's size, for a huge one: the answer must be smaller (an error that echoes the request doubles its cost). */
  readonly smallerThan?: number;
  /** A huge value the answer must not quote whole, for the same reason. */
  readonly notEchoing?: string;
}

export function expectRefused(c: Case, ex: Exchange, r: Refusal): void {
  const want = typeof r.status === "number" ? [r.status] : r.status;
  const got = ex.response.status;
  if (got >= 500)
    c.fail(
      `${r.sent}: answered ${got}, a 5xx; the client is at fault and must be told so with ${want.join(" or ")}`,
      ex,
    );
  if (!want.includes(got)) c.fail(`${r.sent}: expected HTTP ${want.join(" or ")}, got ${got}`, ex);
  const problems = errorBodyProblems(c.ctx.model, ex);
  if (problems.length > 0) c.fail(`${r.sent}: the ${got} must carry the TMF Error body: ${problems.join("; ")}`, ex);
  if (r.smallerThan !== undefined && Buffer.byteLength(ex.response.text) >= r.smallerThan)
    c.fail(
      `${r.sent}: the answer (${Buffer.byteLength(ex.response.text)} bytes) must be smaller than the request (${r.smallerThan} bytes)`,
      ex,
    );
  if (r.notEchoing !== undefined && ex.response.text.includes(r.notEchoing))
    c.fail(`${r.sent}: the answer must not quote the value whole (${r.notEchoing.length} characters)`, ex);
  const message = String((ex.response.json as { message?: unknown }).message);
  const lower = message.toLowerCase();
  if (!r.says.some((w) => lower.includes(w.toLowerCase())))
    c.fail(
      `${r.sent}: the Error message must say what was wrong (mention ${r.says.map((w) => JSON.stringify(w)).join(" or ")}), got ${JSON.stringify(message)}`,
      ex,
    );
}

/**
 * Odd but valid text in a field: a 201 whose ticket, read back, holds exactly what was
 * sent (the probe then counts one more ticket), or a 400 naming the field.
 */
export async function expectStoredOrRefused(
  c: Case,
  p: Probe,
  ex: Exchange,
  field: string,
  sent: string,
  what: string,
): Promise<void> {
  if (ex.response.status === 201) {
    p.created++;
    const id = (ex.response.json as Record<string, unknown> | undefined)?.[c.ctx.model.idField];
    if (typeof id !== "string") c.fail(`${what}: the 201 must carry the ticket and its ${c.ctx.model.idField}`, ex);
    const back = await c.call({ method: "GET", url: ticketUrl(c, id) }, { attach: false });
    const stored = (back.response.json as Record<string, unknown> | undefined)?.[field];
    if (back.response.status !== 200 || stored !== sent)
      c.fail(
        `${what}: accepted (201), so ${field} must read back exactly as sent: sent ${JSON.stringify(sent)}, read ${JSON.stringify(stored)} (HTTP ${back.response.status})`,
        back,
      );
    return;
  }
  expectRefused(c, ex, { status: 400, says: [field], sent: `${what} (if refused, then naming ${field})` });
}

/** The rule of a robustness case: area "Robustness", with its operation and provenance. */
export function robustness(operation: string, rule: string, provenance: string, section: string): RuleRef {
  return { area: "Robustness", operation, rule, provenance, source: `docs/rules.md ${section}` };
}
