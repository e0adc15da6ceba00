// npm run report -- [RESULTS_DIR]: one offline HTML file, reports/html/index.html,
// from a folder of Allure results (suites/report/html.ts).
import { resolve } from "node:path";
import { readCli } from "../../simulator/cli/settings/cli.ts";
import { defineCommand } from "../../simulator/cli/settings/command.ts";
import { path } from "../../simulator/cli/settings/parsers.ts";
import { writeReport } from "../report/html.ts";

const REPORT = defineCommand<{ results: string }>({
  name: "report",
  invocation: "npm run report --",
  summary: "Writes one self-contained, offline HTML report (Allure) to reports/html/index.html.",
  envPrefix: "NEXERA_REPORT_",
  settings: {
    results: {
      flag: "results",
      parse: path("DIR"),
      positional: true,
      default: (_, cwd) => resolve(cwd, "reports/certify/allure-results"),
      defaultText: "`reports/certify/allure-results` (certify's)",
      help: "the folder of Allure results to report on",
    },
  },
});

const read = readCli(REPORT, process.argv.slice(2));
if ("exit" in read) process.exit(read.exit);
console.log(writeReport(read.values.results));
