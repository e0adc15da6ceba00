// The terminal summary of a certify run: what was judged, the counts, a table per
// area, skips with their reasons, warnings, the failed rules grouped by rule (each with
// its provenance and one example exchange), harness faults collapsed by cause, the
// seed and replay command, and where the results are.
import type { Settings } from "../target/settings.ts";
import type { CaseOutcome, Tally } from "./run-suites.ts";

const ROLE_TITLE: Readonly<Record<Settings["role"], string>> = {
  server: "server conformance",
  listener: "operator listener conformance",
  client: "operator client conformance",
};

export function summary(title: string, settings: Settings, t: Tally, extra: readonly string[] = []): string {
  return [
    "",
    `== ${title}: ${ROLE_TITLE[settings.role]} ==`,
    ...(settings.target !== undefined ? [`target:   ${settings.target}`] : []),
    `cases:    ${t.cases.length} (${t.passed} passed, ${t.failed} failed, ${t.harness} harness faults, ${t.skipped} skipped${t.known > 0 ? `, ${t.known} known failures` : ""}${t.notRun > 0 ? `, ${t.notRun} not run` : ""}) in ${t.seconds.toFixed(1)} s`,
    ...lostLine(t),
    ...areaTable(t.cases),
    ...setupLines(t),
    ...[...t.skips].map(([note, n]) => `skipped:  ${n} x ${note}`),
    ...(t.warnings.length > 0
      ? [`warnings: ${t.warnings.length} (they do not change the exit code)`, ...t.warnings.map((w) => `  - ${w}`)]
      : []),
    ...harnessFaults(t.cases),
    ...failedRules(t.cases),
    ...extra,
  ].join("\n");
}

/**
 * One row per area (the Allure epic every case carries): passed, failed, skipped, and not
 * run when a setup failed or the target was lost. A case that never ran carries no rule:
 * its area is that of the cases under the same top-level group that did, else the group's name.
 */
export function areaTable(cases: readonly CaseOutcome[]): string[] {
  const group = (c: CaseOutcome) => c.name.split(" > ")[0] ?? "other";
  const areaOfGroup = new Map(cases.flatMap((c) => (c.rule ? [[group(c), c.rule.area] as const] : [])));
  const rows = new Map<string, { passed: number; failed: number; skipped: number; notRun: number }>();
  for (const c of cases) {
    const area = c.rule?.area ?? areaOfGroup.get(group(c)) ?? group(c);
    const row = rows.get(area) ?? { passed: 0, failed: 0, skipped: 0, notRun: 0 };
    if (c.state === "passed") row.passed++;
    else if (c.state === "skipped") row.skipped++;
    else if (c.state === "notRun") row.notRun++;
    else if (c.state !== "known") row.failed++;
    rows.set(area, row);
  }
  if (rows.size < 2) return [];
  const notRun = [...rows.values()].some((r) => r.notRun > 0);
  const width = Math.max(4, ...[...rows.keys()].map((a) => a.length));
  const line = (a: string, p: string, f: string, s: string, n: string) =>
    `  ${a.padEnd(width)}  ${p.padStart(6)}  ${f.padStart(6)}  ${s.padStart(7)}${notRun ? `  ${n.padStart(7)}` : ""}`;
  return [
    "",
    line("area", "passed", "failed", "skipped", "not run"),
    ...[...rows].map(([a, r]) => line(a, String(r.passed), String(r.failed), String(r.skipped), String(r.notRun))),
    "",
  ];
}

/** A target that stopped answering: one line, whatever it cost. */
function lostLine(t: Tally): string[] {
  if (!t.lost) return [];
  const { seconds, casesDone, cause } = t.lost;
  return [
    `stopped:  the target stopped answering ${seconds.toFixed(1)} s into the run, after ${casesDone} cases (${cause}): a harness fault, not a finding; the run was stopped: ${t.notRun} case(s) not run${t.unstarted > 0 ? `, ${t.unstarted} suite file(s) not started` : ""}`,
  ];
}

/** Each failed setup once: its cases did not run, and the run fails (a lost target's are in its one line). */
function setupLines(t: Tally): string[] {
  const setups = t.lost ? t.setups.filter((s) => !s.harness) : t.setups;
  if (setups.length === 0) return [];
  return [
    `not run:  ${setups.reduce((n, s) => n + s.cases, 0)} case(s): a setup they need failed${setups.every((s) => s.harness) ? "" : " (this fails the run)"}`,
    ...setups.map((s) => `  - ${s.where}: ${s.cases} case(s) not run: ${s.harness ? "[harness fault] " : ""}${s.why}`),
  ];
}

/** Harness faults by cause: a target that stops answering is one line, not hundreds. */
function harnessFaults(cases: readonly CaseOutcome[]): string[] {
  const byCause = new Map<string, number>();
  for (const c of cases.filter((x) => x.state === "harness")) {
    // The cause without what varies per case (a URL's path, an id).
    const cause = (c.why ?? "")
      .replace(/^\[harness fault, not a finding about the target\] /, "")
      .replace(/ (GET|POST|PATCH|DELETE) \S+/, " $1 ...");
    byCause.set(cause, (byCause.get(cause) ?? 0) + 1);
  }
  if (byCause.size === 0) return [];
  return ["harness faults (not findings about the target):", ...[...byCause].map(([c, n]) => `  - ${n} x ${c}`)];
}

/** Each failed rule once, with its provenance, its cases' count and one example. */
function failedRules(cases: readonly CaseOutcome[]): string[] {
  const byRule = new Map<string, CaseOutcome[]>();
  for (const c of cases.filter((x) => x.state === "failed")) {
    const key = c.rule?.id ?? c.name;
    byRule.set(key, [...(byRule.get(key) ?? []), c]);
  }
  if (byRule.size === 0) return [];
  const out = [`failed rules: ${byRule.size}`];
  for (const group of [...byRule.values()].slice(0, 30)) {
    const first = group[0]!;
    const r = first.rule;
    out.push(
      r
        ? `  - ${r.rule} [${r.provenance}] (${r.area} / ${r.operation}): ${group.length} case(s)`
        : `  - ${first.name}: ${group.length} case(s)`,
      `      e.g. ${first.name}`,
      `      ${first.why ?? ""}`,
      ...(first.detail ?? [])
        .filter((l) => /^\s*(sent|got):|^\s{6,}\S/.test(l))
        .slice(0, 4)
        .map((l) => `    ${l.length > 200 ? `${l.slice(0, 197)}...` : l}`),
    );
  }
  if (byRule.size > 30) out.push(`  ... and ${byRule.size - 30} more rules (every case: summary.json)`);
  return out;
}

/** The environment variable that holds each credentials flag's value in a replay command. */
const CREDENTIAL_ENV: Readonly<Record<string, string>> = {
  "--credentials": "NEXERA_CREDENTIALS",
  "--second-credentials": "NEXERA_SECOND_CREDENTIALS",
};

/**
 * The command that replays this run: every flag as given, this run's seed, and each
 * credentials value written as the environment variable that holds it (never as
 * masked text, which could not be pasted). Settings from the environment or a config
 * file still come from there: pasted into the same environment, it runs the same run.
 */
export function replayCommand(argv: readonly string[], seed: number): { command: string; env: string[] } {
  const out: string[] = [];
  const env = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const eq = a.startsWith("--") ? a.indexOf("=") : -1;
    const flag = eq > 0 ? a.slice(0, eq) : a;
    const inline = eq > 0;
    if (flag === "--seed") {
      if (!inline) i++;
      continue;
    }
    const holder = CREDENTIAL_ENV[flag];
    if (holder === undefined) {
      out.push(a);
      continue;
    }
    if (!inline) i++;
    env.add(holder);
    out.push(flag, `"$${holder}"`);
  }
  const quoted = out.map((a) => (/^[\w@%+=:,./-]+$|^"\$[A-Z_]+"$/.test(a) ? a : `'${a.replace(/'/g, "'\\''")}'`));
  return { command: ["npm run certify --", ...quoted, "--seed", String(seed)].join(" "), env: [...env] };
}

/** The replay line of the summary, with the variables it reads. */
export function replayLine(argv: readonly string[], seed: number): string {
  const { command, env } = replayCommand(argv, seed);
  return `seed:     ${seed} (replay: ${command}${env.length > 0 ? `, with ${env.join(" and ")} set to the credentials used` : ""})`;
}
