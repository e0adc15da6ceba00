// `npm run lint` enforces the layering (docs/decisions/0006-lint-and-layering.md):
// probe files placed in each layer import across it, and Biome must refuse exactly
// the crossings. The probes are written beside the real code (the rules match by
// folder), named *.lint-probe.ts and removed whatever happens (not git-ignored: Biome skips ignored files).
import { execFileSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");
const BIOME = join(ROOT, "node_modules/.bin/biome");

interface Probe {
  readonly file: string;
  readonly from: string;
  readonly allowed: boolean;
}

const tag = `p${process.pid}`;
const probe = (dir: string, name: string, from: string, allowed: boolean): Probe => ({
  file: `${dir}/${tag}-${name}.lint-probe.ts`,
  from,
  allowed,
});
const PROBES: readonly Probe[] = [
  probe("simulator/model", "model-core", "../core/errors.ts", false),
  probe("simulator/model", "model-model", "./load.ts", true),
  probe("simulator/core", "core-events", "../events/generate.ts", false),
  probe("simulator/core", "core-model", "../model/model.ts", true),
  probe("simulator/events", "events-http", "../http/app.ts", false),
  probe("simulator/events", "events-core", "../core/tickets.ts", true),
  probe("simulator/http", "http-listener", "../listener/app.ts", false),
  probe("simulator/http", "http-cli", "../cli/embedded.ts", false),
  probe("simulator/listener", "listener-http", "../http/app.ts", false),
  probe("simulator/listener", "listener-events", "../events/generate.ts", true),
  probe("simulator/cli", "cli-suites", "../../suites/support/context.ts", false),
  probe("suites/model", "suites-core", "../../simulator/core/tickets.ts", false),
  probe("suites/report", "suites-http", "../../simulator/http/app.ts", false),
  probe("suites/model", "suites-model", "../../simulator/model/model.ts", true),
  probe("suites/cli", "cli-http", "../../simulator/http/app.ts", false),
  probe("suites/cli", "cli-simcli", "../../simulator/cli/embedded.ts", true),
  // Two probes importing each other: a cycle, even of types only.
  probe("simulator/core", "cycle-a", `./${tag}-cycle-b.lint-probe.ts`, true),
  probe("simulator/core", "cycle-b", `./${tag}-cycle-a.lint-probe.ts`, true),
];

interface Diagnostic {
  category: string;
  location: { path: string | { file: string } };
}

let refused: Map<string, string[]>;

beforeAll(() => {
  for (const p of PROBES)
    writeFileSync(join(ROOT, p.file), `import * as m from "${p.from}";\n\nexport const probe = m;\n`);
  let out: string;
  try {
    out = execFileSync(BIOME, ["lint", "--reporter=json", ...PROBES.map((p) => p.file)], {
      cwd: ROOT,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    });
  } catch (e) {
    out = String((e as { stdout?: string }).stdout ?? "");
  }
  refused = new Map();
  for (const d of (JSON.parse(out) as { diagnostics: Diagnostic[] }).diagnostics) {
    const path = typeof d.location.path === "string" ? d.location.path : d.location.path.file;
    refused.set(path, [...(refused.get(path) ?? []), d.category]);
  }
});

afterAll(() => {
  for (const p of PROBES) rmSync(join(ROOT, p.file), { force: true });
});

it.each(PROBES.filter((p) => !p.allowed))("refuses an import of $from from $file", (p) => {
  expect(refused.get(p.file)).toContain("lint/style/noRestrictedImports");
});

it("refuses an import cycle", () => {
  for (const p of PROBES.filter((x) => x.file.includes("-cycle-")))
    expect(refused.get(p.file)).toContain("lint/suspicious/noImportCycles");
});

it.each(PROBES.filter((p) => p.allowed))("allows an import of $from from $file", (p) => {
  expect(refused.get(p.file) ?? []).not.toContain("lint/style/noRestrictedImports");
});
