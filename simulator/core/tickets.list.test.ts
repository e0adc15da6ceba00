import { describe, expect, it } from "vitest";
import { CMP, CTT, errorOf, harness, model, START } from "./testing.ts";

const { fields: FIELDS, offset: OFFSET, limit: LIMIT } = model.reserved;
const day = (n: number) => new Date(START + n * 86_400_000).toISOString().slice(0, 10);

/** Five tickets of op-a a day apart (t1 oldest), mixed types, one of op-b; two resolved. */
function world() {
  const h = harness();
  const ids: string[] = [];
  const plan = [
    [CTT, "Financial"],
    [CMP, "Activation"],
    [CTT, "Maintenance"],
    [CMP, "Financial"],
    [CTT, "Other"],
  ] as const;
  for (const [type, subtype] of plan) {
    ids.push(h.create("op-a", type, { ticketSubtype: subtype, correlationId: `corr-${ids.length + 1}` }));
    h.tick(86_400_000);
  }
  const other = h.create("op-b", CTT, { correlationId: "corr-1" });
  h.walkTo(ids[0] as string, "resolved");
  h.walkTo(ids[3] as string, "resolved");
  const list = (q: Record<string, string | string[]>, operator: string | undefined = "op-a") =>
    h.service.list(operator, q).items.map((t) => ids.indexOf(String(t.id)) + 1);
  return { h, ids, other, list };
}

describe("list", () => {
  it("lists the operator's tickets newest first, with the total", () => {
    const { h, list } = world();
    expect(list({})).toEqual([5, 4, 3, 2, 1]);
    expect(h.service.list("op-a", {}).total).toBe(5);
  });

  it("lists every operator's tickets to the control interface", () => {
    const { h, other } = world();
    const { items, total } = h.service.list(undefined, {});
    expect(total).toBe(6);
    expect(items[0]?.id).toBe(other);
  });

  it("orders tickets created at the same instant by id", () => {
    const h = harness();
    const a = h.create("op-a");
    const b = h.create("op-a");
    expect(h.service.list("op-a", {}).items.map((t) => t.id)).toEqual([a, b].sort());
  });

  it("pages with offset and limit, the total counting every match", () => {
    const { h, list } = world();
    expect(list({ [OFFSET]: "1", [LIMIT]: "2" })).toEqual([4, 3]);
    expect(h.service.list("op-a", { [OFFSET]: "1", [LIMIT]: "2" }).total).toBe(5);
    expect(list({ [OFFSET]: "5" })).toEqual([]);
    expect(list({ [LIMIT]: "0" })).toEqual([]);
  });

  it("pages through every ticket exactly once", () => {
    const { list } = world();
    const pages = [0, 2, 4].flatMap((o) => list({ [OFFSET]: String(o), [LIMIT]: "2" }));
    expect(pages).toEqual([5, 4, 3, 2, 1]);
  });

  it("filters by ticketType", () => {
    expect(world().list({ ticketType: CMP })).toEqual([4, 2]);
  });

  it("filters by either spelling of the subtype", () => {
    const { list } = world();
    expect(list({ ticketSubType: "Financial" })).toEqual([4, 1]);
    expect(list({ ticketSubtype: "Financial" })).toEqual([4, 1]);
  });

  it("ORs a comma list and a repeated parameter", () => {
    const { list } = world();
    expect(list({ correlationId: "corr-1,corr-3" })).toEqual([3, 1]);
    expect(list({ correlationId: ["corr-1", "corr-5"] })).toEqual([5, 1]);
  });

  it("ANDs different parameters", () => {
    expect(world().list({ ticketType: CTT, ticketSubType: "Financial,Other" })).toEqual([5, 1]);
  });

  it("matches values exactly and case-sensitively", () => {
    const { list } = world();
    expect(list({ ticketSubType: "financial" })).toEqual([]);
    expect(list({ correlationId: "corr" })).toEqual([]);
  });

  it("never shows another operator's ticket, even by id", () => {
    const { h, other } = world();
    expect(h.service.list("op-a", { id: other })).toEqual({ items: [], total: 0 });
    expect(h.service.list("op-b", { id: other }).total).toBe(1);
  });

  it.each([
    ["creationDate.gt", 2, [5, 4]],
    ["creationDate.gte", 2, [5, 4, 3]],
    ["creationDate.lt", 2, [2, 1]],
    ["creationDate.lte", 2, [3, 2, 1]],
    ["creationDate.eq", 2, [3]],
    ["creationDate", 2, [3]],
  ] as const)("filters %s with a timestamp", (name, n, want) => {
    expect(world().list({ [name]: `${day(n)}T10:00:00Z` })).toEqual(want);
  });

  it("reads a date alone as midnight UTC", () => {
    const { list } = world();
    expect(list({ "creationDate.gte": day(2) })).toEqual([5, 4, 3]);
    expect(list({ "creationDate.lt": day(2) })).toEqual([2, 1]);
  });

  it("compares instants across offsets", () => {
    expect(world().list({ "creationDate.eq": `${day(2)}T12:00:00+02:00` })).toEqual([3]);
  });

  it("filters by a date range, and never matches a ticket without the date", () => {
    const { list } = world();
    expect(list({ "resolutionDate.gte": day(0), "resolutionDate.lte": day(9) })).toEqual([4, 1]);
    expect(list({ "resolutionDate.lt": day(9) })).toEqual([4, 1]);
  });

  it("filters on statusChangeReason and lastUpdate as they change", () => {
    const { list } = world();
    expect(list({ statusChangeReason: "to resolved" })).toEqual([4, 1]);
    expect(list({ "lastUpdate.gte": day(5) })).toEqual([4, 1]);
  });

  it("returns only the requested fields", () => {
    const { h } = world();
    const { items } = h.service.list("op-a", { [FIELDS]: "id,ticketType", [LIMIT]: "1" });
    expect(items).toEqual([{ id: expect.any(String), ticketType: CTT }]);
  });

  it("does not add id to the requested fields", () => {
    const { h } = world();
    expect(Object.keys(h.service.list("op-a", { [FIELDS]: "name" }).items[0] ?? {})).toEqual(["name"]);
  });

  it("answers 400 for an unknown parameter, a bad value or an unknown field", () => {
    const { h } = world();
    for (const q of [{ colour: "x" }, { "creationDate.gt": "soon" }, { [LIMIT]: "-1" }, { [FIELDS]: "colour" }])
      expect(errorOf(() => h.service.list("op-a", q)).kind).toBe("badQuery");
  });
});
