import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { chosenRules } from "./chosen.ts";
import { cellWords } from "./doc-words.ts";
import { buildModel, DEFAULT_PROFILE, FIXTURES, loadProfile } from "./load.ts";
import type { FieldModel, Model, ObjectModel } from "./model.ts";
import type { ProfileFile } from "./profile-file.ts";
import { renderRules, type ServerFacts } from "./rules-doc.ts";

// The renderer's input from the layers above, fixed here (simulator/cli/docs-facts.ts reads the real ones).
const FACTS: ServerFacts = {
  tokenPath: "/oauth/token",
  controlPrefix: "/__control",
  openapiPath: "/openapi.json",
  defaultOperator: { user: "operator", password: "operator-secret" },
  defaultAuthMode: "either",
  authModes: ["bearer", "basic", "either"],
  tokenTtlSeconds: 3600,
  maxBodyDepth: 64,
  maxHeaderBytes: 16384,
  maxListedViolations: 100,
  errors: [{ status: 400, code: "INVALID_BODY", reason: "Invalid request body" }],
  delivery: {
    maxAttempts: 10,
    maxAgeMs: 900_000,
    timeoutMs: 5000,
    backoffBaseMs: 500,
    backoffMaxMs: 60_000,
    jitter: 0.5,
    retryStatuses: [408, 425, 429],
  },
  limits: {
    ticketsPerOperator: { value: 100_000, command: "simulate", flag: "--max-tickets-per-operator" },
    ticketBytes: { value: 8_388_608, command: "simulate", flag: "--max-ticket-bytes" },
    subscriptionsPerOperator: { value: 1000, command: "simulate", flag: "--max-subscriptions-per-operator" },
    pendingDeliveries: { value: 10_000, command: "simulate", flag: "--max-pending-deliveries" },
    deliveryRecords: { value: 10_000, command: "simulate", flag: "--max-delivery-records" },
    listenerRecords: { value: 10_000, command: "listen", flag: "--max-records" },
    tokensPerOperator: 1000,
    changeRecords: 10_000,
    consoleStreams: 32,
    droppedHeader: "X-Records-Dropped",
    refusals: {
      tickets: { status: 409, code: "TICKET_LIMIT_REACHED", reason: "Ticket limit reached" },
      ticketBytes: { status: 409, code: "TICKET_TOO_LARGE", reason: "Ticket size limit reached" },
      subscriptions: { status: 409, code: "SUBSCRIPTION_LIMIT_REACHED", reason: "Hub subscription limit reached" },
      streams: { status: 409, code: "STREAM_LIMIT_REACHED", reason: "Console live update limit reached" },
    },
  },
};

const raw = (): ProfileFile => JSON.parse(readFileSync(DEFAULT_PROFILE, "utf8")) as ProfileFile;
const model = loadProfile();
const doc = renderRules(model, FACTS, "fixtures/profile/nexera.json");

function fields(obj: ObjectModel, out: FieldModel[] = []): FieldModel[] {
  for (const f of obj.fields) {
    out.push(f);
    if (f.object) fields(f.object, out);
  }
  return out;
}

/** A field's row in §4 (the last one: the enumerations table, earlier, names some enums like their fields). */
function rowOf(text: string, path: string): string | undefined {
  const s4 = text.slice(text.indexOf("## 4. "), text.indexOf("## 5. "));
  return s4.split("\n").findLast((l) => l.startsWith(`| \`${path}\` |`));
}

describe("the rules document of the default profile", () => {
  it("has the eight numbered sections that code and docs cite as docs/rules.md §N, in order", () => {
    const numbered = doc.split("\n").filter((l) => /^## \d+\. /.test(l));
    expect(numbered).toEqual([
      "## 1. Parties and flows",
      "## 2. Paths and errors",
      "## 3. Authentication and tenancy",
      "## 4. Field rules",
      "## 5. Status lifecycle",
      "## 6. Events",
      "## 7. Listing and filtering",
      "## 8. What the simulator adds",
    ]);
  });

  it("gives every field and sub-field a row with its cells in the profile's column order", () => {
    const all = fields(model.root);
    expect(all.map((f) => f.path)).toContain("attachment.size.amount");
    for (const f of all) {
      const row = rowOf(doc, f.path);
      expect(row, f.path).toBeDefined();
      const cells = model.ticketTypes.flatMap((t) => model.operations.map((op) => cellWords(f.cells[t]![op])));
      const shown = row!.split(" | ").slice(2, 2 + cells.length);
      expect(shown.map((c) => c.replace(/ \(\*\*chosen\*\*\)$| \(seed\)$| \(TMF\)$/, ""))).toEqual(
        cells.map((c) => c.replace(/\|/g, "\\|")),
      );
    }
  });

  it("states PD conditions in words", () => {
    expect(rowOf(doc, "relatedEntity")).toContain("PD: R when `ticketSubtype` is `Financial`, else O");
    expect(rowOf(doc, "status")).toContain("PD: O, only the operator transitions of §5");
  });

  it("shows every note of the profile", () => {
    const notes: string[] = [];
    const walk = (v: unknown) => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === "object")
        for (const [k, x] of Object.entries(v)) {
          if (k === "note" && typeof x === "string") notes.push(x);
          else walk(x);
        }
    };
    walk(raw());
    expect(notes.length).toBeGreaterThan(30);
    for (const n of notes) expect(doc, n).toContain(n);
  });

  it("lists every chosen rule with where it lives in the profile", () => {
    const section = doc.slice(doc.indexOf("## Chosen rules"));
    for (const r of chosenRules(model)) expect(section).toContain(`\`${r.key}\``);
  });

  it("names the lifecycle's moves, what entering a state sets and what reopening clears", () => {
    expect(doc).toContain("| `pending` | `inProgress`, `cancelled` | TMF: cancelled: information not provided |");
    expect(doc).toContain(
      "| `resolved` | `resolutionPaymentCode` | `NO_PAYMENT`, unless it already has a value | `Complaint` |",
    );
    expect(doc).toContain(
      "| `resolved` | `inProgress` | `resolutionDate`, `resolutionCode`, `resolutionPaymentCode` | **chosen**",
    );
  });
});

describe("lifecycle.onLeave", () => {
  const file = raw();
  file.lifecycle.onLeave = [
    {
      from: ["resolved"],
      to: ["inProgress"],
      clear: ["resolutionDate", "resolutionCode"],
      provenance: "chosen",
      note: "A refused resolution is no resolution.",
    },
  ];
  const text = renderRules(buildModel(file), FACTS, "x.json");

  it("is rendered as a table of the fields removed, with its note", () => {
    expect(text).toContain(
      "| `resolved` | `inProgress` | `resolutionDate`, `resolutionCode` | **chosen**. *Note:* A refused resolution is no resolution. |",
    );
  });

  it("is named in the cleared fields' own descriptions", () => {
    const line = text.split("\n").find((l) => l.startsWith("- `resolutionCode`:"));
    expect(line).toContain("It is removed when the ticket moves from `resolved` to `inProgress` (§5).");
  });

  it("is listed among the chosen rules", () => {
    expect(text).toContain("`lifecycle.onLeave[0]`");
  });
});

describe("other profiles", () => {
  const dir = join(FIXTURES, "profile/variants");
  const variants: Array<[string, Model]> = readdirSync(dir)
    .filter((n) => n.endsWith(".json"))
    .map((n) => [n, loadProfile(join(dir, n))]);

  it.each(variants)("%s renders without holes", (_name, m) => {
    const text = renderRules(m, FACTS, "v.json");
    expect(text).not.toMatch(/undefined|\[object Object\]|NaN/);
    for (const f of fields(m.root)) expect(rowOf(text, f.path), f.path).toBeDefined();
  });

  it("uses one column per operation when the profile has no ticket-type field", () => {
    const m = variants.find(([n]) => n === "tmf621-v4.json")![1];
    expect(renderRules(m, FACTS, "v.json")).toContain("| field | type | POST | PATCH | provenance |");
  });

  it("renders another profile's names, paths and limits", () => {
    const m = variants.find(([n]) => n === "renamed.json")![1];
    const text = renderRules(m, FACTS, "v.json");
    expect(text).toContain("`POST {base}/incident`");
    expect(text).toContain("`/listener/IncidentCreateEvent`");
    expect(text).toContain("A date alone (`2021-02-26`) is 400");
    expect(text).toContain("`select=a,b`");
  });
});
