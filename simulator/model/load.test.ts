import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildModel, DEFAULT_PROFILE, loadProfile, ProfileError } from "./load.ts";
import { cellOf } from "./model.ts";
import type { ProfileFile } from "./profile-file.ts";

const raw = (): ProfileFile => JSON.parse(readFileSync(DEFAULT_PROFILE, "utf8")) as ProfileFile;

function problemsOf(data: unknown): readonly string[] {
  try {
    buildModel(data);
  } catch (e) {
    if (e instanceof ProfileError) return e.problems;
    throw e;
  }
  return [];
}

describe("the default profile", () => {
  const model = loadProfile();

  it("loads with both ticket types and both operations", () => {
    expect(model.ticketTypes).toEqual(["Customer_Trouble_Ticket", "Complaint"]);
    expect(model.operations).toEqual(["POST", "PATCH"]);
  });

  it("holds every field of the document's TroubleTicket table", () => {
    expect(model.root.fields).toHaveLength(29);
    expect(model.root.byName.get("relatedParty")?.object?.fields.map((f) => f.path)).toContain("relatedParty.role");
  });

  it("is frozen, so nothing downstream can change a rule", () => {
    expect(Object.isFrozen(model)).toBe(true);
    expect(Object.isFrozen(cellOf(model.root.byName.get("name")!, "Complaint", "POST"))).toBe(true);
  });

  it("expands a transition list into single moves", () => {
    expect(model.lifecycle.operator.filter((t) => t.to === "cancelled").map((t) => t.from)).toEqual([
      "submitted",
      "acknowledged",
      "inProgress",
      "held",
      "pending",
    ]);
  });

  it("answers the seed's filter spelling ticketSubType for ticketSubtype", () => {
    expect(model.filterFields.get("ticketSubType")?.field.name).toBe("ticketSubtype");
    expect(model.filterFields.get("creationDate")?.operators).toEqual(["gt", "gte", "lt", "lte", "eq"]);
    expect(model.filterFields.get("name")?.operators).toEqual([]);
  });
});

describe("a broken profile", () => {
  it("lists every schema problem in one error", () => {
    const p = raw() as unknown as Record<string, unknown> & ProfileFile;
    p.surprise = true;
    (p.objects.TroubleTicket!.fields.name as unknown as Record<string, unknown>).rules = "X";
    (p.objects.Note!.fields.text as unknown as Record<string, unknown>).colour = "red";
    const problems = problemsOf(p);
    expect(problems).toContain('(top level): unknown key "surprise"');
    expect(problems.some((x) => x.startsWith("/objects/TroubleTicket/fields/name/rules"))).toBe(true);
    expect(problems).toContain('/objects/Note/fields/text: unknown key "colour"');
  });

  it("lists every cross-reference problem in one error", () => {
    const p = raw();
    const f = p.objects.TroubleTicket!.fields;
    f.relatedEntity!.rules = {
      Customer_Trouble_Ticket: { POST: "R", PATCH: "P" },
      Complaint: {
        POST: {
          rule: "PD",
          when: { field: "subtype", in: ["Financial"] },
          then: "R",
          otherwise: "O",
          provenance: "chosen",
        },
        PATCH: "P",
      },
    };
    f.severity!.enum = "severities";
    f.note!.items = "Notes";
    p.lifecycle.operator.push({ from: ["closed"], to: ["inProgress"], provenance: "chosen" });
    p.lifecycle.provider.push({ from: ["resolved"], to: ["reopened"], provenance: "chosen" });
    p.filtering.fields.push({ field: "colour", provenance: "chosen" });
    expect(problemsOf(p)).toEqual(
      expect.arrayContaining([
        'severity: unknown enum "severities"',
        'note: unknown object "Notes"',
        'relatedEntity (Complaint POST): condition names unknown field "subtype"',
        'lifecycle.provider[6].to: unknown state "reopened"',
        'lifecycle: final state "closed" has a transition to "inProgress"',
        'filtering.fields: unknown field "colour"',
      ]),
    );
  });

  it("names a missing rule cell and an unknown ticket type", () => {
    const p = raw();
    p.objects.TroubleTicket!.fields.name!.rules = {
      Customer_Trouble_Ticket: { POST: "R" },
      Incident: { POST: "R", PATCH: "O" },
    };
    expect(problemsOf(p)).toEqual(
      expect.arrayContaining([
        'name: rules name unknown ticket type "Incident"',
        'name: no rules for ticket type "Complaint"',
        'name: no PATCH rule for ticket type "Customer_Trouble_Ticket"',
      ]),
    );
  });

  it("requires a PD rule to say what it resolves to", () => {
    const p = raw();
    p.objects.TroubleTicket!.fields.name!.rules = {
      Customer_Trouble_Ticket: { POST: { rule: "PD", when: { field: "status", present: true } }, PATCH: "O" },
      Complaint: { POST: "R", PATCH: "O" },
    };
    expect(problemsOf(p)).toEqual([
      'name (Customer_Trouble_Ticket POST): a PD rule needs "then"',
      'name (Customer_Trouble_Ticket POST): a PD rule with "when" needs "otherwise"',
    ]);
  });

  it("needs a ticket type field to choose between several ticket types", () => {
    const p = raw();
    delete (p.ticketTypes as { field?: string }).field;
    expect(problemsOf(p)).toContain(
      'ticketTypes: without a "field" to select one, there must be exactly one ticket type',
    );
  });

  it("refuses an onLeave that clears a field the server or the lifecycle always sets", () => {
    const p = raw();
    p.lifecycle.onLeave = [
      {
        from: ["resolved"],
        to: ["inProgress"],
        clear: ["id", "statusChangeDate", "resolutionDate"],
        provenance: "chosen",
      },
    ];
    expect(problemsOf(p)).toEqual([
      'lifecycle.onLeave[0].clear: "id" is set by the server or the lifecycle and cannot be cleared',
      'lifecycle.onLeave[0].clear: "statusChangeDate" is set by the server or the lifecycle and cannot be cleared',
    ]);
  });

  it("names an unknown correlation field", () => {
    const p = raw();
    p.events.correlationField = "correlation";
    expect(problemsOf(p)).toContain('events.correlationField: unknown field "correlation"');
  });

  it("reports a file that is not JSON with its path", () => {
    const dir = mkdtempSync(join(tmpdir(), "profile-"));
    writeFileSync(join(dir, "bad.json"), "{ not json");
    expect(() => loadProfile(join(dir, "bad.json"))).toThrow(/invalid profile .*bad\.json/);
  });
});

describe("the variant profiles (fixtures/profile/variants)", () => {
  const dir = join(dirname(DEFAULT_PROFILE), "variants");
  it.each(readdirSync(dir).filter((f) => f.endsWith(".json")))("%s is a valid profile", (file) => {
    const model = loadProfile(join(dir, file));
    expect(model.root.fields.length).toBeGreaterThan(0);
  });

  it("a profile without a ticket type field keeps one rule column and stores no type", () => {
    const model = loadProfile(join(dir, "tmf621-v4.json"));
    expect([model.ticketTypeField, model.ticketTypes]).toEqual([undefined, ["TroubleTicket"]]);
  });

  it("ends the list order with the id when the profile does not place it", () => {
    expect(loadProfile(join(dir, "minimal.json")).order).toEqual([
      { field: "summary", direction: "asc" },
      { field: "uid", direction: "asc" },
    ]);
    expect(loadProfile().order).toEqual(raw().filtering.order.by);
  });
});

describe("a corrected copy of the profile", () => {
  it("changes the model without code changes", () => {
    const p = raw();
    p.objects.TroubleTicket!.fields.name!.rules = {
      Customer_Trouble_Ticket: { POST: "O", PATCH: "O" },
      Complaint: { POST: "O", PATCH: "P" },
    };
    const dir = mkdtempSync(join(tmpdir(), "profile-"));
    writeFileSync(join(dir, "copy.json"), JSON.stringify(p));
    const model = loadProfile(join(dir, "copy.json"));
    expect(cellOf(model.root.byName.get("name")!, "Complaint", "PATCH").rule).toBe("P");
  });
});
