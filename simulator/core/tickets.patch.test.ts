import { describe, expect, it } from "vitest";
import { CMP, CTT, errorOf, harness, item, model, statusOf } from "./testing.ts";

const lc = model.lifecycle;
const reason = lc.reasonField as string;

describe("operator PATCH", () => {
  it("replaces a scalar field, moves lastUpdate and records the change", () => {
    const h = harness();
    const id = h.create("op-a");
    const before = h.service.get("op-a", id);
    h.tick();
    const { ticket, change } = h.service.patch("op-a", id, { name: "renamed" });
    expect(ticket).toEqual({ ...before, name: "renamed", lastUpdate: h.nowIso() });
    expect(change).toMatchObject({
      kind: "update",
      operator: "op-a",
      before,
      ticket,
      statusChanges: [],
      changedFields: ["name"],
      at: h.nowIso(),
    });
    expect(h.changes.at(-1)).toBe(change);
  });

  it("appends notes to the existing ones, stamping only the new", () => {
    const h = harness();
    const id = h.create("op-a", CTT, { note: [{ text: "first" }] });
    const created = h.nowIso();
    h.tick();
    const { ticket, change } = h.service.patch("op-a", id, { note: [{ text: "second" }] });
    expect(ticket.note).toEqual([
      { text: "first", date: created },
      { text: "second", date: h.nowIso() },
    ]);
    expect(change.changedFields).toEqual(["note"]);
  });

  it("appends attachments, each with a new id", () => {
    const h = harness();
    const id = h.create("op-a", CTT, { attachment: [item("attachment")] });
    const { ticket } = h.service.patch("op-a", id, { attachment: [item("attachment")] });
    const atts = ticket.attachment as Array<Record<string, unknown>>;
    expect(atts).toHaveLength(2);
    expect(new Set(atts.map((a) => a.id)).size).toBe(2);
  });

  it("answers a PATCH that changes nothing with the ticket as it was, lastUpdate unmoved and no change told", () => {
    const h = harness();
    const id = h.create("op-a");
    const before = h.service.get("op-a", id);
    h.tick();
    const { ticket, change } = h.service.patch("op-a", id, { name: before.name, note: [] });
    expect(ticket).toEqual(before);
    expect(change.changedFields).toEqual([]);
    expect(h.changes).toHaveLength(1);
  });

  it("rejects a prohibited field with 400 and changes nothing", () => {
    const h = harness();
    const id = h.create("op-a");
    const before = h.service.get("op-a", id);
    const e = errorOf(() => h.service.patch("op-a", id, { name: "x", priority: 1 }));
    expect(e.kind).toBe("badRequest");
    expect(e.message).toContain("priority");
    expect(h.service.get("op-a", id)).toEqual(before);
  });

  it("rejects a status without its reason with 400", () => {
    const h = harness();
    const id = h.create("op-a");
    expect(errorOf(() => h.service.patch("op-a", id, { status: "cancelled" })).message).toContain(reason);
    expect(statusOf(h.service, id)).toBe(lc.initial);
  });
});

describe("operator transitions", () => {
  it.each(lc.operator.map((t) => [t.from, t.to] as const))("moves a ticket %s -> %s by PATCH", (from, to) => {
    const h = harness();
    const id = h.create("op-a");
    h.walkTo(id, from);
    h.tick();
    const { ticket, change } = h.service.patch("op-a", id, { status: to, [reason]: "operator says so" });
    expect(ticket).toMatchObject({
      status: to,
      statusChangeDate: h.nowIso(),
      lastUpdate: h.nowIso(),
      [reason]: "operator says so",
    });
    expect(change.statusChanges).toEqual([{ from, to }]);
  });

  it.each([
    ["submitted", "closed"],
    ["submitted", "resolved"],
    ["acknowledged", "inProgress"],
    ["resolved", "cancelled"],
    ["inProgress", "inProgress"],
    ["held", "pending"],
  ])("refuses %s -> %s with 409 naming both states, changing nothing", (from, to) => {
    const h = harness();
    const id = h.create("op-a");
    h.walkTo(id, from);
    const before = h.service.get("op-a", id);
    const told = h.changes.length;
    const e = errorOf(() => h.service.patch("op-a", id, { status: to, [reason]: "try", name: "also renamed" }));
    expect(e.kind).toBe("conflict");
    expect(e.message).toContain(`"${from}"`);
    expect(e.message).toContain(`"${to}"`);
    expect(h.service.get("op-a", id)).toEqual(before);
    expect(h.changes).toHaveLength(told);
  });

  it("moves a pending ticket to inProgress when the operator adds a note", () => {
    const h = harness();
    const id = h.create("op-a");
    h.walkTo(id, "pending");
    h.tick();
    const { ticket, change } = h.service.patch("op-a", id, { note: [item("note")] });
    expect(ticket).toMatchObject({
      status: "inProgress",
      statusChangeDate: h.nowIso(),
      [reason]: lc.onAppend[0]?.source,
    });
    expect(change.statusChanges).toEqual([{ from: "pending", to: "inProgress" }]);
    expect(change.changedFields).toEqual(["note"]);
  });

  it("moves a pending ticket to inProgress when the operator adds an attachment", () => {
    const h = harness();
    const id = h.create("op-a");
    h.walkTo(id, "pending");
    expect(h.service.patch("op-a", id, { attachment: [item("attachment")] }).ticket.status).toBe("inProgress");
  });

  it("lets an explicit status win over the append move", () => {
    const h = harness();
    const id = h.create("op-a");
    h.walkTo(id, "pending");
    const { change } = h.service.patch("op-a", id, { status: "cancelled", [reason]: "gave up", note: [item("note")] });
    expect(change.statusChanges).toEqual([{ from: "pending", to: "cancelled" }]);
  });

  it("leaves an inProgress ticket where it is when a note is added", () => {
    const h = harness();
    const id = h.create("op-a");
    h.walkTo(id, "inProgress");
    expect(h.service.patch("op-a", id, { note: [item("note")] }).change.statusChanges).toEqual([]);
    expect(statusOf(h.service, id)).toBe("inProgress");
  });

  it("clears the resolution when the operator reopens a resolved ticket, and keeps it cleared when it is cancelled", () => {
    const h = harness();
    const id = h.create("op-a", CMP);
    h.walkTo(id, "resolved");
    const reopened = h.service.patch("op-a", id, { status: "inProgress", [reason]: "not fixed" });
    expect(reopened.ticket).not.toHaveProperty("resolutionDate");
    expect(reopened.ticket).not.toHaveProperty("resolutionCode");
    expect(reopened.ticket).not.toHaveProperty("resolutionPaymentCode");
    expect(reopened.change.changedFields.sort()).toEqual(["resolutionCode", "resolutionDate", "resolutionPaymentCode"]);
    const cancelled = h.service.patch("op-a", id, { status: "cancelled", [reason]: "gave up" }).ticket;
    expect(Object.keys(cancelled).filter((k) => k.startsWith("resolution"))).toEqual([]);
  });

  it("sets the resolution afresh when a reopened ticket is resolved again", () => {
    const h = harness();
    const id = h.create("op-a", CMP);
    h.walkTo(id, "resolved");
    h.service.providerPatch(id, { resolutionCode: "SPECIAL" });
    h.service.patch("op-a", id, { status: "inProgress", [reason]: "not fixed" });
    h.tick();
    h.walkTo(id, "resolved");
    expect(h.service.get("op-a", id)).toMatchObject({
      resolutionCode: "RESOLVED",
      resolutionPaymentCode: "NO_PAYMENT",
      resolutionDate: h.nowIso(),
    });
  });

  it("keeps the resolution when a resolved ticket is closed", () => {
    const h = harness();
    const id = h.create("op-a", CMP);
    h.walkTo(id, "resolved");
    const closed = h.service.patch("op-a", id, { status: "closed", [reason]: "accepted" }).ticket;
    expect(closed).toMatchObject({ resolutionCode: "RESOLVED", resolutionPaymentCode: "NO_PAYMENT" });
    expect(closed).toHaveProperty("resolutionDate");
  });
});

describe("final states", () => {
  it.each([...lc.final])("refuses any change to a %s ticket with 409 and changes nothing", (final) => {
    const h = harness();
    const id = h.create("op-a");
    h.walkTo(id, final);
    const before = h.service.get("op-a", id);
    for (const body of [{ name: "renamed" }, { note: [item("note")] }, { status: lc.initial, [reason]: "reopen" }])
      expect(errorOf(() => h.service.patch("op-a", id, body)).kind).toBe("conflict");
    expect(errorOf(() => h.service.providerPatch(id, { priority: 1 })).kind).toBe("conflict");
    expect(h.service.get("op-a", id)).toEqual(before);
  });

  it("answers a PATCH that would change nothing on a final ticket with 200", () => {
    const h = harness();
    const id = h.create("op-a");
    h.walkTo(id, "rejected");
    const before = h.service.get("op-a", id);
    expect(h.service.patch("op-a", id, { name: before.name }).ticket).toEqual(before);
  });
});
