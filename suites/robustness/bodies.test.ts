// Malformed request bodies on the writing operations (docs/rules.md §1, §2): not JSON,
// not UTF-8, empty, not one object, nested too deep. Each is a 4xx with an Error that
// says what was wrong, never a 5xx; the connection stays usable; nothing is created
// (POST: the count of the case's marked tickets) or changed (PATCH: the ticket).
import { describe, it } from "vitest";
import { MAX_BODY_DEPTH } from "../../simulator/model/limits.ts";
import { deepArb, deepestFitting, malformedArb, markedBody, nested, notUtf8Arb, withRaw } from "../model/hostile.ts";
import { type Case, check } from "../report/case.ts";
import { suiteFile } from "../support/context.ts";
import { fixtureWithTicket, probing, property, startOf, writeOps } from "./cases.ts";
import { expectRefused, robustness } from "./judge.ts";

const { model } = suiteFile();
const fx = fixtureWithTicket(model);

describe.concurrent("robustness: malformed bodies", () => {
  for (const op of writeOps(model)) {
    const notJson = `rejects ${op.method} bodies that are not JSON with 400 (generated)`;
    it(
      notJson,
      check(robustness(op.name, "a body that is not JSON is 400", "TMF", "§2"), async (c: Case) => {
        const t = startOf(c, op, fx, "json");
        await property(c, notJson, t.guard, malformedArb(JSON.stringify(t.body)), async (p, bad) => {
          const ex = await p.send({ method: op.method, path: t.path, headers: t.headers, body: bad.text }, bad.kind);
          expectRefused(c, ex, { status: 400, says: ["JSON"], sent: `a body with ${bad.kind}` });
          await p.expectIntact(`a body with ${bad.kind}`);
        });
      }),
    );

    const notUtf8 = `rejects ${op.method} bodies that are not UTF-8 with 400 (generated)`;
    it(
      notUtf8,
      check(robustness(op.name, "a body that is not valid UTF-8 is 400", "chosen", "§1"), async (c: Case) => {
        const t = startOf(c, op, fx, "utf8");
        await property(c, notUtf8, t.guard, notUtf8Arb(JSON.stringify(t.body)), async (p, bad) => {
          const ex = await p.send({ method: op.method, path: t.path, headers: t.headers, body: bad.body }, bad.kind);
          expectRefused(c, ex, { status: 400, says: ["UTF-8", "UTF8", "encod"], sent: `a body with ${bad.kind}` });
          await p.expectIntact(`a body with ${bad.kind}`);
        });
      }),
    );

    it(
      `rejects ${op.method} bodies that are empty or only whitespace with 400`,
      check(robustness(op.name, "a body must be one JSON object, else 400", "chosen", "§2"), async (c: Case) => {
        const t = startOf(c, op, fx, "empty");
        await probing(c, t.guard, async (p) => {
          for (const [what, body] of [
            ["an empty body", ""],
            ["a body of whitespace", " \r\n\t "],
          ] as const) {
            const ex = await p.send({ method: op.method, path: t.path, headers: t.headers, body }, what);
            expectRefused(c, ex, { status: 400, says: ["empty", "whitespace", "JSON object", "missing"], sent: what });
            await p.expectIntact(what);
          }
        });
      }),
    );

    it(
      `rejects ${op.method} JSON that is not one object with 400`,
      check(robustness(op.name, "a body must be one JSON object, else 400", "chosen", "§2"), async (c: Case) => {
        const t = startOf(c, op, fx, "shape");
        await probing(c, t.guard, async (p) => {
          for (const body of ["[]", "null", "0", '"text"', "true", `[${JSON.stringify(t.body)}]`]) {
            const what = `the JSON ${body.length > 20 ? "array of one valid body" : body}`;
            const ex = await p.send({ method: op.method, path: t.path, headers: t.headers, body }, what);
            expectRefused(c, ex, { status: 400, says: ["object"], sent: what });
            await p.expectIntact(what);
          }
        });
      }),
    );

    const deep = `rejects ${op.method} bodies nested deeper than ${MAX_BODY_DEPTH} levels with 400 (generated)`;
    it(
      deep,
      check(
        robustness(op.name, `a body nested deeper than ${MAX_BODY_DEPTH} levels is 400`, "chosen", "§2"),
        async (c: Case) => {
          const t = startOf(c, op, fx, "deep");
          const field = op.method === "POST" ? fx.spots.text.name : (fx.spots.patchText ?? fx.spots.text).name;
          await property(c, deep, t.guard, deepArb(model, t.body, field), async (p, d) => {
            const what = `a body nested ${d.depth} levels deep (${d.shape}) in ${field}`;
            const ex = await p.send({ method: op.method, path: t.path, headers: t.headers, body: d.text }, what);
            expectRefused(c, ex, { status: 400, says: [field, "deep", "nest", "depth", "level"], sent: what });
            await p.expectIntact(what);
          });
        },
      ),
    );
  }

  // The deepest a body of the size limit holds: what a recursive walk overflows on.
  const op = writeOps(model)[0]!;
  // A marker of 40 characters stands for the run's (they are shorter).
  const deepest = deepestFitting(model, JSON.stringify(markedBody(model, fx.spots, "r".repeat(40))));
  it(
    `rejects a POST nested ${deepest} levels deep with 400`,
    check(
      robustness(op.name, `a body nested deeper than ${MAX_BODY_DEPTH} levels is 400`, "chosen", "§2"),
      async (c: Case) => {
        const t = startOf(c, op, fx, "deepest");
        const field = fx.spots.text.name;
        await probing(c, t.guard, async (p) => {
          for (const shape of ["arrays", "objects"] as const) {
            const what = `a body nested ${deepest} levels deep (${shape}) in ${field}`;
            const body = withRaw(t.body, field, nested(deepest, shape));
            const ex = await p.send({ method: "POST", path: t.path, headers: t.headers, body }, what);
            expectRefused(c, ex, { status: 400, says: [field, "deep", "nest", "depth", "level"], sent: what });
            await p.expectIntact(what);
          }
        });
      },
    ),
  );
});
