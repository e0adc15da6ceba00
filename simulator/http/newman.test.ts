// The exported collection run as a user runs it: loaded with the postman-collection
// package, run by newman against the simulator on a real socket (port 0). Every
// request must get the status the collection documents and no assertion may fail,
// for the default profile and each variant (the collection is derived, never written).
import { readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { NewmanRunOptions, NewmanRunSummary } from "newman";
import { afterEach, expect, it } from "vitest";
import { FIXTURES, loadProfile } from "../model/load.ts";
import { buildSimulator } from "./app.ts";
import { buildPostmanCollection } from "./postman.ts";
import { documentedStatus } from "./postman-format.ts";

// Both packages are CommonJS without named ESM exports.
const require = createRequire(import.meta.url);
const { Collection } = require("postman-collection") as typeof import("postman-collection");
const newman = require("newman") as typeof import("newman");

const PROFILES = [
  "profile/nexera.json",
  ...readdirSync(join(FIXTURES, "profile/variants")).map((f) => `profile/variants/${f}`),
];
const OPERATOR = { user: "operator", password: "operator-secret" };
const closers: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

function run(options: NewmanRunOptions): Promise<NewmanRunSummary> {
  return new Promise((done, fail) => newman.run(options, (err, summary) => (err ? fail(err) : done(summary))));
}

it.each(PROFILES)(
  "runs the collection of %s against the simulator: every documented status, no failed assertion",
  async (file) => {
    const model = loadProfile(join(FIXTURES, file));
    const app = buildSimulator({ model, operators: [OPERATOR] });
    closers.push(() => app.close());
    const origin = await app.listen({ host: "127.0.0.1", port: 0 });
    // Nothing listens on the discard port: the hub only checks the callback's form.
    const json = buildPostmanCollection(model, { origin, credentials: OPERATOR, callbackUrl: "http://127.0.0.1:9" });
    const collection = new Collection(JSON.parse(JSON.stringify(json)));
    const documented = new Map(json.item.flatMap((f) => f.item).map((r) => [r.name, documentedStatus(r)]));
    expect(collection.items.map((f) => f.name)).toEqual(json.item.map((f) => f.name));

    const summary = await run({ collection, reporters: [] });

    const got = summary.run.executions.map((e) => [e.item.name, e.response?.code] as const);
    expect(got).toEqual([...documented]);
    expect(summary.run.failures.map((f) => `${f.source?.name}: ${f.error.message}`)).toEqual([]);
    expect(summary.run.stats.assertions.total).toBeGreaterThan(documented.size);
  },
);
