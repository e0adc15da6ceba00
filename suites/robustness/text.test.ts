// Odd and oversized values in a POST (docs/rules.md §1, §2, §4). Control characters,
// lone surrogates and text outside the BMP, escaped in valid JSON, are stored exactly as
// sent or refused with a 400 naming the field: never altered (a lenient decoder would
// store other characters than the client sent), never a 5xx. A huge string where an
// enumeration goes and a huge array of wrong items are 400 naming the field.
import type fc from "fast-check";
import { describe, it } from "vitest";
import { controlTextArb, loneSurrogateArb, nonBmpTextArb } from "../model/hostile-text.ts";
import { type Case, check } from "../report/case.ts";
import { suiteFile } from "../support/context.ts";
import { countGuard, fixture, markerOf, probing, property, startOf, writeOps } from "./cases.ts";
import { expectRefused, expectStoredOrRefused, robustness } from "./judge.ts";

const { model } = suiteFile();
const fx = fixture(model);
const post = writeOps(model)[0]!;
const text = fx.spots.text.name;
// In a profile whose one free text field is the marker's, the marker cannot count what the odd text replaces.
const counted = fx.spots.marker?.field !== text;

const ODD: ReadonlyArray<readonly [string, fc.Arbitrary<string>]> = [
  ["control characters", controlTextArb],
  ["lone surrogates", loneSurrogateArb],
  ["characters outside the BMP", nonBmpTextArb],
];

describe.concurrent("robustness: odd and huge values", () => {
  for (const [kind, arb] of ODD) {
    const title = `stores ${kind} in ${text} exactly as sent, or refuses them naming the field (generated)`;
    it(
      title,
      check(
        robustness(post.name, "text is stored as sent or refused, never altered", "chosen", "§1"),
        async (c: Case) => {
          const t = startOf(c, post, fx, "odd");
          await property(c, title, counted ? t.guard : { kind: "none" }, arb, async (p, value) => {
            const what = `${text} ${JSON.stringify(value)}`;
            const body = JSON.stringify({ ...t.body, [text]: value });
            const ex = await p.send({ method: "POST", path: t.path, headers: t.headers, body }, what);
            await expectStoredOrRefused(c, p, ex, text, value, what);
            await p.expectIntact(what);
          });
        },
      ),
    );
  }

  if (fx.spots.marker) {
    const marker = fx.spots.marker;
    it(
      `finds a ticket by ${marker.param} holding characters outside the BMP, exactly`,
      check(robustness(`GET /${model.resource}`, "a filter matches exactly", "TMF", "§7"), async (c: Case) => {
        const value = `${markerOf(c, "bmp")}-🎫𝕏𠜎`;
        const t = startOf(c, post, fx, "bmp");
        await probing(c, countGuard(fx, value), async (p) => {
          const what = `a ticket whose ${marker.field} is ${JSON.stringify(value)}`;
          const body = JSON.stringify({ ...t.body, [marker.field]: value });
          const ex = await p.send({ method: "POST", path: t.path, headers: t.headers, body }, what);
          await expectStoredOrRefused(c, p, ex, marker.field, value, what);
          await p.expectIntact(what);
        });
      }),
    );
  }

  // Big, yet under the size limit: the limit is not what refuses them.
  const huge = Math.floor(model.bodyLimitBytes / 2);
  const e = fx.spots.enumField;
  if (e) {
    it(
      `rejects a string of ${huge} characters as ${e.name} with 400 naming it, without quoting it whole`,
      check(
        robustness(post.name, `${e.name} takes one of its enumeration's values`, e.provenance, "§4"),
        async (c: Case) => {
          const t = startOf(c, post, fx, "enum");
          await probing(c, t.guard, async (p) => {
            const what = `${e.name} of ${huge} characters`;
            const value = "A".repeat(huge);
            const body = JSON.stringify({ ...t.body, [e.name]: value });
            const ex = await p.send({ method: "POST", path: t.path, headers: t.headers, body }, what);
            expectRefused(c, ex, { status: 400, says: [e.name], sent: what, notEchoing: value });
            await p.expectIntact(what);
          });
        },
      ),
    );
  }

  it(
    `stores a string of ${huge} characters in ${text} whole, or refuses it naming the field`,
    check(
      robustness(post.name, "text is stored as sent or refused, never altered", "chosen", "§1"),
      async (c: Case) => {
        const t = startOf(c, post, fx, "huge");
        await probing(c, counted ? t.guard : { kind: "none" }, async (p) => {
          const value = `rb${"é🎫x".repeat(Math.floor(huge / 8))}`;
          const what = `${text} of ${value.length} UTF-16 units`;
          const body = JSON.stringify({ ...t.body, [text]: value });
          const ex = await p.send({ method: "POST", path: t.path, headers: t.headers, body }, what);
          await expectStoredOrRefused(c, p, ex, text, value, what);
          await p.expectIntact(what);
        });
      },
    ),
  );

  const array = fx.spots.array ?? fx.spots.text;
  it(
    `rejects a huge array of wrong items as ${array.name} with 400 naming it, in an answer smaller than the request`,
    check(robustness(post.name, `${array.name} is of type ${array.type}`, array.provenance, "§4"), async (c: Case) => {
      const t = startOf(c, post, fx, "array");
      await probing(c, t.guard, async (p) => {
        const items = Math.floor((model.bodyLimitBytes - JSON.stringify(t.body).length - 64) / 2);
        const what = `${array.name} as an array of ${items} numbers`;
        const body = JSON.stringify({ ...t.body, [array.name]: Array(items).fill(0) });
        const ex = await p.send({ method: "POST", path: t.path, headers: t.headers, body }, what);
        expectRefused(c, ex, { status: 400, says: [array.name], sent: what, smallerThan: Buffer.byteLength(body) });
        await p.expectIntact(what);
      });
    }),
  );
});
