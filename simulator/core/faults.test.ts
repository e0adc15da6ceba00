// The core's faults bend what they say and nothing else: each next to the honest
// service on the same requests (the profile edits are built in simulator/http/catalogue.test.ts;
// that the suites catch each one is `npm run certify:faults`).
import { describe, expect, it } from "vitest";
import { activeFaults } from "./fault-spec.ts";
import { CMP, CTT, errorOf, harness, item, model, START } from "./testing.ts";

const { fields: FIELDS, offset: OFFSET, limit: LIMIT } = model.reserved;
const lc = model.lifecycle;
const created = model.serverFields.createdAt!;
const updated = model.serverFields.updatedAt!;

/** The honest service and one with the fault, each with five tickets a day apart (1 oldest), types alternating. */
function pair(fault: string, arg?: string) {
  return [harness(), harness({ faults: activeFaults([[fault, arg]]) })].map((h) => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push(h.create("op-a", i % 2 === 0 ? CTT : CMP, { correlationId: `corr-${i + 1}` }));
      h.tick(86_400_000);
    }
    const list = (q: Record<string, string>) =>
      h.service.list("op-a", q).items.map((t) => ids.indexOf(String(t.id)) + 1);
    return { h, ids, list };
  }) as [World, World];
}
type World = { h: ReturnType<typeof harness>; ids: string[]; list: (q: Record<string, string>) => number[] };

describe("field faults", () => {
  it("drop-optional forgets the field it names", () => {
    const [honest, bent] = pair("drop-optional", "externalId");
    const sent = { externalId: "ext-1" };
    expect(honest.h.service.get(undefined, honest.h.create("op-a", CTT, sent)).externalId).toBe("ext-1");
    expect(bent.h.service.get(undefined, bent.h.create("op-a", CTT, sent))).not.toHaveProperty("externalId");
  });

  const notBase64 = { attachment: [{ ...item("attachment"), content: "%%% not base64 %%%" }] };
  it.each([
    ["accept-wrong-type", { name: 42 }],
    ["accept-wrong-enum:severity", { severity: "Huge" }],
    ["accept-wrong-format:base64", notBase64],
  ])("%s lets a value its check refuses through", (spec, extra) => {
    const [fault, arg] = spec.split(":") as [string, string | undefined];
    const [honest, bent] = pair(fault, arg);
    expect(errorOf(() => honest.h.create("op-a", CTT, extra)).kind).toBe("badRequest");
    const id = bent.h.create("op-a", CTT, extra);
    expect(bent.h.service.get(undefined, id)).toMatchObject(extra);
  });

  it("accept-wrong-format checks the other formats still", () => {
    const [, bent] = pair("accept-wrong-format", "uri");
    expect(errorOf(() => bent.h.create("op-a", CTT, notBase64)).kind).toBe("badRequest");
  });

  it("impossible-date stamps a new ticket on 30 February", () => {
    const [honest, bent] = pair("impossible-date");
    const at = new Date(START).toISOString();
    honest.h.tick(-5 * 86_400_000);
    bent.h.tick(-5 * 86_400_000);
    expect(honest.h.service.get(undefined, honest.h.create())[created]).toBe(at);
    expect(bent.h.service.get(undefined, bent.h.create())[created]).toBe(at.replace(/-\d\d-\d\dT/, "-02-30T"));
  });

  it("stale-last-update leaves the last update where it was", () => {
    const [honest, bent] = pair("stale-last-update").map(({ h, ids }) => {
      const before = h.service.get(undefined, ids[0]!)[updated];
      return h.service.patch("op-a", ids[0]!, { name: "renamed" }).ticket[updated] === before;
    });
    expect([honest, bent]).toEqual([false, true]);
  });
});

describe("lifecycle faults", () => {
  it("stale-change-date moves the status, not its date", () => {
    const [honest, bent] = pair("stale-change-date").map(({ h, ids }) => {
      const before = h.service.get(undefined, ids[0]!);
      const after = h.service.providerTransition(ids[0]!, lc.provider[0]!.to).ticket;
      return [after[lc.field] !== before[lc.field], after[lc.changeDateField] === before[lc.changeDateField]];
    });
    expect([honest, bent]).toEqual([
      [true, false],
      [true, true],
    ]);
  });
});

describe("list faults", () => {
  /** What the honest and the faulty service list for one query. */
  const both = (fault: string, q: Record<string, string>) => pair(fault).map((w) => w.list(q));
  const day = (n: number) => new Date(START + n * 86_400_000).toISOString();

  it.each([
    ["swap-inclusive", { "creationDate.gt": day(2) }, [5, 4], [5, 4, 3]],
    ["swap-inclusive", { "creationDate.lte": day(2) }, [3, 2, 1], [2, 1]],
    ["or-as-and", { correlationId: "corr-1,corr-3" }, [3, 1], []],
    ["ignore-case", { ticketType: CMP.toLowerCase() }, [], [4, 2]],
    ["ignore-offset", { [OFFSET]: "1", [LIMIT]: "2" }, [4, 3], [5, 4]],
    ["offset-off-by-one", { [OFFSET]: "1", [LIMIT]: "2" }, [4, 3], [3, 2]],
    ["ignore-limit", { [OFFSET]: "1", [LIMIT]: "2" }, [4, 3], [4, 3, 2, 1]],
    ["limit-off-by-one", { [OFFSET]: "1", [LIMIT]: "2" }, [4, 3], [4, 3, 2]],
  ])("%s: %o lists %o honestly, %o bent", (fault, q, honest, bent) => {
    expect(both(fault, q)).toEqual([honest, bent]);
  });

  it("ignore-fields returns whole tickets, after checking the names", () => {
    const [honest, bent] = pair("ignore-fields").map(({ h }) => h.service.list("op-a", { [FIELDS]: "name" }).items[0]);
    expect(Object.keys(honest ?? {})).toEqual(["name"]);
    expect(Object.keys(bent ?? {})).toContain(model.idField);
    expect(errorOf(() => pair("ignore-fields")[1].h.service.list("op-a", { [FIELDS]: "colour" })).kind).toBe(
      "badQuery",
    );
  });

  it("shuffle-order lists in another order now and then, the same tickets", () => {
    const [honest, bent] = pair("shuffle-order");
    const lists = Array.from({ length: 20 }, () => bent.list({}));
    expect(honest.list({})).toEqual([5, 4, 3, 2, 1]);
    expect(lists.some((l) => l.join() !== "5,4,3,2,1")).toBe(true);
    expect(lists.every((l) => [...l].sort().join() === "1,2,3,4,5")).toBe(true);
  });
});
