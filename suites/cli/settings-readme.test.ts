// The README's settings blocks against the commands' tables, and environment names no two commands share.
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { README } from "../../simulator/cli/docs.ts";
import { EXPORT } from "../../simulator/cli/export-settings.ts";
import { LISTEN } from "../../simulator/cli/listen-settings.ts";
import { settingsBlockNames, settingsMarkdown, withSettingsBlocks } from "../../simulator/cli/settings/usage.ts";
import { SIMULATE } from "../../simulator/cli/simulate-settings.ts";
import { STRESS } from "../../simulator/cli/stress-settings.ts";
import { BENCH } from "./bench-settings.ts";
import { BROWSE } from "./browse-report-settings.ts";
import { CERTIFY } from "./certify-settings.ts";
import { COMMANDS } from "./commands.ts";

const readme = readFileSync(README, "utf8");

it("has README blocks generated from the simulate, listen, export, stress, certify, bench and report:browse tables (run npm run docs if this fails)", () => {
  expect(settingsBlockNames(readme)).toEqual([
    "certify",
    "report:browse",
    "simulate",
    "export",
    "listen",
    "stress",
    "bench",
  ]);
  expect(COMMANDS).toEqual([SIMULATE, LISTEN, EXPORT, STRESS, CERTIFY, BENCH, BROWSE]);
  expect(withSettingsBlocks(readme, COMMANDS)).toBe(readme);
  for (const c of [SIMULATE, LISTEN, EXPORT, STRESS, CERTIFY, BENCH, BROWSE])
    expect(readme).toContain(
      `<!-- settings:${c.name}:start -->\n${settingsMarkdown(c)}\n<!-- settings:${c.name}:end -->`,
    );
});

it("keeps certify's NEXERA_* names and gives simulate, listen and export their own prefixes, so no name is shared", () => {
  const names = [SIMULATE, LISTEN, EXPORT, STRESS, CERTIFY, BENCH, BROWSE].flatMap((c) => [
    ...c.rows.map((r) => r.env),
    c.configEnv,
  ]);
  expect(new Set(names).size).toBe(names.length);
  expect(CERTIFY.rows.map((r) => r.env)).toEqual([
    "NEXERA_ROLE",
    "NEXERA_VERBOSE",
    "NEXERA_SUITE",
    "NEXERA_TARGET",
    "NEXERA_TOKEN_URL",
    "NEXERA_CREDENTIALS",
    "NEXERA_SECOND_CREDENTIALS",
    "NEXERA_AUTH",
    "NEXERA_DRIVER",
    "NEXERA_LISTENER_HOST",
    "NEXERA_LISTENER_PORT",
    "NEXERA_LISTENER_PUBLIC_URL",
    "NEXERA_PROFILE",
    "NEXERA_SEED",
    "NEXERA_RUNS",
    "NEXERA_EVENT_TIMEOUT",
    "NEXERA_RESULTS_DIR",
    "NEXERA_KNOWN_FAILURES",
    "NEXERA_HTML",
    "NEXERA_HOST",
    "NEXERA_PORT",
    "NEXERA_DURATION",
    "NEXERA_AUTOPLAY_STEP_MS",
    "NEXERA_TOKEN_TTL",
    "NEXERA_VERDICT",
  ]);
  expect(CERTIFY.configEnv).toBe("NEXERA_CONFIG");
  // No certify name falls in the namespace of simulate or listen.
  for (const prefix of ["NEXERA_SIMULATE_", "NEXERA_LISTEN_", "NEXERA_EXPORT_", "NEXERA_STRESS_", "NEXERA_BROWSE_"])
    expect(CERTIFY.rows.filter((r) => r.env.startsWith(prefix))).toEqual([]);
  expect(SIMULATE.rows.every((r) => r.env.startsWith("NEXERA_SIMULATE_"))).toBe(true);
  expect(LISTEN.rows.every((r) => r.env.startsWith("NEXERA_LISTEN_"))).toBe(true);
  expect(EXPORT.rows.every((r) => r.env.startsWith("NEXERA_EXPORT_"))).toBe(true);
  expect(STRESS.rows.every((r) => r.env.startsWith("NEXERA_STRESS_"))).toBe(true);
  // NEXERA_CHROMIUM names the machine's Chromium for any command that may need one, so it has no prefix.
  expect(BROWSE.rows.map((r) => r.env)).toEqual([
    "NEXERA_BROWSE_DIR",
    "NEXERA_CHROMIUM",
    "NEXERA_BROWSE_SCREENSHOT",
    "NEXERA_BROWSE_TIMEOUT",
  ]);
});
