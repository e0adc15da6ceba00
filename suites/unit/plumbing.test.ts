// Redaction, seeds and the embedded listener (a real socket).
import { describe, expect, it } from "vitest";
import type { Exchange } from "../http/client.ts";
import { send } from "../http/client.ts";
import { describeExchange, redact } from "../http/redact.ts";
import { Channel } from "../listener/channel.ts";
import { startRecorder } from "../listener/recorder.ts";
import { seedFor } from "../support/property.ts";

const ex: Exchange = {
  request: {
    method: "POST",
    url: "http://x/oauth/token",
    headers: { authorization: "Basic b3A6c2VjcmV0" },
    body: "grant_type=client_credentials",
  },
  response: { status: 200, headers: {}, text: '{"access_token":"tok-123","token_type":"Bearer"}', json: undefined },
  ms: 1,
};

describe("plumbing", () => {
  it("redacts the Authorization header and token bodies", () => {
    const r = redact(ex);
    expect(r.request.headers.authorization).toBe("Basic <redacted>");
    expect(r.response.text).not.toContain("tok-123");
    expect(describeExchange(ex)).not.toMatch(/b3A6c2VjcmV0|tok-123/);
  });

  it("derives a stable seed per test title", () => {
    expect(seedFor(42, "a")).toBe(seedFor(42, "a"));
    expect(seedFor(42, "a")).not.toBe(seedFor(42, "b"));
    expect(seedFor(43, "a")).not.toBe(seedFor(42, "a"));
  });

  it("records events POSTed to a channel's callback and answers injected failures", async () => {
    const rec = await startRecorder({ host: "127.0.0.1", port: 0 });
    try {
      const ch = new Channel({ control: rec.control, public: rec.public }, "unit");
      await ch.failNext(1, 503);
      const first = await send({
        method: "POST",
        url: `${ch.callback}/listener/troubleTicketStatusChangeEvent`,
        json: { eventId: "1" },
      });
      const second = await send({
        method: "POST",
        url: `${ch.callback}/listener/troubleTicketStatusChangeEvent`,
        json: { eventId: "1" },
      });
      expect([first.response.status, second.response.status]).toEqual([503, 200]);
      const ds = await ch.deliveries();
      expect(ds.map((d) => [d.eventName, d.answered])).toEqual([
        ["troubleTicketStatusChangeEvent", 503],
        ["troubleTicketStatusChangeEvent", 200],
      ]);
    } finally {
      await rec.close();
    }
  });
});
