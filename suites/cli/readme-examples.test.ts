// The README's examples that can be checked without running them: every npm script it
// names exists, every flag of a command line is one that command takes, every fault it
// names is in the catalogue, and every repository path it points at exists. (Its figures
// and outputs are copied from runs; the commands' behaviour is tested where it is built.)
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { README } from "../../simulator/cli/docs.ts";
import { parseFaults } from "../../simulator/cli/faults.ts";
import { ROOT } from "../../simulator/cli/testing.ts";
import { COMMANDS } from "./commands.ts";

const text = readFileSync(README, "utf8");
const scripts = Object.keys(
  (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: object }).scripts,
);

/** Every command line of the README's sh blocks, continuation lines joined, comments cut. */
const lines = [...text.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap(([, block]) =>
  (block ?? "")
    .replace(/\\\n\s*/g, " ")
    .split("\n")
    .map((l) => l.replace(/\s#.*$/, "").trim())
    .filter((l) => l !== "" && !l.startsWith("#")),
);
/** Each `npm run NAME -- args` invocation, inline code included, as [name, args]. */
const invocations = [...lines, ...[...text.matchAll(/`(npm run [^`]+)`/g)].map(([, c]) => c ?? "")].flatMap((l) =>
  [...l.matchAll(/npm run (?:-s )?([\w:]+)(?: -- ([^;&|]*))?/g)].map(
    ([, name, args]) => [name ?? "", args ?? ""] as const,
  ),
);

it("names only npm scripts the package has", () => {
  expect(invocations.length).toBeGreaterThan(20);
  expect([...new Set(invocations.map(([name]) => name))].filter((n) => !scripts.includes(n))).toEqual([]);
});

it("gives each command only flags it takes", () => {
  const unknown: string[] = [];
  for (const [name, args] of invocations) {
    const command = COMMANDS.find((c) => c.name === name);
    if (!command) continue;
    const flags = new Set(["help", ...command.rows.map((r) => r.flag), ...(command.configEnv ? ["config"] : [])]);
    for (const [, flag] of args.matchAll(/(?:^|\s)--(?:no-)?([a-z][\w-]*)/g))
      if (!flags.has(flag ?? "")) unknown.push(`npm run ${name} -- ... --${flag}`);
  }
  expect(unknown).toEqual([]);
});

it("names only faults of the catalogue, with arguments they take", () => {
  const named = [
    ...[...text.matchAll(/--misbehave '?([a-z][\w-]*(?::[^\s'`]+)?)/g)].map(([, f]) => f ?? ""),
    ...invocations
      .filter(([n]) => n === "certify:faults")
      .flatMap(([, a]) => a.split(/\s+/).filter((w) => /^[a-z]/.test(w))),
  ].filter((f) => f !== "list");
  expect(named.length).toBeGreaterThan(3);
  for (const f of named) expect(() => parseFaults([f]), f).not.toThrow();
});

it("points only at files and folders the repository has", () => {
  const paths = [
    ...[...text.matchAll(/\]\(((?:docs|examples|suites|simulator|fixtures)\/[^)#\s]*)/g)].map(([, p]) => p ?? ""),
    ...[...text.matchAll(/`((?:docs|examples|suites|simulator|fixtures|\.ci)\/[\w./-]*[\w/])`/g)].map(
      ([, p]) => p ?? "",
    ),
  ].filter((p) => !p.includes("*"));
  expect(paths.length).toBeGreaterThan(10);
  expect([...new Set(paths)].filter((p) => !existsSync(join(ROOT, p)))).toEqual([]);
});
