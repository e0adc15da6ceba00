// `npm run report:browse` settings: which run folder, which Chromium, where the
// screenshot goes, how long the app may take to render. Apart from the command, so
// the README's table is generated without loading the browser driver.
import { join, resolve } from "node:path";
import { defineCommand } from "../../simulator/cli/settings/command.ts";
import { duration, path } from "../../simulator/cli/settings/parsers.ts";

export interface BrowseValues {
  dir: string;
  chromium: string;
  screenshot: string;
  timeout: number;
}

export const BROWSE = defineCommand<BrowseValues>({
  name: "report:browse",
  invocation: "npm run report:browse --",
  summary:
    "Opens a certify run's index.html from disk in headless Chromium, offline, and checks that the report shows the\n" +
    "totals of the run's summary.json, asks for nothing outside the file and logs no error; saves a screenshot.\n" +
    "Exit 0 when every check is met, 1 naming each failed one, 2 for bad settings, 3 when Chromium cannot start or\n" +
    "fails during the check.",
  envPrefix: "NEXERA_BROWSE_",
  settings: {
    dir: {
      flag: "dir",
      parse: path("DIR"),
      positional: true,
      default: (_, cwd) => resolve(cwd, "reports/certify"),
      defaultText: "`reports/certify` (certify's run folder)",
      help: "a certify run's folder: its index.html is opened, its summary.json gives the totals",
    },
    chromium: {
      flag: "chromium",
      parse: path("FILE"),
      // The one name a machine sets once for every Chromium it uses, so it carries no command prefix.
      env: "NEXERA_CHROMIUM",
      default: "/usr/bin/chromium",
      help: "the Chromium binary, driven by playwright-core (Debian's: apt-get install chromium)",
    },
    screenshot: {
      flag: "screenshot",
      parse: path("FILE"),
      default: (given, cwd) => join(given.dir ?? resolve(cwd, "reports/certify"), "report.png"),
      defaultText: "report.png in the run's folder",
      help: "where the full-page PNG of the report goes",
    },
    timeout: {
      flag: "timeout",
      parse: duration,
      default: 60_000,
      defaultText: "`60s`",
      help: "how long the report may take to load and show its totals",
    },
  },
});
