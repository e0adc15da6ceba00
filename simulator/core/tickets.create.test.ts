import { describe, expect, it } from "vitest";
import { isUnsupported } from "../model/model.ts";
import { sampleTicket } from "../model/sample.ts";
import { CMP, CTT, errorOf, harness, item, model } from "./testing.ts";

const body = (ticketType = CTT, extra: Record<string, unknown> = {}) => ({
  ...sampleTicket(model, ticketType),
  ...extra,
});
const serverField = (kind: string) => model.root.fields.find((f) => f.server === kind)?.name as string;

describe("create", () => {
  it("sets id, href, dates and the initial status from the profile's server fields", () => {
    const h = harness({ publicUrl: "https://sim.example" });
    const { ticket } = h.service.create("op-a", body());
    expect(ticket.id).toBe("id-00001");
    expect(ticket.href).toBe(`https://sim.example${model.basePath}/${model.resource}/id-00001`);
    for (const kind of ["createdAt", "updatedAt", "statusChangedAt"])
      expect(ticket[serverField(kind)]).toBe(h.nowIso());
    expect(ticket[model.lifecycle.field]).toBe(model.lifecycle.initial);
  });

  it("writes a path-only href without a public URL", () => {
    const { ticket } = harness().service.create("op-a", body());
    expect(ticket.href).toBe(`${model.basePath}/${model.resource}/${String(ticket.id)}`);
  });

  it("fills every server default the body leaves out", () => {
    const b = body();
    delete b[model.ticketTypeField!];
    const { ticket } = harness().service.create("op-a", b);
    const defaults = model.root.fields.filter((f) => f.server === "default");
    expect(defaults.length).toBeGreaterThan(0);
    for (const f of defaults) expect(ticket[f.name]).toEqual(f.default);
  });

  it("keeps an optional defaulted field the body gives", () => {
    const { ticket } = harness().service.create("op-a", body(CMP, { origin: "Web" }));
    expect([ticket.origin, ticket[model.ticketTypeField!]]).toEqual(["Web", CMP]);
  });

  it("stamps each note with the date and each attachment with an id of its own", () => {
    const h = harness();
    const { ticket } = h.service.create(
      "op-a",
      body(CTT, { note: [item("note"), item("note")], attachment: [item("attachment")] }),
    );
    const notes = ticket.note as Array<Record<string, unknown>>;
    expect(notes.map((n) => n.date)).toEqual([h.nowIso(), h.nowIso()]);
    const [att] = ticket.attachment as Array<Record<string, unknown>>;
    expect(att?.id).toBeTypeOf("string");
    expect(att?.id).not.toBe(ticket.id);
  });

  it("keeps a client's note id", () => {
    const { ticket } = harness().service.create("op-a", body(CTT, { note: [{ ...item("note"), id: "n1" }] }));
    expect((ticket.note as Array<Record<string, unknown>>)[0]?.id).toBe("n1");
  });

  it("records the create as a change with no before, no status move and no changed fields", () => {
    const h = harness();
    const { ticket, change } = h.service.create("op-a", body());
    expect(change).toEqual({
      kind: "create",
      operator: "op-a",
      by: "operator",
      ticket,
      statusChanges: [],
      changedFields: [],
      at: h.nowIso(),
    });
    expect(h.changes).toEqual([change]);
  });

  it("hands out copies: changing the returned ticket changes nothing stored", () => {
    const h = harness();
    const { ticket } = h.service.create("op-a", body());
    ticket.name = "changed";
    expect(h.service.get("op-a", String(ticket.id)).name).not.toBe("changed");
  });

  it("rejects a body missing a required field with 400 naming it, and stores nothing", () => {
    const h = harness();
    const b = body();
    delete b.description;
    const e = errorOf(() => h.service.create("op-a", b));
    expect(e).toMatchObject({ kind: "badRequest" });
    expect(e.message).toContain("description");
    expect(h.service.list(undefined, {}).total).toBe(0);
    expect(h.changes).toEqual([]);
  });

  it("rejects a field the profile does not support, and stores nothing", () => {
    const h = harness();
    const unsupported = model.root.fields.find(isUnsupported)?.name as string;
    expect(errorOf(() => h.service.create("op-a", body(CTT, { [unsupported]: { id: "c" } }))).kind).toBe("badRequest");
    expect(h.service.list(undefined, {}).total).toBe(0);
  });

  it("rejects a body that is not an object", () => {
    expect(errorOf(() => harness().service.create("op-a", [])).kind).toBe("badRequest");
  });

  it("rejects a Financial Complaint without relatedEntity", () => {
    const b = body(CMP, { ticketSubtype: "Financial" });
    delete b.relatedEntity;
    expect(errorOf(() => harness().service.create("op-a", b)).message).toContain("relatedEntity");
  });

  it("stops telling a listener once it unsubscribed", () => {
    const h = harness();
    const seen: string[] = [];
    const off = h.service.onChange((c) => seen.push(c.kind));
    h.service.create("op-a", body());
    off();
    h.service.create("op-a", body());
    expect(seen).toEqual(["create"]);
  });
});

describe("reads and tenants", () => {
  it("reads a ticket by id, to its owner and to the control interface", () => {
    const h = harness();
    const id = h.create("op-a");
    expect(h.service.get("op-a", id).id).toBe(id);
    expect(h.service.get(undefined, id).id).toBe(id);
  });

  it("answers 404 for another operator's ticket, as for a missing one", () => {
    const h = harness();
    const id = h.create("op-a");
    expect(errorOf(() => h.service.get("op-b", id)).kind).toBe("notFound");
    expect(errorOf(() => h.service.get("op-a", "missing")).kind).toBe("notFound");
    expect(errorOf(() => h.service.patch("op-b", id, { name: "x" })).kind).toBe("notFound");
    expect(h.service.get("op-a", id).name).not.toBe("x");
  });

  it("names each ticket's owner", () => {
    const h = harness();
    const id = h.create("op-b");
    expect([h.service.ownerOf(id), h.service.ownerOf("missing")]).toEqual(["op-b", undefined]);
  });

  it("returns only the requested fields of a single ticket", () => {
    const h = harness();
    const id = h.create("op-a");
    expect(h.service.get("op-a", id, { fields: "name,status" })).toEqual({
      name: expect.any(String),
      status: model.lifecycle.initial,
    });
  });

  it("refuses a filter on a single read", () => {
    const h = harness();
    expect(errorOf(() => h.service.get("op-a", h.create("op-a"), { name: "x" })).kind).toBe("badQuery");
  });

  it("forgets every ticket on reset", () => {
    const h = harness();
    const id = h.create("op-a");
    h.service.reset();
    expect(errorOf(() => h.service.get(undefined, id)).kind).toBe("notFound");
    expect(h.service.list(undefined, {})).toEqual({ items: [], total: 0 });
  });

  it("tells the reset listeners after the store is empty, until they unsubscribe", () => {
    const h = harness();
    h.create("op-a");
    const seen: number[] = [];
    const stop = h.service.onReset(() => seen.push(h.service.list(undefined, {}).total));
    h.service.reset();
    stop();
    h.service.reset();
    expect(seen).toEqual([0]);
  });
});
