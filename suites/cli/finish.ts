// The end of every certify run: its folder gets summary.json, junit.xml and the one-file
// HTML report (index.html, unless --no-html, with the run's environment and history),
// then the terminal summary names them, and the exit code follows the counts.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { writeHtml, writeRunFacts } from "../report/run-folder.ts";
import type { Settings } from "../target/settings.ts";
import { junitXml } from "./junit.ts";
import type { Applied } from "./known-failures.ts";
import { exitCode, type Tally } from "./run-suites.ts";
import { summary } from "./summary.ts";
import { writeSummaryJson } from "./summary-json.ts";

export function finishRun(
  settings: Settings,
  title: string,
  profileId: string,
  t: Tally,
  extra: readonly string[],
  known?: Applied,
): number {
  const dir = settings.resultsDir;
  const profileSha256 = createHash("sha256").update(readFileSync(settings.profile)).digest("hex");
  const code = exitCode(t);
  writeSummaryJson(settings, { title, sha256: profileSha256 }, t, code, known);
  writeFileSync(join(dir, "junit.xml"), junitXml(title, t));
  writeRunFacts(dir, {
    title,
    role: settings.role,
    target: settings.target ?? "(none)",
    profileId,
    profileSha256,
    seed: settings.seed,
  });
  // A folder under the working directory by its relative path, any other by its absolute one.
  const rel = relative(process.cwd(), dir);
  const shown = rel === "" ? "." : rel.startsWith("..") ? dir : rel;
  let page = "";
  if (settings.html !== false) {
    try {
      writeHtml(dir, title);
      page = ", index.html (the report: open it in a browser, offline)";
    } catch (e) {
      page = `; no index.html, the report generator failed: ${(e as Error).message.split("\n")[0]}`;
    }
  }
  console.log(
    summary(title, settings, t, [
      ...extra,
      `reports:  ${shown}/ holds summary.json (every case, a verdict per rule), junit.xml${page}`,
    ]),
  );
  return code;
}
