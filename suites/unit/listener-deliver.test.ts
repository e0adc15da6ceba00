// How the listener role judges one delivery (suites/roles/listener/deliver.ts), over a
// real socket: an answer in time, no answer within the delivery timeout, a connection
// dropped without an answer (the listener's fault), and no listener at all (a harness
// fault: the --target is wrong, nothing was judged).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadProfile } from "../../simulator/model/load.ts";
import { closeAgent } from "../http/client.ts";
import { buildEvent } from "../model/outgoing-events.ts";
import { Case } from "../report/case.ts";
import { deliver, expectAcknowledged, expectRefused } from "../roles/listener/deliver.ts";
import { listenerRules } from "../roles/listener/rules.ts";
import type { Run } from "../support/context.ts";
import { HarnessError, NonConformance } from "../support/errors.ts";
import type { Settings } from "../target/settings.ts";
import { targetOf } from "../target/target.ts";

const model = loadProfile("fixtures/profile/nexera.json");
const rule = model.events.rules.find((r) => r.on === "statusChange")!;
const event = buildEvent(
  model,
  rule,
  {
    ticketType: model.defaultTicketType,
    status: "acknowledged",
    id: "T",
    tag: "t",
    createdAt: "2026-01-01T00:00:00Z",
    at: "2026-01-01T00:00:01Z",
  },
  "e-1",
);
let server: Server;
let base = "";
const seen: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url} ${req.headers.authorization ?? "-"}`);
    if (req.url?.startsWith("/hang/")) return; // never answers
    if (req.url?.startsWith("/drop/")) return req.socket.destroy();
    const denied = req.url?.startsWith("/auth/") && req.headers.authorization !== `Basic ${btoa("nx:pw")}`;
    res.writeHead(req.url?.startsWith("/fail/") ? 503 : denied ? 401 : 200).end();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return async () => {
    await closeAgent();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  };
});
afterAll(closeAgent);

function caseAt(target: string, extra: Partial<Settings> = {}): Case {
  const settings = { role: "listener", target, seed: 1, eventTimeout: 300, ...extra } as Settings;
  const ctx: Run = {
    settings,
    model,
    target: targetOf(settings, model),
    listener: { control: "", public: "" },
    runId: "u",
  };
  return new Case(listenerRules(model).ack("POST {callback}/listener/{eventName}"), ctx);
}

describe("delivering one event to a listener", () => {
  it("posts to {target}/listener/{eventName} in the profile's spelling, with Basic credentials when given", async () => {
    const c = caseAt(base, { listenerCredentials: { user: "nx", password: "pw" } });
    const d = await deliver(c, event);
    expect(d.ex.response.status).toBe(200);
    expect(() => expectAcknowledged(c, d)).not.toThrow();
    expect(seen.at(-1)).toBe(`POST /listener/troubleTicketStatusChangeEvent Basic ${btoa("nx:pw")}`);
    await deliver(c, event, "none");
    expect(seen.at(-1)).toMatch(/ -$/);
  });

  it("fails a non-2xx answer, naming the event, the status and the rule on the first line", async () => {
    const c = caseAt(`${base}/fail`);
    const d = await deliver(c, event);
    expect(() => expectAcknowledged(c, d)).toThrow(NonConformance);
    expect(() => expectAcknowledged(c, d)).toThrow(
      /^TroubleTicketStatusChangeEvent \(Customer_Trouble_Ticket in acknowledged\): got HTTP 503, not a 2xx \[rule: each event/,
    );
  });

  it("expects an event without credentials, or with wrong ones, to be refused with 401", async () => {
    const creds = { listenerCredentials: { user: "nx", password: "pw" } };
    const checking = caseAt(`${base}/auth`, creds);
    for (const how of ["none", "wrong"] as const) expectRefused(checking, await deliver(checking, event, how), how);
    expect(seen.at(-1)).toBe(`POST /auth/listener/troubleTicketStatusChangeEvent Basic ${btoa("nx:pw-wrong")}`);
    expectAcknowledged(checking, await deliver(checking, event));
    const trusting = caseAt(base, creds);
    const d = await deliver(trusting, event, "none");
    expect(() => expectRefused(trusting, d, "without credentials")).toThrow(
      /without credentials: got HTTP 200, not 401 \[rule: /,
    );
  });

  it("gives up at the delivery timeout and fails the case, showing what was sent", async () => {
    const c = caseAt(`${base}/hang`);
    const d = await deliver(c, event);
    expect(d.noAnswer).toMatch(/^no answer within 300 ms, the delivery timeout/);
    expect(d.ex.ms).toBeLessThan(2000);
    expect(() => expectAcknowledged(c, d)).toThrow(
      /sent: POST \S+\/listener\/troubleTicketStatusChangeEvent[\s\S]*"eventId":"e-1"[\s\S]*got: {2}no answer/,
    );
  });

  it("fails a listener that drops the connection without an answer", async () => {
    const c = caseAt(`${base}/drop`);
    const d = await deliver(c, event);
    expect(d.noAnswer).toMatch(/^the connection ended without an answer/);
    expect(() => expectAcknowledged(c, d)).toThrow(NonConformance);
  });

  it("calls no listener at all a harness fault (a wrong --target), not a finding", async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    await expect(deliver(caseAt(`http://127.0.0.1:${port}`), event)).rejects.toThrow(HarnessError);
  });
});
