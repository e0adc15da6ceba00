// npm run report:browse -- [DIR]: opens a certify run's index.html (reports/certify by
// default) from disk in headless Chromium, offline, and checks what a person would see:
// the totals of the run's summary.json, no request outside the file, no error logged.
// One line per check; the screenshot's path. Exit 0 every check met, 1 one failed,
// 2 bad settings (no such folder, no index.html or summary.json), 3 Chromium did not start
// or failed during the check (the screenshot could not be written, say).
import { existsSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { EXIT_BAD_SETTINGS, readCli } from "../../simulator/cli/settings/cli.ts";
import { BrowserStartError, browse } from "../report/browse.ts";
import {
  consoleProblems,
  networkProblems,
  parseSummary,
  readShown,
  shownLine,
  totalsProblems,
} from "../report/browse-checks.ts";
import { BROWSE } from "./browse-report-settings.ts";

const EXIT_CHECK_FAILED = 1;
// certify's 3 too: a fault of the harness or its environment, never the report's.
const EXIT_NO_BROWSER = 3;
const INSTALL_HINT =
  "install Debian's chromium (apt-get install chromium) or point NEXERA_CHROMIUM at a Chromium binary";

const shown = (p: string) => {
  const r = relative(process.cwd(), p);
  return r === "" ? "." : r.startsWith("..") ? p : r;
};
const fail = (line: string) => {
  console.error(`report:browse: ${line}`);
  return EXIT_BAD_SETTINGS;
};

async function main(): Promise<number> {
  const read = readCli(BROWSE, process.argv.slice(2));
  if ("exit" in read) return read.exit;
  const { dir, chromium, screenshot, timeout } = read.values;
  const page = join(dir, "index.html");
  const summaryFile = join(dir, "summary.json");
  if (!existsSync(dir)) return fail(`no folder ${shown(dir)}: run npm run certify first, or name the run's folder`);
  if (!existsSync(page)) return fail(`no index.html in ${shown(dir)}: certify wrote none (--no-html?)`);
  if (!existsSync(summaryFile)) return fail(`no summary.json in ${shown(dir)}: is it a certify run's folder?`);
  const summary = parseSummary(readFileSync(summaryFile, "utf8"));
  if ("problem" in summary) return fail(`${shown(summaryFile)}: ${summary.problem}`);
  if (!existsSync(chromium)) {
    console.error(`report:browse: the browser could not start: no ${chromium}; ${INSTALL_HINT}`);
    return EXIT_NO_BROWSER;
  }

  let seen: Awaited<ReturnType<typeof browse>>;
  try {
    seen = await browse(page, { chromium, screenshot, timeoutMs: timeout });
  } catch (e) {
    console.error(
      e instanceof BrowserStartError
        ? `report:browse: the browser could not start (${chromium}): ${e.message}; ${INSTALL_HINT}`
        : `report:browse: the browser failed during the check: ${(e as Error).message.split("\n")[0]}`,
    );
    return EXIT_NO_BROWSER;
  }

  const totals = "problem" in seen.shown ? seen.shown : readShown(seen.shown);
  const checks: { name: string; problems: string[]; ok: string }[] = [
    "problem" in totals
      ? { name: "totals", problems: [`totals: ${totals.problem}`], ok: "" }
      : {
          name: "totals",
          problems: totalsProblems(summary, totals),
          ok: summary.lost
            ? `${shownLine(totals)}; Passed as summary.json counts (the run was stopped: the target stopped answering, so only Passed is matched)`
            : `${shownLine(totals)}, as summary.json counts`,
        },
    {
      name: "network",
      problems: networkProblems(seen.requests, seen.pageUrl),
      ok: `${seen.requests.length} request(s), none outside the file (only the file itself, data: and blob:)`,
    },
    { name: "console", problems: consoleProblems(seen.consoleErrors, seen.pageUrl), ok: "no error logged" },
  ];
  console.log(`report:browse: ${shown(page)} in headless Chromium ${seen.browserVersion}, offline`);
  for (const c of checks)
    if (c.problems.length === 0) console.log(`ok      ${c.name}: ${c.ok}`);
    else for (const p of c.problems) console.log(`FAILED  ${p}`);
  console.log(`screenshot: ${shown(screenshot)}`);
  const failed = checks.filter((c) => c.problems.length > 0).map((c) => c.name);
  console.log(
    failed.length === 0
      ? `checks: all ${checks.length} met`
      : `checks: ${failed.join(", ")} failed of ${checks.length}`,
  );
  return failed.length === 0 ? 0 : EXIT_CHECK_FAILED;
}

process.exitCode = await main();
