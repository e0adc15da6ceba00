// `npm run docs -- [--profile FILE] [--out FILE|-] [--check]`: renders the rules
// document (docs/rules.md) and the README's generated blocks (the table of chosen
// rules; each command's settings table) from a profile and the command tables.
//   no flags          the default profile into docs/rules.md and README.md
//   --profile FILE    another profile's rules document, to --out (default: stdout)
//   --out FILE|-      where the rules document goes (then the README is left alone)
//   --check           write nothing; exit 1 if a file differs from what would be generated
// Exit codes: 0 done (or up to date), 1 --check found a difference, 2 bad settings or profile.
// The entry point is suites/cli/docs.ts, which adds certify's table (the simulator never
// imports the suites).
import { readFileSync, writeFileSync } from "node:fs";
import { relative, resolve } from "node:path";
import { DEFAULT_PROFILE, FIXTURES, loadProfile } from "../model/load.ts";
import type { Model } from "../model/model.ts";
import { withChosenRules } from "../model/readme.ts";
import { renderRules } from "../model/rules-doc.ts";
import { serverFacts } from "./docs-facts.ts";
import { EXPORT } from "./export-settings.ts";
import { LISTEN } from "./listen-settings.ts";
import { readCli } from "./settings/cli.ts";
import { type Command, defineCommand } from "./settings/command.ts";
import { onOff, path } from "./settings/parsers.ts";
import { withSettingsBlocks } from "./settings/usage.ts";
import { SIMULATE } from "./simulate-settings.ts";
import { STRESS } from "./stress-settings.ts";

export const ROOT = resolve(FIXTURES, "..");
export const RULES_DOC = resolve(ROOT, "docs/rules.md");
export const README = resolve(ROOT, "README.md");

/** The commands whose settings tables the README shows; certify's entry point adds its own. */
export const SIMULATOR_COMMANDS: readonly Command<unknown>[] = [
  SIMULATE,
  LISTEN,
  EXPORT as Command<unknown>,
  STRESS as Command<unknown>,
];

interface DocsValues {
  profile: string;
  out: string | undefined;
  check: boolean;
}

export const DOCS = defineCommand<DocsValues>({
  name: "docs",
  invocation: "npm run docs --",
  summary: "Renders docs/rules.md and the README's generated blocks (chosen rules, settings tables) from a profile.",
  envPrefix: "NEXERA_DOCS_",
  settings: {
    profile: {
      flag: "profile",
      parse: path(),
      default: DEFAULT_PROFILE,
      defaultText: "`fixtures/profile/nexera.json`",
      help: "the profile to render; another than the default goes to standard output unless --out is given",
    },
    out: { flag: "out", parse: path("FILE|-"), help: 'where the rules document goes ("-": standard output)' },
    check: { flag: "check", parse: onOff, default: false, help: "write nothing; exit 1 if a file would change" },
  },
});

/** How the rules document names a profile: relative to the repository when it is inside it. */
export function profileLabel(file: string): string {
  const rel = relative(ROOT, resolve(file));
  return rel.startsWith("..") ? file : rel;
}

/** The files `npm run docs` keeps for a profile (the default one: docs/rules.md and README.md). */
export function generatedFiles(
  model: Model,
  profilePath: string,
  commands: readonly Command<unknown>[],
  out?: string,
): Map<string, string> {
  const rules = renderRules(model, serverFacts(), profileLabel(profilePath));
  if (out !== undefined) return new Map([[out === "-" ? "-" : resolve(out), rules]]);
  const readme = withSettingsBlocks(withChosenRules(readFileSync(README, "utf8"), model), commands);
  return new Map([
    [RULES_DOC, rules],
    [README, readme],
  ]);
}

/** Runs the docs command over `commands`' settings tables; returns the exit code. */
export function main(argv: readonly string[], commands: readonly Command<unknown>[] = SIMULATOR_COMMANDS): number {
  const read = readCli(DOCS, argv);
  if ("exit" in read) return read.exit;
  const { profile, check } = read.values;
  // Another profile never overwrites the repository's own docs unless asked to.
  const out = read.values.out ?? (resolve(profile) === DEFAULT_PROFILE ? undefined : "-");
  if (check && out === "-") {
    process.stderr.write("docs: --check compares files; give --out FILE\n");
    return 2;
  }
  let files: Map<string, string>;
  try {
    files = generatedFiles(loadProfile(profile), profile, commands, out);
  } catch (e) {
    process.stderr.write(`docs: ${(e as Error).message}\n`);
    return 2;
  }
  let differs = false;
  for (const [file, text] of files) {
    if (file === "-") {
      process.stdout.write(text);
      continue;
    }
    const before = readOrEmpty(file);
    const rel = relative(process.cwd(), file);
    const shown = rel === "" || rel.startsWith("..") ? file : rel;
    if (before === text) process.stderr.write(`${shown} is up to date\n`);
    else if (check) {
      differs = true;
      process.stderr.write(`${shown} differs from what npm run docs generates\n`);
    } else {
      writeFileSync(file, text);
      process.stderr.write(`updated ${shown}\n`);
    }
  }
  return differs ? 1 : 0;
}

function readOrEmpty(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}
