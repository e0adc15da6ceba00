// The events the listener role sends are valid for every profile (the model's Event
// schema), carry what the rules say (docs/rules.md §5, §6), and a broken one is a harness fault.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadProfile } from "../../simulator/model/load.ts";
import { buildEvent, changedFields, picker, statesOf, ticketStory } from "../model/outgoing-events.ts";
import { mayReturn, returnedTicket, type TicketSpec } from "../model/returned-ticket.ts";
import { HarnessError } from "../support/errors.ts";

const PROFILES = ["fixtures/profile", "fixtures/profile/variants"].flatMap((dir) =>
  readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .map((f) => join(dir, f)),
);
const AT = "2026-01-02T03:04:05.000Z";
const spec = (ticketType: string, status: string, full = false): TicketSpec => ({
  ticketType,
  status,
  id: "T-1",
  tag: "u",
  createdAt: "2026-01-01T00:00:00.000Z",
  at: AT,
  full,
});

describe.each(PROFILES)("the listener role's events for %s", (file) => {
  const model = loadProfile(file);
  const cases = model.ticketTypes.flatMap((t) =>
    model.events.rules.flatMap((rule) => statesOf(model, rule, t).map((s) => ({ t, rule, s }))),
  );

  it("builds a valid event, minimal and full, for every ticket type, rule and state it can report", () => {
    expect(cases.length).toBeGreaterThan(0);
    for (const { t, rule, s } of cases)
      for (const full of [false, true]) {
        const changed = rule.on === "attributeChange" ? changedFields(model, t, s, () => 0, full) : [];
        const e = buildEvent(model, rule, spec(t, s, full), "e-1", changed);
        if (rule.on === "attributeChange") expect(e.envelope.fieldPath).toBe(changed.join(","));
        const ticket = (e.envelope.event as Record<string, Record<string, unknown>>)[model.events.payloadKey]!;
        expect(ticket[model.lifecycle.field]).toBe(s);
        expect(ticket[model.idField]).toBe("T-1");
        if (model.ticketTypeField) expect(ticket[model.ticketTypeField]).toBe(t);
      }
  });

  it("tells every ticket's story in time order, each event valid", () => {
    for (const t of model.ticketTypes) {
      let n = 0;
      const story = ticketStory(model, {
        ticketType: t,
        id: "T-2",
        tag: "s",
        start: Date.parse(AT),
        stepMs: 1000,
        newId: () => `e-${++n}`,
        pick: picker(7),
      });
      expect(story.length).toBeGreaterThan(1);
      const times = story.map((e) => Date.parse(String(e.envelope.eventTime)));
      expect([...times].sort((a, b) => a - b)).toEqual(times);
      expect(new Set(story.map((e) => e.envelope.eventId)).size).toBe(story.length);
    }
  });

  it("puts every field the profile lets a returned ticket hold into the full ticket", () => {
    const t = model.defaultTicketType;
    const s = model.lifecycle.states.find((x) => x !== model.lifecycle.initial)!;
    const ticket = returnedTicket(model, spec(t, s, true));
    for (const f of model.root.fields)
      if (mayReturn(model, f, t, s, true) && f.name !== model.lifecycle.reasonField)
        expect(ticket).toHaveProperty(f.name);
  });
});

describe("the Nexera profile's events", () => {
  const model = loadProfile("fixtures/profile/nexera.json");
  const rule = (type: string) => model.events.rules.find((r) => r.eventType === type)!;

  it("derives the states each rule reports from the lifecycle", () => {
    const T = "Complaint";
    expect(statesOf(model, rule("TroubleTicketStatusChangeEvent"), T)).toEqual([
      "rejected",
      "acknowledged",
      "inProgress",
      "held",
      "pending",
      "resolved",
      "closed",
      "cancelled",
    ]);
    expect(statesOf(model, rule("TroubleTicketResolvedEvent"), T)).toEqual(["resolved"]);
    expect(statesOf(model, rule("TroubleTicketAttributeValueChangeEvent"), T)).toEqual([
      "submitted",
      "acknowledged",
      "inProgress",
      "held",
      "pending",
      "resolved",
    ]);
  });

  it("fills what entering a state sets, the correlationId and the rule's fieldPath", () => {
    const e = buildEvent(model, rule("TroubleTicketResolvedEvent"), spec("Complaint", "resolved", true), "e");
    const t = (e.envelope.event as { troubleTicket: Record<string, unknown> }).troubleTicket;
    expect(t).toMatchObject({ resolutionDate: AT, resolutionPaymentCode: expect.any(String) });
    expect(e.envelope.correlationId).toBe(t.correlationId);
    const info = buildEvent(model, rule("TroubleTicketInformationRequiredEvent"), spec("Complaint", "pending"), "e");
    expect(info.envelope.fieldPath).toBe("note,attachment");
    expect(info.envelope.correlationId).toBeUndefined();
  });

  it("throws a HarnessError for an event the schema refuses", () => {
    expect(() => buildEvent(model, rule("TroubleTicketStatusChangeEvent"), spec("Complaint", "nowhere"), "e")).toThrow(
      HarnessError,
    );
  });
});
