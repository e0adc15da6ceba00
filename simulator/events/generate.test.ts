import { expect, it } from "vitest";
import type { Change } from "../core/tickets.ts";
import { buildModel, loadProfile } from "../model/load.ts";
import { eventTypes } from "../model/model.ts";
import { generateEvents } from "./generate.ts";

const model = loadProfile();

function change(over: Partial<Change>): Change {
  return {
    kind: "update",
    operator: "op1",
    by: "operator",
    ticket: { id: "t1", status: "inProgress", name: "n" },
    statusChanges: [],
    changedFields: [],
    at: "2024-05-01T10:00:00.000Z",
    ...over,
  };
}

function ids() {
  let n = 0;
  return () => `e${++n}`;
}

it("emits one status change event per status change", () => {
  const evs = generateEvents(model, change({ statusChanges: [{ from: "submitted", to: "acknowledged" }] }), {
    newId: ids(),
  });
  expect(evs.map((e) => e.eventType)).toEqual(["TroubleTicketStatusChangeEvent"]);
});

it("adds the resolved event after the status change that enters resolved", () => {
  const evs = generateEvents(model, change({ statusChanges: [{ from: "inProgress", to: "resolved" }] }));
  expect(evs.map((e) => e.eventType)).toEqual(["TroubleTicketStatusChangeEvent", "TroubleTicketResolvedEvent"]);
});

it("adds the information required event with the rule's fieldPath when entering pending", () => {
  const evs = generateEvents(model, change({ statusChanges: [{ from: "inProgress", to: "pending" }] }));
  expect(evs.map((e) => [e.eventType, e.fieldPath])).toEqual([
    ["TroubleTicketStatusChangeEvent", undefined],
    ["TroubleTicketInformationRequiredEvent", "note,attachment"],
  ]);
});

it("emits one attribute value change event per change, listing the changed fields", () => {
  const evs = generateEvents(model, change({ changedFields: ["name", "description", "note"] }));
  expect(evs).toHaveLength(1);
  expect(evs[0]).toMatchObject({
    eventType: "TroubleTicketAttributeValueChangeEvent",
    fieldPath: "name,description,note",
  });
});

it("puts the attribute change before the status change it caused", () => {
  const evs = generateEvents(
    model,
    change({ changedFields: ["note"], statusChanges: [{ from: "pending", to: "inProgress" }] }),
  );
  expect(evs.map((e) => e.eventType)).toEqual([
    "TroubleTicketAttributeValueChangeEvent",
    "TroubleTicketStatusChangeEvent",
  ]);
});

it("leaves out of the attribute change the fields the lifecycle sets on entering a state", () => {
  const resolve = { from: "inProgress", to: "resolved" };
  const only = generateEvents(
    model,
    change({ changedFields: ["resolutionDate", "resolutionCode"], statusChanges: [resolve] }),
  );
  expect(only.map((e) => e.eventType)).toEqual(["TroubleTicketStatusChangeEvent", "TroubleTicketResolvedEvent"]);
  const mixed = generateEvents(model, change({ changedFields: ["note", "resolutionDate"], statusChanges: [resolve] }));
  expect(mixed[0]).toMatchObject({ eventType: "TroubleTicketAttributeValueChangeEvent", fieldPath: "note" });
});

it("leaves out of the attribute change the fields the lifecycle clears on leaving a state", () => {
  const reopen = { from: "resolved", to: "inProgress" };
  const events = generateEvents(
    model,
    change({ changedFields: ["resolutionDate", "resolutionCode"], statusChanges: [reopen] }),
  );
  expect(events.map((e) => e.eventType)).toEqual(["TroubleTicketStatusChangeEvent"]);
});

it("keeps several status changes of one change in order with their enter events", () => {
  const evs = generateEvents(
    model,
    change({
      statusChanges: [
        { from: "acknowledged", to: "inProgress" },
        { from: "inProgress", to: "resolved" },
      ],
    }),
  );
  expect(evs.map((e) => e.eventType)).toEqual([
    "TroubleTicketStatusChangeEvent",
    "TroubleTicketStatusChangeEvent",
    "TroubleTicketResolvedEvent",
  ]);
});

it("emits nothing for a change that moved neither status nor attributes", () => {
  expect(generateEvents(model, change({}))).toEqual([]);
});

it("emits nothing on create when the profile has no create rule", () => {
  expect(generateEvents(model, change({ kind: "create", changedFields: ["name"] }))).toEqual([]);
});

it("supports a create rule in another profile", () => {
  const file = structuredClone(model.file) as unknown as { events: { rules: unknown[] } };
  file.events.rules.unshift({ eventType: "TroubleTicketCreateEvent", on: "create", provenance: "TMF" });
  const other = buildModel(file);
  const evs = generateEvents(other, change({ kind: "create" }));
  expect(evs.map((e) => e.eventType)).toEqual(["TroubleTicketCreateEvent"]);
});

it("builds the envelope with the whole ticket under the payload key and the change's time", () => {
  const ticket = { id: "t9", status: "resolved", correlationId: "c-42", name: "x" };
  const [e] = generateEvents(model, change({ ticket, statusChanges: [{ from: "inProgress", to: "resolved" }] }), {
    newId: ids(),
  });
  expect(e).toEqual({
    eventId: "e1",
    eventTime: "2024-05-01T10:00:00.000Z",
    eventType: "TroubleTicketStatusChangeEvent",
    correlationId: "c-42",
    event: { troubleTicket: ticket },
  });
});

it("gives every event a distinct eventId by default", () => {
  const evs = generateEvents(
    model,
    change({ changedFields: ["name"], statusChanges: [{ from: "inProgress", to: "resolved" }] }),
  );
  expect(new Set(evs.map((e) => e.eventId)).size).toBe(3);
});

it("does not share the ticket object with the change", () => {
  const c = change({ changedFields: ["name"] });
  const [e] = generateEvents(model, c);
  (c.ticket as Record<string, unknown>).name = "changed later";
  expect(e?.event.troubleTicket?.name).toBe("n");
});

it("lists the profile's event types once each", () => {
  expect(eventTypes(model)).toEqual([
    "TroubleTicketStatusChangeEvent",
    "TroubleTicketResolvedEvent",
    "TroubleTicketInformationRequiredEvent",
    "TroubleTicketAttributeValueChangeEvent",
  ]);
});
