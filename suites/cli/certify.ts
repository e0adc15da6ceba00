// npm run certify -- [--target URL] [...]: resolves the settings (certify-settings.ts:
// flags > env > config file > defaults), starts the embedded simulator when no target is given,
// runs the suites with vitest and prints a summary. Exit codes: 0 all passed,
// 1 the target broke a rule, 2 bad settings, 3 harness faults only.
import { readdirSync, rmSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { TestModule } from "vitest/node";
import { readCli } from "../../simulator/cli/settings/cli.ts";
import { describeSettings, type Settings, withTarget } from "../target/settings.ts";
import { CERTIFY, RESOLVED_ENV, toSettings } from "./certify-settings.ts";
import { type Embedded, embeddedTarget } from "./embedded.ts";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");
const HARNESS = new Set(["HarnessError", "DriverError", "SettingsError"]);

interface Tally {
  passed: number;
  failed: number;
  harness: number;
  skipped: number;
  failures: string[];
  skips: Map<string, number>;
}

function tally(modules: readonly TestModule[]): Tally {
  const t: Tally = { passed: 0, failed: 0, harness: 0, skipped: 0, failures: [], skips: new Map() };
  for (const m of modules) {
    for (const e of m.errors()) {
      t.harness += HARNESS.has(e.name ?? "") ? 1 : 0;
      t.failed += HARNESS.has(e.name ?? "") ? 0 : 1;
      t.failures.push(`${m.relativeModuleId}: ${e.name ?? "Error"}: ${firstLine(e.message)}`);
    }
    for (const test of m.children.allTests()) {
      const r = test.result();
      if (r.state === "passed") t.passed++;
      else if (r.state === "skipped") {
        t.skipped++;
        const note = r.note ?? "skipped";
        t.skips.set(note, (t.skips.get(note) ?? 0) + 1);
      } else if (r.state === "failed") {
        const harness = r.errors.every((e) => HARNESS.has(e.name ?? "") || HARNESS.has(e.cause?.name ?? ""));
        if (harness) t.harness++;
        else t.failed++;
        t.failures.push(`${harness ? "[harness] " : ""}${test.fullName}: ${firstLine(r.errors[0]?.message ?? "")}`);
      }
    }
  }
  return t;
}

const firstLine = (s: string) => s.split("\n")[0]!.slice(0, 240);

/** Removes the Allure results of an earlier run (only Allure's own files). */
function cleanResults(dir: string): void {
  let names: string[] = [];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const n of names)
    if (/-(result|container|attachment)\.|^(environment\.properties|executor\.json|categories\.json)$/.test(n))
      rmSync(join(dir, n), { force: true });
}

/**
 * The command that replays this run: the same flags with this run's seed (settings
 * from env or a config file still come from there). Passwords are masked.
 */
function replayCommand(argv: readonly string[], seed: number): string {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--seed") i++;
    else if (!a.startsWith("--seed="))
      out.push(/credentials/.test(argv[i - 1] ?? "") || /credentials=/.test(a) ? a.replace(/:.*/, ":***") : a);
  }
  const quoted = out.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, "'\\''")}'`));
  return ["npm run certify --", ...quoted, "--seed", String(seed)].join(" ");
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  // Bad settings (a broken profile included) are exit 2: never blamed on the target.
  const read = readCli(CERTIFY, argv, process.env);
  if ("exit" in read) return read.exit;
  let settings: Settings = toSettings(read);

  let embedded: Embedded | undefined;
  if (settings.target === undefined) {
    embedded = await embeddedTarget(settings);
    settings = withTarget(settings, embedded.url);
    console.log(`[certify] started the embedded simulator at ${embedded.url}`);
  }
  console.log(`[certify] ${describeSettings(settings)}`);
  process.env[RESOLVED_ENV] = JSON.stringify(settings);
  process.env.NEXERA_RESULTS_DIR = settings.resultsDir;
  cleanResults(settings.resultsDir);

  const started = Date.now();
  let t: Tally;
  try {
    const { startVitest } = await import("vitest/node");
    const vitest = await startVitest("test", [], {
      config: resolve(here, "../vitest.suites.config.ts"),
      root,
      watch: false,
      run: true,
    });
    t = tally(vitest.state.getTestModules());
    await vitest.close();
  } finally {
    await embedded?.close();
  }

  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const lines = [
    "",
    "== Nexera Trouble Ticket API conformance ==",
    `target:   ${settings.target}`,
    `cases:    ${t.passed + t.failed + t.harness + t.skipped} (${t.passed} passed, ${t.failed} failed, ${t.harness} harness faults, ${t.skipped} skipped) in ${seconds} s`,
    ...[...t.skips].map(([note, n]) => `skipped:  ${n} x ${note}`),
    `seed:     ${settings.seed} (replay: ${replayCommand(argv, settings.seed)})`,
    `allure:   ${relative(process.cwd(), settings.resultsDir) || "."} (one-file HTML report: npm run report -- ${relative(process.cwd(), settings.resultsDir)})`,
    ...(t.failures.length > 0
      ? [
          "failures:",
          ...t.failures.slice(0, 40).map((f) => `  - ${f}`),
          ...(t.failures.length > 40 ? [`  ... and ${t.failures.length - 40} more`] : []),
        ]
      : []),
  ];
  console.log(lines.join("\n"));
  if (t.failed > 0) return 1;
  if (t.harness > 0) return 3;
  return t.passed > 0 ? 0 : 3;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`[certify] harness fault: ${(e as Error).stack ?? String(e)}`);
    process.exit(3);
  },
);
