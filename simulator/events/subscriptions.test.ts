import { expect, it } from "vitest";
import { ApiError } from "../core/errors.ts";
import { loadProfile } from "../model/load.ts";
import type { TicketEvent } from "./generate.ts";
import { createSubscriptionRegistry, publicView } from "./subscriptions.ts";

const model = loadProfile();

function event(eventType: string, ticket: Record<string, unknown>): TicketEvent {
  return { eventId: "e", eventTime: "2024-05-01T10:00:00Z", eventType, event: { troubleTicket: ticket } };
}

function rejection(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error("expected an ApiError");
}

it("stores a subscription with its callback, query and owner", () => {
  const reg = createSubscriptionRegistry(model, { newId: () => "s1" });
  const s = reg.subscribe("op1", { callback: "http://127.0.0.1:9/cb/", query: "eventType=TroubleTicketResolvedEvent" });
  expect(s).toMatchObject({
    id: "s1",
    operator: "op1",
    callback: "http://127.0.0.1:9/cb/",
    target: "http://127.0.0.1:9/cb",
  });
  expect(reg.list("op1").map((x) => x.id)).toEqual(["s1"]);
  expect(reg.list("op2")).toEqual([]);
});

it.each([
  ["a relative callback", { callback: "/listener" }],
  ["a callback of another scheme", { callback: "ftp://example.com/x" }],
  ["a callback with a query", { callback: "http://example.com/x?a=b" }],
  ["a callback that is not a string", { callback: 42 }],
  ["a missing callback", {}],
  ["a body that is not an object", "http://example.com"],
  ["an unknown body field", { callback: "http://example.com", secret: "x" }],
  ["a query that is not a string", { callback: "http://example.com", query: 3 }],
  ["an unknown event type", { callback: "http://example.com", query: "eventType=TroubleTicketCreateEvent" }],
  ["an unknown filter field", { callback: "http://example.com", query: "status=resolved" }],
  ["an unparsable date", { callback: "http://example.com", query: "creationDate.gt=yesterday" }],
  ["a paging parameter", { callback: "http://example.com", query: "limit=10" }],
  ["a query parameter named __proto__", { callback: "http://example.com", query: "__proto__=1" }],
  ["a query parameter named constructor", { callback: "http://example.com", query: "constructor=1" }],
  ["a query parameter named toString", { callback: "http://example.com", query: "toString=1&toString=2" }],
])("rejects %s with a 400 Error", (_what, body) => {
  const reg = createSubscriptionRegistry(model);
  const e = rejection(() => reg.subscribe("op1", body));
  expect(e.status).toBe(400);
  expect(e.body()).toMatchObject({ code: "INVALID_SUBSCRIPTION", "@type": "Error" });
  expect(reg.list()).toEqual([]);
});

it("takes delivery credentials from the callback's userinfo and keeps them out of the target", () => {
  const reg = createSubscriptionRegistry(model);
  const s = reg.subscribe("op1", { callback: "https://alice:s%3Acret@example.com/hook" });
  expect(s.credentials).toEqual({ user: "alice", password: "s:cret" });
  expect(s.target).toBe("https://example.com/hook");
  expect(publicView(s).callback).toBe("https://alice:***@example.com/hook");
});

it("answers 404 when another operator deletes a subscription, and keeps it", () => {
  const reg = createSubscriptionRegistry(model);
  const s = reg.subscribe("op1", { callback: "http://example.com" });
  expect(rejection(() => reg.unsubscribe("op2", s.id)).status).toBe(404);
  expect(reg.list()).toHaveLength(1);
  reg.unsubscribe("op1", s.id);
  expect(reg.list()).toEqual([]);
  expect(rejection(() => reg.unsubscribe("op1", s.id)).status).toBe(404);
});

it("tells remove listeners which subscription went", () => {
  const reg = createSubscriptionRegistry(model);
  const gone: string[] = [];
  reg.onRemove((s) => gone.push(s.id));
  const s = reg.subscribe("op1", { callback: "http://example.com" });
  reg.unsubscribe("op1", s.id);
  expect(gone).toEqual([s.id]);
});

it("matches only the subscriptions of the ticket's operator", () => {
  const reg = createSubscriptionRegistry(model);
  const mine = reg.subscribe("op1", { callback: "http://example.com/a" });
  reg.subscribe("op2", { callback: "http://example.com/b" });
  const got = reg.matching("op1", event("TroubleTicketStatusChangeEvent", { id: "t" }));
  expect(got.map((s) => s.id)).toEqual([mine.id]);
});

it("filters by event type, one or several, with blanks around the names", () => {
  const reg = createSubscriptionRegistry(model);
  const s = reg.subscribe("op1", {
    callback: "http://example.com",
    query: "eventType = TroubleTicketResolvedEvent, TroubleTicketInformationRequiredEvent",
  });
  expect(reg.matching("op1", event("TroubleTicketResolvedEvent", {})).map((x) => x.id)).toEqual([s.id]);
  expect(reg.matching("op1", event("TroubleTicketInformationRequiredEvent", {}))).toHaveLength(1);
  expect(reg.matching("op1", event("TroubleTicketStatusChangeEvent", {}))).toEqual([]);
});

it("filters by ticket fields with the listing grammar, aliases, OR lists and date operators", () => {
  const reg = createSubscriptionRegistry(model);
  reg.subscribe("op1", {
    callback: "http://example.com",
    query: "ticketSubType=Financial,Other&creationDate.gte=2024-01-01",
  });
  const ev = (subtype: string, created: string) =>
    event("TroubleTicketStatusChangeEvent", { ticketSubtype: subtype, creationDate: created });
  expect(reg.matching("op1", ev("Financial", "2024-02-01T00:00:00Z"))).toHaveLength(1);
  expect(reg.matching("op1", ev("Other", "2024-01-01T00:00:00Z"))).toHaveLength(1);
  expect(reg.matching("op1", ev("Activation", "2024-02-01T00:00:00Z"))).toEqual([]);
  expect(reg.matching("op1", ev("Financial", "2023-12-31T23:59:59Z"))).toEqual([]);
});

it("combines an event type and a field filter with AND", () => {
  const reg = createSubscriptionRegistry(model);
  reg.subscribe("op1", {
    callback: "http://example.com",
    query: "eventType=TroubleTicketResolvedEvent&ticketType=Complaint",
  });
  expect(reg.matching("op1", event("TroubleTicketResolvedEvent", { ticketType: "Complaint" }))).toHaveLength(1);
  expect(reg.matching("op1", event("TroubleTicketResolvedEvent", { ticketType: "Customer_Trouble_Ticket" }))).toEqual(
    [],
  );
  expect(reg.matching("op1", event("TroubleTicketStatusChangeEvent", { ticketType: "Complaint" }))).toEqual([]);
});

it("lists every operator's subscriptions without an operator", () => {
  const reg = createSubscriptionRegistry(model);
  reg.subscribe("op1", { callback: "http://example.com/a" });
  reg.subscribe("op2", { callback: "http://example.com/b" });
  expect(reg.list().map((s) => s.operator)).toEqual(["op1", "op2"]);
});

it("removes every subscription on clear and tells the remove listeners of each", () => {
  const reg = createSubscriptionRegistry(model);
  const gone: string[] = [];
  reg.onRemove((s) => gone.push(s.id));
  const a = reg.subscribe("op1", { callback: "http://example.com/a" });
  const b = reg.subscribe("op2", { callback: "http://example.com/b" });
  reg.clear();
  expect(reg.list()).toEqual([]);
  expect(gone).toEqual([a.id, b.id]);
  expect(rejection(() => reg.unsubscribe("op1", a.id)).status).toBe(404);
});
