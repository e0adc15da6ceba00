import { describe, expect, it } from "vitest";
import { canMove } from "../model/model.ts";
import { appendMove, assertTransition, enterState, isFinal, type Side } from "./lifecycle.ts";
import { CMP, CTT, errorOf, model, states } from "./testing.ts";

const lc = model.lifecycle;
const AT = "2021-03-01T10:00:00.000Z";
const pairs = states.flatMap((from) => states.map((to) => [from, to] as const));
const illegal = (side: Side) => pairs.filter(([from, to]) => !canMove(lc[side], from, to));

describe("transitions", () => {
  it.each(lc.operator.map((t) => [t.from, t.to] as const))("lets the operator move %s -> %s", (from, to) => {
    expect(() => assertTransition(model, "operator", from, to)).not.toThrow();
  });

  it.each(lc.provider.map((t) => [t.from, t.to] as const))("lets the provider move %s -> %s", (from, to) => {
    expect(() => assertTransition(model, "provider", from, to)).not.toThrow();
  });

  it.each(illegal("operator"))("refuses the operator %s -> %s with 409 naming both states", (from, to) => {
    const e = errorOf(() => assertTransition(model, "operator", from, to));
    expect(e.kind).toBe("conflict");
    expect(e.message).toContain(`"${from}"`);
    expect(e.message).toContain(`"${to}"`);
  });

  it.each(illegal("provider"))("refuses the provider %s -> %s with 409", (from, to) => {
    expect(errorOf(() => assertTransition(model, "provider", from, to)).kind).toBe("conflict");
  });

  it("refuses a state the profile does not know with 400", () => {
    expect(errorOf(() => assertTransition(model, "provider", lc.initial, "done")).kind).toBe("badRequest");
  });

  it("says a final state allows nothing", () => {
    const [final] = [...lc.final];
    expect(isFinal(model, String(final))).toBe(true);
    expect(isFinal(model, lc.initial)).toBe(false);
    expect(errorOf(() => assertTransition(model, "operator", String(final), lc.initial)).message).toContain("final");
  });
});

describe("append moves", () => {
  it("moves a pending ticket to inProgress when a note is appended", () => {
    expect(appendMove(model, "pending", ["note"])).toMatchObject({ to: "inProgress" });
  });

  it("moves a pending ticket to inProgress when an attachment is appended", () => {
    expect(appendMove(model, "pending", ["attachment"])?.to).toBe("inProgress");
  });

  it("gives the rule's own description as the reason", () => {
    expect(appendMove(model, "pending", ["note"])?.reason).toBe(lc.onAppend[0]?.source);
  });

  it("does not move a ticket in another state, or when nothing was appended", () => {
    expect(appendMove(model, "inProgress", ["note"])).toBeUndefined();
    expect(appendMove(model, "pending", [])).toBeUndefined();
    expect(appendMove(model, "pending", ["name"])).toBeUndefined();
  });
});

describe("entering a state", () => {
  it("sets the status, its change date and the reason", () => {
    const t: Record<string, unknown> = { ticketType: CTT, status: "submitted" };
    expect(enterState(model, t, "acknowledged", "seen", AT)).toEqual([]);
    expect(t).toEqual({ ticketType: CTT, status: "acknowledged", statusChangeDate: AT, statusChangeReason: "seen" });
  });

  it("removes a stale reason when the move gives none", () => {
    const t: Record<string, unknown> = { ticketType: CTT, statusChangeReason: "old" };
    enterState(model, t, "held", undefined, AT);
    expect(t).not.toHaveProperty("statusChangeReason");
  });

  it("sets resolutionDate and resolutionCode on resolution, but no resolutionPaymentCode for a Customer_Trouble_Ticket", () => {
    const t: Record<string, unknown> = { ticketType: CTT };
    expect(enterState(model, t, "resolved", "fixed", AT)).toEqual(["resolutionDate", "resolutionCode"]);
    expect(t.resolutionDate).toBe(AT);
    expect(t.resolutionCode).toBe("RESOLVED");
    expect(t).not.toHaveProperty("resolutionPaymentCode");
  });

  it("sets resolutionPaymentCode on the resolution of a Complaint", () => {
    const t: Record<string, unknown> = { ticketType: CMP };
    expect(enterState(model, t, "resolved", "fixed", AT)).toContain("resolutionPaymentCode");
    expect(t.resolutionPaymentCode).toBe("NO_PAYMENT");
  });

  it("keeps a code already set, but stamps the resolution date again", () => {
    const t: Record<string, unknown> = {
      ticketType: CMP,
      resolutionCode: "MINE",
      resolutionPaymentCode: "PAID",
      resolutionDate: "2020-01-01T00:00:00Z",
    };
    expect(enterState(model, t, "resolved", "again", AT)).toEqual(["resolutionDate"]);
    expect([t.resolutionCode, t.resolutionPaymentCode, t.resolutionDate]).toEqual(["MINE", "PAID", AT]);
  });

  it("clears what onLeave names when leaving resolved for inProgress, and reports it changed", () => {
    const t: Record<string, unknown> = {
      ticketType: CMP,
      status: "resolved",
      resolutionDate: AT,
      resolutionCode: "RESOLVED",
      resolutionPaymentCode: "NO_PAYMENT",
    };
    expect(enterState(model, t, "inProgress", "rejected", AT).sort()).toEqual([
      "resolutionCode",
      "resolutionDate",
      "resolutionPaymentCode",
    ]);
    expect(Object.keys(t).filter((k) => k.startsWith("resolution"))).toEqual([]);
  });

  it("clears nothing when leaving resolved for closed (no onLeave rule for that move)", () => {
    const t: Record<string, unknown> = { ticketType: CTT, status: "resolved", resolutionDate: AT, resolutionCode: "X" };
    expect(enterState(model, t, "closed", "accepted", AT)).toEqual([]);
    expect(t).toMatchObject({ resolutionDate: AT, resolutionCode: "X" });
  });

  it("sets nothing more on entering a state without onEnter rules", () => {
    const t: Record<string, unknown> = { ticketType: CMP };
    enterState(model, t, "closed", "done", AT);
    expect(Object.keys(t).sort()).toEqual(["status", "statusChangeDate", "statusChangeReason", "ticketType"]);
  });
});
