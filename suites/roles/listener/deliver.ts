// Sending events to the operator's listener as Nexera does (docs/rules.md §2, §6):
// POST {target}/listener/{eventName} with the profile's capitalisation, HTTP Basic when
// the run has listener credentials (§3), each answer timed and awaited no longer than
// the delivery timeout (--event-timeout). A listener that cannot be reached at all is
// a harness fault (check --target); one that stops answering is judged.
import { randomUUID } from "node:crypto";
import * as allure from "allure-js-commons";
import type { TestContext } from "vitest";
import { basicHeader } from "../../../simulator/model/credentials.ts";
import { listenerName } from "../../../simulator/model/model.ts";
import type { Exchange } from "../../http/client.ts";
import { buildEvent, changedFields, type EventRule, type OutgoingEvent } from "../../model/outgoing-events.ts";
import type { Case } from "../../report/case.ts";
import type { Run } from "../../support/context.ts";
import { HarnessError } from "../../support/errors.ts";
import { acknowledges, ackText } from "./rules.ts";

/** Which credentials a delivery carries: the run's (--credentials, if any), none, or a wrong password. */
export type Auth = "configured" | "none" | "wrong";

export interface Delivery {
  readonly label: string;
  /** The exchange; status 0 when no answer came (`noAnswer` says why). */
  readonly ex: Exchange;
  readonly noAnswer?: string;
}

/** Connection failures that mean the listener is not there at all (a wrong --target), not that it misbehaved. */
const UNREACHABLE = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);

export const listenerUrl = (c: Case, eventType: string): string =>
  `${c.ctx.target.base}/listener/${listenerName(c.ctx.model, eventType)}`;

export const newEventId = (): string => randomUUID();

/**
 * One event of a rule about a ticket of this run (id `{runId}-{key}`), changed just now.
 * An attribute change sets one field picked by `pick`, or with `full` every field.
 */
export function eventNow(
  run: Run,
  rule: EventRule,
  ticket: { readonly ticketType: string; readonly status: string; readonly key: string; readonly full?: boolean },
  pick: (n: number) => number = () => 0,
): OutgoingEvent {
  const { ticketType, status, full = false } = ticket;
  const id = `${run.runId}-${ticket.key}`;
  const now = Date.now();
  const spec = { ticketType, status, id, tag: id, full, createdAt: new Date(now - 60_000).toISOString() };
  const changed = rule.on === "attributeChange" ? changedFields(run.model, ticketType, status, pick, full) : [];
  return buildEvent(run.model, rule, { ...spec, at: new Date(now).toISOString() }, newEventId(), changed);
}

export function authorization(c: Case, auth: Auth): string | undefined {
  const creds = c.ctx.settings.listenerCredentials;
  if (auth === "none" || creds === undefined) return undefined;
  return basicHeader(auth === "wrong" ? { user: creds.user, password: `${creds.password}-wrong` } : creds);
}

/** Sends one event (or, for robustness checks, a raw body to an event's path) and records the exchange. */
export async function deliver(
  c: Case,
  event: OutgoingEvent | { readonly eventType: string; readonly label: string; readonly raw: string },
  auth: Auth = "configured",
): Promise<Delivery> {
  const url = listenerUrl(c, event.eventType);
  const timeoutMs = c.ctx.settings.eventTimeout;
  const body = "raw" in event ? { raw: event.raw } : { json: event.envelope };
  const header = authorization(c, auth);
  const started = performance.now();
  try {
    const ex = await c.call(
      { method: "POST", url, headers: { "content-type": "application/json" }, ...body, timeoutMs },
      { auth: header === undefined ? "none" : { header } },
    );
    return { label: event.label, ex };
  } catch (e) {
    const cause = (e as Error).cause as (Error & { code?: string; cause?: { code?: string } }) | undefined;
    const code = cause?.code ?? cause?.cause?.code;
    if (!(e instanceof HarnessError) || (code !== undefined && UNREACHABLE.has(code))) throw e;
    const noAnswer =
      cause?.name === "TimeoutError"
        ? `no answer within ${timeoutMs} ms, the delivery timeout`
        : `the connection ended without an answer (${cause?.message ?? "unknown error"})`;
    const ex: Exchange = {
      request: {
        method: "POST",
        url,
        headers: { "content-type": "application/json", ...(header ? { authorization: header } : {}) },
        body: "raw" in body ? body.raw : JSON.stringify(body.json),
      },
      response: { status: 0, headers: {}, text: `(${noAnswer})`, json: undefined },
      ms: Math.round(performance.now() - started),
    };
    c.record(ex);
    return { label: event.label, ex, noAnswer };
  }
}

/**
 * Fails the case unless the delivery was acknowledged in time. The summary shows only
 * the first line, so it says the event, the outcome and the rule, in that order.
 */
export function expectAcknowledged(c: Case, d: Delivery, context = ""): void {
  const model = c.ctx.model;
  const what = `${d.label}${context ? ` ${context}` : ""}`;
  const status = d.ex.response.status;
  if (d.noAnswer !== undefined) c.fail(`${what}: ${d.noAnswer} [rule: ${c.rule.rule}]`, d.ex);
  if (!acknowledges(model, status))
    c.fail(`${what}: got HTTP ${status}, not ${ackText(model)} [rule: ${c.rule.rule}]${hint(c, status)}`, d.ex);
}

/** Fails the case unless the delivery (sent without or with wrong credentials, `how`) was refused with 401 (docs/rules.md §3). */
export function expectRefused(c: Case, d: Delivery, how: string): void {
  const got = d.noAnswer ?? `HTTP ${d.ex.response.status}`;
  if (d.ex.response.status !== 401) c.fail(`${d.label} ${how}: got ${got}, not 401 [rule: ${c.rule.rule}]`, d.ex);
}

function hint(c: Case, status: number): string {
  if (status !== 401) return "";
  return c.ctx.settings.listenerCredentials === undefined
    ? " (the listener asks for credentials: certify with --credentials user:password)"
    : " (the listener refused the credentials given with --credentials)";
}

/**
 * A robustness finding the rules do not require: a vitest annotation of type "warning"
 * (certify's summary lists them; the exit code does not change) and, in the Allure
 * result, a "warning" tag and a broken step that says it.
 */
export async function warn(ctx: TestContext, message: string): Promise<void> {
  await ctx.annotate(message, "warning");
  await allure.tag("warning");
  await allure.logStep(`warning: ${message}`, allure.Status.BROKEN);
}
