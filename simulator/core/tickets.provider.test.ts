import { describe, expect, it } from "vitest";
import { sampleTicket } from "../model/sample.ts";
import { CMP, CTT, errorOf, harness, item, model, statusOf } from "./testing.ts";
import type { Change } from "./tickets.ts";

const lc = model.lifecycle;
const reason = lc.reasonField as string;

describe("provider transitions", () => {
  it.each(lc.provider.map((t) => [t.from, t.to] as const))(
    "moves a ticket %s -> %s through the control interface",
    (from, to) => {
      const h = harness();
      const id = h.create("op-a");
      h.walkTo(id, from);
      h.tick();
      const { ticket, change } = h.service.providerTransition(id, to, "staff");
      expect(ticket).toMatchObject({
        status: to,
        statusChangeDate: h.nowIso(),
        lastUpdate: h.nowIso(),
        [reason]: "staff",
      });
      expect(change).toMatchObject({ kind: "update", operator: "op-a", statusChanges: [{ from, to }] });
    },
  );

  it.each([
    ["submitted", "inProgress"],
    ["submitted", "cancelled"],
    ["acknowledged", "resolved"],
    ["resolved", "inProgress"],
    ["held", "resolved"],
    ["closed", "inProgress"],
    ["cancelled", "submitted"],
  ])("refuses %s -> %s with 409 naming both states, changing nothing", (from, to) => {
    const h = harness();
    const id = h.create("op-a");
    h.walkTo(id, from);
    const before = h.service.get(undefined, id);
    const told = h.changes.length;
    const e = errorOf(() => h.service.providerTransition(id, to, "try"));
    expect(e.kind).toBe("conflict");
    expect(e.message).toContain(`"${from}"`);
    expect(e.message).toContain(`"${to}"`);
    expect(h.service.get(undefined, id)).toEqual(before);
    expect(h.changes).toHaveLength(told);
  });

  it("refuses an unknown status with 400", () => {
    const h = harness();
    const id = h.create("op-a");
    expect(errorOf(() => h.service.providerTransition(id, "done")).kind).toBe("badRequest");
    expect(statusOf(h.service, id)).toBe(lc.initial);
  });

  it("answers 404 for an unknown ticket", () => {
    expect(errorOf(() => harness().service.providerTransition("missing", "acknowledged")).kind).toBe("notFound");
  });

  it("drops the previous reason when a move gives none", () => {
    const h = harness();
    const id = h.create("op-a");
    h.service.providerTransition(id, "acknowledged", "seen");
    expect(h.service.providerTransition(id, "inProgress").ticket).not.toHaveProperty(reason);
  });

  it("sets resolutionDate and resolutionCode on resolution, and resolutionPaymentCode only for a Complaint", () => {
    const h = harness();
    const ctt = h.create("op-a", CTT);
    const cmp = h.create("op-a", CMP);
    h.tick();
    h.walkTo(ctt, "resolved");
    h.walkTo(cmp, "resolved");
    const a = h.service.get(undefined, ctt);
    const b = h.service.get(undefined, cmp);
    expect(a).toMatchObject({ resolutionDate: h.nowIso(), resolutionCode: "RESOLVED" });
    expect(a).not.toHaveProperty("resolutionPaymentCode");
    expect(b).toMatchObject({
      resolutionDate: h.nowIso(),
      resolutionCode: "RESOLVED",
      resolutionPaymentCode: "NO_PAYMENT",
    });
  });

  it("reports the onEnter fields as changed, and the bookkeeping fields not", () => {
    const h = harness();
    const id = h.create("op-a", CMP);
    h.walkTo(id, "inProgress");
    const { change } = h.service.providerTransition(id, "resolved", "fixed");
    expect(change.changedFields).toEqual(["resolutionDate", "resolutionCode", "resolutionPaymentCode"]);
  });
});

describe("provider PATCH", () => {
  it("sets Nexera-side fields and appends a stamped note", () => {
    const h = harness();
    const id = h.create("op-a", CTT, { note: [{ text: "from operator" }] });
    h.tick();
    const { ticket, change } = h.service.providerPatch(id, {
      priority: 1,
      expectedResolutionDate: "2021-04-01T00:00:00Z",
      note: [{ text: "from Nexera" }],
    });
    expect(ticket).toMatchObject({
      priority: 1,
      expectedResolutionDate: "2021-04-01T00:00:00Z",
      lastUpdate: h.nowIso(),
    });
    expect((ticket.note as unknown[]).at(-1)).toEqual({ text: "from Nexera", date: h.nowIso() });
    expect(change.changedFields.sort()).toEqual(["expectedResolutionDate", "note", "priority"]);
    expect(change.statusChanges).toEqual([]);
  });

  it("leaves a pending ticket pending when Nexera adds a note", () => {
    const h = harness();
    const id = h.create("op-a");
    h.walkTo(id, "pending");
    h.service.providerPatch(id, { note: [item("note")] });
    expect(statusOf(h.service, id)).toBe("pending");
  });

  it("refuses a field outside providerFields with 400, changing nothing", () => {
    const h = harness();
    const id = h.create("op-a");
    const before = h.service.get(undefined, id);
    const e = errorOf(() => h.service.providerPatch(id, { priority: 2, name: "x" }));
    expect(e.kind).toBe("badRequest");
    expect(e.message).toContain("name");
    expect(h.service.get(undefined, id)).toEqual(before);
  });

  it("refuses a value of the wrong type with 400", () => {
    const h = harness();
    expect(errorOf(() => h.service.providerPatch(h.create("op-a"), { priority: 11 })).kind).toBe("badRequest");
  });
});

describe("listeners", () => {
  it("tells every listener of changes in the order they were stored, even when a listener makes one", () => {
    const h = harness();
    const seen: string[] = [];
    h.service.onChange((c) => {
      if (c.kind === "create") h.service.providerTransition(String(c.ticket.id), "acknowledged", "auto");
    });
    h.service.onChange((c) => seen.push(`${c.kind}:${c.statusChanges.map((s) => s.to).join()}`));
    h.create("op-a");
    expect(seen).toEqual(["create:", "update:acknowledged"]);
  });

  it("keeps the stored change and rethrows when a listener fails, after telling the others", () => {
    const h = harness();
    const seen: Change[] = [];
    h.service.onChange(() => {
      throw new Error("listener bug");
    });
    h.service.onChange((c) => seen.push(c));
    expect(() => h.create("op-a")).toThrow("listener bug");
    expect(seen).toHaveLength(1);
    expect(h.service.list(undefined, {}).total).toBe(1);
  });
});

it("records who made each change: the operator's API, the control interface unless told, or who is named", () => {
  const h = harness();
  const id = h.create("op-a");
  h.service.providerTransition(id, "acknowledged");
  h.service.providerTransition(id, "inProgress", "staff", "console");
  h.service.providerPatch(id, { severity: "Low" }, "autoplay");
  h.service.patch("op-a", id, { note: [{ text: "more" }] });
  h.service.create("op-a", sampleTicket(model, model.defaultTicketType), "seed");
  expect(h.changes.map((c) => c.by)).toEqual(["operator", "control", "console", "autoplay", "operator", "seed"]);
});
