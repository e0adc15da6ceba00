// npm run certify:faults -- [FAULT ...]: shows the suites catch a broken server. For
// each deliberate fault of the simulator (simulator/http/faults.ts) it starts a
// misbehaving embedded simulator, runs the suites that guard the broken rule, and
// checks that the test named for that rule fails. Exit 1 if a fault goes unseen.
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { TestModule } from "vitest/node";
import { readCli } from "../../simulator/cli/settings/cli.ts";
import { defineCommand } from "../../simulator/cli/settings/command.ts";
import { integer, text } from "../../simulator/cli/settings/parsers.ts";
import { DEFAULT_PROFILE, loadProfile } from "../../simulator/model/load.ts";
import type { Model } from "../../simulator/model/model.ts";
import { type Settings, withTarget } from "../target/settings.ts";
import { certifySettings, profilePath, RESOLVED_ENV } from "./certify-settings.ts";
import { embeddedTarget } from "./embedded.ts";

interface FaultsValues {
  fault: readonly string[];
  profile: string;
  runs: number;
}

const FAULTS = defineCommand<FaultsValues>({
  name: "certify:faults",
  invocation: "npm run certify:faults --",
  summary:
    "For each deliberate fault of the simulator, starts a misbehaving embedded simulator and checks that the\n" +
    "suites' test named for the broken rule fails. Exit 0 if every fault is caught, 1 if one goes unseen.",
  envPrefix: "NEXERA_FAULTS_",
  settings: {
    fault: {
      flag: "fault",
      parse: text("FAULT"),
      repeats: true,
      positional: true,
      defaultText: "every fault worth proving for the profile",
      help: "a fault to prove (simulate --misbehave)",
    },
    profile: {
      flag: "profile",
      parse: profilePath,
      default: DEFAULT_PROFILE,
      defaultText: "`fixtures/profile/nexera.json`",
      help: "the profile the simulator serves and the suites judge by",
    },
    runs: { flag: "runs", parse: integer(1, 100_000), default: 10, help: "fast-check runs per property" },
  },
});

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");

interface Proof {
  readonly fault: string;
  /** Suite folders to run. */
  readonly files: readonly string[];
  /** A failing test title must match: the test named for the broken rule. */
  readonly caughtBy: RegExp;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * The faults worth proving for a profile, named from its model (Nexera: drop
 * TroubleTicketResolvedEvent, allow closed -> inProgress): an event sent on
 * entering a state, and an operator move out of a final state the operator reaches.
 */
function proofs(model: Model): Proof[] {
  const lc = model.lifecycle;
  const enter = model.events.rules.find((r) => r.on === "enter" && r.state !== undefined);
  const final = lc.final.size > 0 ? [...lc.final].find((f) => lc.operator.some((t) => t.to === f)) : undefined;
  const back = lc.operator.map((t) => t.to).find((s) => !lc.final.has(s) && s !== lc.initial);
  return [
    {
      fault: "accept-missing-required",
      files: ["suites/fields", "suites/properties"],
      caughtBy: /^rejects a \S+ (POST|PATCH) without .*\((PD: )?R\)$/,
    },
    {
      fault: "accept-prohibited",
      files: ["suites/fields", "suites/properties"],
      caughtBy: /^rejects a \S+ (POST|PATCH) carrying .*\((PD: )?P\)$/,
    },
    ...(model.filterFieldList.some((ff) => ff.operators.includes("gt"))
      ? [
          {
            fault: "ignore-operator:gt",
            files: ["suites/filtering"],
            caughtBy: /^filters by \S+\.gt as (instants|numbers)/,
          },
        ]
      : []),
    ...(enter
      ? [
          {
            fault: `drop-event:${enter.eventType}`,
            files: ["suites/events"],
            caughtBy: new RegExp(`-> ${escapeRegExp(enter.state!)}$`),
          },
        ]
      : []),
    ...(final && back
      ? [
          {
            fault: `allow-transition:${final}->${back}`,
            files: ["suites/lifecycle"],
            caughtBy: new RegExp(`^refuses ${escapeRegExp(final)} -> ${escapeRegExp(back)}`),
          },
        ]
      : []),
    { fault: "drop-header:X-Total-Count", files: ["suites/filtering"], caughtBy: /X-Total-Count/ },
    ...(model.lifecycle.onLeave.length > 0
      ? [{ fault: "keep-on-leave", files: ["suites/lifecycle/rules.test.ts"], caughtBy: /^clears .* moves / }]
      : []),
  ];
}

function failedTitles(modules: readonly TestModule[]): Array<{ name: string; message: string }> {
  const out: Array<{ name: string; message: string }> = [];
  for (const m of modules)
    for (const t of m.children.allTests()) {
      const r = t.result();
      if (r.state === "failed") out.push({ name: t.name, message: (r.errors[0]?.message ?? "").split("\n")[0] ?? "" });
    }
  return out;
}

async function prove(p: Proof, base: Settings): Promise<boolean> {
  const sim = await embeddedTarget(base, [p.fault]);
  process.env[RESOLVED_ENV] = JSON.stringify(withTarget(base, sim.url));
  process.env.NEXERA_RESULTS_DIR = resolve(root, "reports/prove-faults");
  try {
    const { startVitest } = await import("vitest/node");
    const vitest = await startVitest("test", [...p.files], {
      config: resolve(here, "../vitest.suites.config.ts"),
      root,
      watch: false,
      run: true,
      reporters: [{}],
    });
    const failed = failedTitles(vitest.state.getTestModules());
    await vitest.close();
    const caught = failed.filter((f) => p.caughtBy.test(f.name));
    console.log(
      `\n--misbehave ${p.fault}: ${failed.length} failed, ${caught.length} by the rule's own test${caught.length === 1 ? "" : "s"}`,
    );
    for (const f of caught.slice(0, 3)) console.log(`  - ${f.name}\n      ${f.message.slice(0, 200)}`);
    return caught.length > 0;
  } finally {
    await sim.close();
  }
}

async function main(): Promise<number> {
  const read = readCli(FAULTS, process.argv.slice(2));
  if ("exit" in read) return read.exit;
  const { fault: only, profile, runs } = read.values;
  // The suites get these two settings only: certify's NEXERA_* variables and config file do not apply here.
  const base = certifySettings({ argv: ["--profile", profile, "--runs", String(runs)] });
  const provable = proofs(loadProfile(base.profile));
  const unknown = only.filter((f) => !provable.some((p) => p.fault === f));
  if (unknown.length > 0) {
    console.error(
      `certify:faults: no proof for ${unknown.join(", ")}; provable: ${provable.map((p) => p.fault).join(", ")}`,
    );
    return 2;
  }
  const results: Array<[string, boolean]> = [];
  for (const p of provable.filter((x) => only.length === 0 || only.includes(x.fault)))
    results.push([p.fault, await prove(p, base)]);
  console.log("\n== faults and the tests that catch them ==");
  for (const [fault, ok] of results) console.log(`${ok ? "caught  " : "MISSED  "} ${fault}`);
  return results.every(([, ok]) => ok) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`[prove-faults] harness fault: ${(e as Error).stack ?? String(e)}`);
    process.exit(3);
  },
);
