// The robustness suite's derivations (suites/model/hostile.ts, hostile-text.ts), for
// every profile: the marked bodies meet every rule, and each hostile variant is what
// its name says (not JSON, not UTF-8, nested that deep, holding that key), so a
// refusal the suite expects is the rules' and not an accident of the generator.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_BODY_DEPTH } from "../../simulator/model/limits.ts";
import { loadProfile } from "../../simulator/model/load.ts";
import {
  changingPatch,
  deepArb,
  malformedArb,
  markedBody,
  nested,
  notUtf8Arb,
  parses,
  poisonArb,
  spotsOf,
} from "../model/hostile.ts";
import { hasLoneSurrogate, injectionArb, loneSurrogateArb, oddIdArb } from "../model/hostile-text.ts";
import { bodyProblems } from "../model/validity.ts";

const PROFILES = [
  "fixtures/profile/nexera.json",
  ...readdirSync("fixtures/profile/variants").map((f) => join("fixtures/profile/variants", f)),
];
const UTF8 = new TextDecoder("utf-8", { fatal: true });
const runs = { numRuns: 200, seed: 621 };

/** How deep a JSON value nests (objects and arrays count one level each). */
function depthOf(v: unknown): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[v, 0]];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [x, d] = next;
    if (typeof x !== "object" || x === null) continue;
    deepest = Math.max(deepest, d + 1);
    for (const child of Object.values(x)) stack.push([child, d + 1]);
  }
  return deepest;
}

describe.each(PROFILES)("%s", (file) => {
  const model = loadProfile(file);
  const spots = spotsOf(model);
  const body = markedBody(model, spots, "r-marker");
  const text = JSON.stringify(body);

  it("marks a POST body that meets every rule, with the marker in the marker's field", () => {
    expect(bodyProblems(model, model.defaultTicketType, "POST", body)).toEqual([]);
    if (spots.marker) expect(body[spots.marker.field]).toBe("r-marker");
    expect(bodyProblems(model, model.defaultTicketType, "PATCH", changingPatch(spots, "x"))).toEqual([]);
  });

  it("breaks the body so it is no longer JSON, or no longer UTF-8", () => {
    fc.assert(
      fc.property(malformedArb(text), (b) => !parses(b.text)),
      runs,
    );
    fc.assert(
      fc.property(notUtf8Arb(text), (b) => {
        expect(() => UTF8.decode(b.body)).toThrow();
      }),
      runs,
    );
  });

  it("nests past the limit and within the size limit, in the field named", () => {
    expect(depthOf(JSON.parse(nested(MAX_BODY_DEPTH + 1, "arrays")))).toBe(MAX_BODY_DEPTH + 1);
    expect(depthOf(JSON.parse(nested(MAX_BODY_DEPTH + 1, "mixed")))).toBeGreaterThan(MAX_BODY_DEPTH);
    fc.assert(
      fc.property(deepArb(model, body, spots.text.name), (d) => {
        const parsed = JSON.parse(d.text) as Record<string, unknown>;
        expect(depthOf(parsed[spots.text.name]) + 1).toBeGreaterThan(MAX_BODY_DEPTH);
        expect(Buffer.byteLength(d.text)).toBeLessThanOrEqual(model.bodyLimitBytes);
      }),
      { numRuns: 30, seed: 621 },
    );
  });

  it("puts a prototype-poisoning key into valid JSON, as an own key where it says", () => {
    fc.assert(
      fc.property(poisonArb(text, spots, "t"), (b) => {
        const parsed = JSON.parse(b.text) as Record<string, unknown>;
        const [first = "", second] = b.key.split(".");
        const holder = (
          b.place === "the top level" ? parsed : (parsed[spots.objectItems!.name] as unknown[])[0]
        ) as Record<string, unknown>;
        expect(Object.hasOwn(holder, first)).toBe(true);
        if (second) expect(Object.hasOwn(holder[first] as object, second)).toBe(true);
      }),
      runs,
    );
  });
});

it("makes text with lone surrogates, and injection values that never equal the real one", () => {
  fc.assert(
    fc.property(loneSurrogateArb, (s) => hasLoneSurrogate(s)),
    runs,
  );
  expect(hasLoneSurrogate("a\ud83c\udfab")).toBe(false);
  fc.assert(
    fc.property(injectionArb("r-real"), (v) => v !== "r-real" && !v.split(",").includes("r-real")),
    runs,
  );
});

it("builds odd ids that stay one path segment, some on the real id", () => {
  const ids = fc.sample(oddIdArb("abc-1", "troubleTicket"), 300);
  expect(ids.some((i) => i.wire.includes("abc-1"))).toBe(true);
  // Only the raw traversal holds a real slash: every other odd id is one segment.
  for (const i of ids) if (i.kind !== "raw traversal") expect(i.wire).not.toContain("/");
});
