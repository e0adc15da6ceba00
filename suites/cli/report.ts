// npm run report -- [DIR]: one offline HTML file from Allure results. DIR is a certify
// run's folder (reports/certify by default: its index.html is written again), or a
// folder of Allure results (the page goes to reports/html/index.html). A folder that
// holds neither is one clear line and exit 2.
import { existsSync, mkdirSync, readdirSync } from "node:fs";
import { basename, join, relative, resolve } from "node:path";
import { readCli } from "../../simulator/cli/settings/cli.ts";
import { defineCommand } from "../../simulator/cli/settings/command.ts";
import { path } from "../../simulator/cli/settings/parsers.ts";
import { allureResultsOf, writeHtml } from "../report/run-folder.ts";

const REPORT = defineCommand<{ results: string }>({
  name: "report",
  invocation: "npm run report --",
  summary:
    "Writes one self-contained, offline HTML report (Allure): into a certify run's folder, or, from a folder of\n" +
    "Allure results, to reports/html/index.html.",
  envPrefix: "NEXERA_REPORT_",
  settings: {
    results: {
      flag: "results",
      parse: path("DIR"),
      positional: true,
      default: (_, cwd) => resolve(cwd, "reports/certify"),
      defaultText: "`reports/certify` (certify's run folder)",
      help: "a certify run's folder, or a folder of Allure results",
    },
  },
});

const hasResults = (dir: string) => existsSync(dir) && readdirSync(dir).some((f) => f.endsWith("-result.json"));

function main(): number {
  const read = readCli(REPORT, process.argv.slice(2));
  if ("exit" in read) return read.exit;
  const dir = read.values.results;
  const rel = relative(process.cwd(), dir);
  const shown = rel === "" ? "." : rel.startsWith("..") ? dir : rel;
  if (hasResults(allureResultsOf(dir))) {
    const page = writeHtml(dir, `certify run ${basename(resolve(dir))}`);
    console.log(`report: ${relative(process.cwd(), page)}`);
    return 0;
  }
  if (hasResults(dir)) {
    // A plain results folder: the page goes beside the other reports, the folder stays untouched.
    const out = resolve("reports/html");
    mkdirSync(out, { recursive: true });
    const page = writeHtml(out, "Allure results", dir);
    console.log(`report: ${relative(process.cwd(), page)}`);
    return 0;
  }
  console.error(
    `report: no Allure results in ${shown} (nor in ${join(shown, "allure-results")}): run npm run certify first, or name the folder it wrote`,
  );
  return 2;
}

process.exitCode = main();
