// The ticket store's limits (docs/rules.md §8): past each, 409 naming the limit and the
// setting that raises it, and nothing stored or told.
import { describe, expect, it } from "vitest";
import { CATALOGUE } from "./errors.ts";
import { LIMIT_FLAGS, TICKET_LIMITS } from "./limits.ts";
import { errorOf, harness, item, model } from "./testing.ts";

const note = () => ({ [appendable]: [item(appendable)] });
const appendable = model.lifecycle.onAppend[0]?.fields[0] ?? "note";

describe("tickets per operator", () => {
  it("refuses a create past the limit with 409, naming the limit and its setting, and stores nothing", () => {
    const h = harness({ limits: { perOperator: 2 } });
    h.create("op-a");
    h.create("op-a");
    const told = h.changes.length;
    const e = errorOf(() => h.create("op-a"));
    expect(e.kind).toBe("ticketLimit");
    expect(CATALOGUE[e.kind]).toMatchObject({ status: 409, code: "TICKET_LIMIT_REACHED" });
    expect(e.message).toContain('operator "op-a" already has 2 tickets');
    expect(e.message).toContain(`${LIMIT_FLAGS.perOperator} 2`);
    expect(e.message).toContain("POST /__control/reset");
    expect(h.service.list("op-a", {}).total).toBe(2);
    expect(h.changes).toHaveLength(told);
  });

  it("counts each operator apart: one at its limit leaves another free", () => {
    const h = harness({ limits: { perOperator: 1 } });
    h.create("op-a");
    expect(() => h.create("op-b")).not.toThrow();
    expect(errorOf(() => h.create("op-b")).kind).toBe("ticketLimit");
  });

  it("judges the body first: an invalid create past the limit is still 400", () => {
    const h = harness({ limits: { perOperator: 1 } });
    h.create("op-a");
    expect(errorOf(() => h.service.create("op-a", {})).kind).toBe("badRequest");
  });

  it("makes room again after a reset", () => {
    const h = harness({ limits: { perOperator: 1 } });
    h.create("op-a");
    h.service.reset();
    expect(() => h.create("op-a")).not.toThrow();
  });

  it("defaults to a limit no conformance run comes near", () => {
    expect(TICKET_LIMITS.perOperator).toBe(100_000);
  });
});

describe("bytes per ticket", () => {
  it("refuses a create whose ticket would be larger, and stores nothing", () => {
    const h = harness({ limits: { ticketBytes: 500 } });
    const e = errorOf(() => h.create("op-a", model.defaultTicketType, { description: "x".repeat(600) }));
    expect(e.kind).toBe("ticketTooLarge");
    expect(CATALOGUE[e.kind]).toMatchObject({ status: 409, code: "TICKET_TOO_LARGE" });
    expect(e.message).toMatch(/^the new ticket would be \d+ bytes of JSON, over the simulator's limit of 500/);
    expect(e.message).toContain(LIMIT_FLAGS.ticketBytes);
    expect(h.service.list(undefined, {}).total).toBe(0);
    expect(h.changes).toEqual([]);
  });

  it("refuses an append that would grow a ticket past it, and keeps the ticket as it was", () => {
    const h = harness({ limits: { ticketBytes: 4000 } });
    const id = h.create("op-a");
    const before = h.service.get("op-a", id);
    const told = h.changes.length;
    let appended = 0;
    const e = errorOf(() => {
      for (;;) {
        h.service.patch("op-a", id, note());
        appended++;
      }
    });
    expect(e.kind).toBe("ticketTooLarge");
    expect(e.message).toContain(`ticket "${id}" would be`);
    expect(appended).toBeGreaterThan(0);
    const after = h.service.get("op-a", id);
    expect((after[appendable] as unknown[]).length).toBe(appended + ((before[appendable] as unknown[])?.length ?? 0));
    expect(Buffer.byteLength(JSON.stringify(after))).toBeLessThanOrEqual(4000);
    expect(h.changes).toHaveLength(told + appended);
  });
});
