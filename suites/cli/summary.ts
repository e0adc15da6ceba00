// The terminal summary of a certify run: what was judged, the counts, skips with their
// reasons, warnings, the seed and replay command, where the Allure results are, failures.
import { relative } from "node:path";
import type { Settings } from "../target/settings.ts";
import type { Tally } from "./run-suites.ts";

const ROLE_TITLE: Readonly<Record<Settings["role"], string>> = {
  server: "server conformance",
  listener: "operator listener conformance",
  client: "operator client conformance",
};

export function summary(title: string, settings: Settings, t: Tally, extra: readonly string[] = []): string {
  const results = relative(process.cwd(), settings.resultsDir) || ".";
  return [
    "",
    `== ${title}: ${ROLE_TITLE[settings.role]} ==`,
    ...(settings.target !== undefined ? [`target:   ${settings.target}`] : []),
    `cases:    ${t.passed + t.failed + t.harness + t.skipped} (${t.passed} passed, ${t.failed} failed, ${t.harness} harness faults, ${t.skipped} skipped) in ${t.seconds.toFixed(1)} s`,
    ...[...t.skips].map(([note, n]) => `skipped:  ${n} x ${note}`),
    ...(t.warnings.length > 0
      ? [`warnings: ${t.warnings.length} (they do not change the exit code)`, ...t.warnings.map((w) => `  - ${w}`)]
      : []),
    ...extra,
    `allure:   ${results} (one-file HTML report: npm run report -- ${results})`,
    ...(t.failures.length > 0
      ? [
          "failures:",
          ...t.failures.slice(0, 40).map((f) => `  - ${f}`),
          ...(t.failures.length > 40 ? [`  ... and ${t.failures.length - 40} more`] : []),
        ]
      : []),
  ].join("\n");
}

/**
 * The command that replays this run: the same flags with this run's seed (settings
 * from env or a config file still come from there). Passwords are masked.
 */
export function replayCommand(argv: readonly string[], seed: number): string {
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
