// `npm run docs -- [--profile FILE] [--out FILE|-] [--check]`: renders the rules
// document (docs/rules.md) and the README's table of chosen rules from a profile.
//   no flags          the default profile into docs/rules.md and README.md
//   --profile FILE    another profile's rules document, to --out (default: stdout)
//   --out FILE|-      where the rules document goes (then the README is left alone)
//   --check           write nothing; exit 1 if a file differs from what would be generated
// Exit codes: 0 done (or up to date), 1 --check found a difference, 2 bad flags or profile.
import { readFileSync, writeFileSync } from "node:fs";
import { relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { DEFAULT_PROFILE, FIXTURES, loadProfile } from "../model/load.ts";
import type { Model } from "../model/model.ts";
import { withChosenRules } from "../model/readme.ts";
import { renderRules } from "../model/rules-doc.ts";
import { serverFacts } from "./docs-facts.ts";

export const ROOT = resolve(FIXTURES, "..");
export const RULES_DOC = resolve(ROOT, "docs/rules.md");
export const README = resolve(ROOT, "README.md");

const USAGE = `usage: npm run docs -- [--profile FILE] [--out FILE|-] [--check]
  (no flags)       write docs/rules.md and the README's chosen rules from ${relative(ROOT, DEFAULT_PROFILE)}
  --profile FILE   render another profile's rules document (to standard output unless --out)
  --out FILE|-     where the rules document goes ("-": standard output); the README is then left alone
  --check          write nothing; exit 1 if a file differs from what would be generated`;

/** How the rules document names a profile: relative to the repository when it is inside it. */
export function profileLabel(path: string): string {
  const rel = relative(ROOT, resolve(path));
  return rel.startsWith("..") ? path : rel;
}

/** The files `npm run docs` keeps for a profile (the default one: docs/rules.md and README.md). */
export function generatedFiles(model: Model, profilePath: string, out?: string): Map<string, string> {
  const rules = renderRules(model, serverFacts(), profileLabel(profilePath));
  if (out !== undefined) return new Map([[out === "-" ? "-" : resolve(out), rules]]);
  return new Map([
    [RULES_DOC, rules],
    [README, withChosenRules(readFileSync(README, "utf8"), model)],
  ]);
}

export function main(argv: readonly string[]): number {
  let flags: {
    profile?: string | undefined;
    out?: string | undefined;
    check?: boolean | undefined;
    help?: boolean | undefined;
  };
  try {
    flags = parseArgs({
      args: [...argv],
      options: {
        profile: { type: "string" },
        out: { type: "string" },
        check: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (e) {
    process.stderr.write(`docs: ${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (flags.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const profile = flags.profile ?? DEFAULT_PROFILE;
  const isDefault = resolve(profile) === DEFAULT_PROFILE;
  // Another profile never overwrites the repository's own docs unless asked to.
  const out = flags.out ?? (isDefault ? undefined : "-");
  if (flags.check && out === "-") {
    process.stderr.write(`docs: --check compares files; give --out FILE\n${USAGE}\n`);
    return 2;
  }
  let files: Map<string, string>;
  try {
    files = generatedFiles(loadProfile(profile), profile, out);
  } catch (e) {
    process.stderr.write(`docs: ${(e as Error).message}\n`);
    return 2;
  }
  let differs = false;
  for (const [path, text] of files) {
    if (path === "-") {
      process.stdout.write(text);
      continue;
    }
    const before = readOrEmpty(path);
    const rel = relative(process.cwd(), path);
    const shown = rel === "" || rel.startsWith("..") ? path : rel;
    if (before === text) process.stderr.write(`${shown} is up to date\n`);
    else if (flags.check) {
      differs = true;
      process.stderr.write(`${shown} differs from what npm run docs generates\n`);
    } else {
      writeFileSync(path, text);
      process.stderr.write(`updated ${shown}\n`);
    }
  }
  return differs ? 1 : 0;
}

function readOrEmpty(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = main(process.argv.slice(2));
}
