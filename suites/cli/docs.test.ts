// `npm run docs` keeps docs/rules.md and the README's generated blocks (chosen rules,
// every command's settings table) in step; these tests fail when running it would change a file.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { main as docsMain, generatedFiles, README, RULES_DOC } from "../../simulator/cli/docs.ts";
import { DEFAULT_PROFILE, loadProfile } from "../../simulator/model/load.ts";
import { COMMANDS } from "./commands.ts";

const main = (argv: readonly string[]) => docsMain(argv, COMMANDS);

const quiet = () => {
  vi.spyOn(process.stderr, "write").mockImplementation(() => true);
  return vi.spyOn(process.stdout, "write").mockImplementation(() => true);
};
afterEach(() => vi.restoreAllMocks());

describe("the generated docs (run npm run docs if these fail)", () => {
  const files = generatedFiles(loadProfile(), DEFAULT_PROFILE, COMMANDS);

  it("docs/rules.md is what npm run docs generates from the default profile", () => {
    expect(readFileSync(RULES_DOC, "utf8")).toBe(files.get(RULES_DOC));
  });

  it("the README's tables of chosen rules and of every command's settings are what npm run docs generates", () => {
    expect(readFileSync(README, "utf8")).toBe(files.get(README));
  });

  it("name nothing outside the repository", () => {
    for (const text of files.values()) expect(text).not.toMatch(/\.\.\/shared|shared\/spec|reading\.md/);
  });
});

describe("npm run docs", () => {
  const dir = mkdtempSync(join(tmpdir(), "docs-"));

  it("renders another profile to --out, and --check passes on the result", () => {
    quiet();
    const out = join(dir, "minimal.md");
    expect(main(["--profile", "fixtures/profile/variants/minimal.json", "--out", out])).toBe(0);
    expect(readFileSync(out, "utf8")).toContain("# Minimal variant profile");
    expect(main(["--profile", "fixtures/profile/variants/minimal.json", "--out", out, "--check"])).toBe(0);
  });

  it("--check exits 1 when the file differs, and leaves it alone", () => {
    quiet();
    const out = join(dir, "stale.md");
    writeFileSync(out, "stale\n");
    expect(main(["--out", out, "--check"])).toBe(1);
    expect(readFileSync(out, "utf8")).toBe("stale\n");
  });

  it("writes another profile to standard output unless --out is given", () => {
    const stdout = quiet();
    expect(main(["--profile", "fixtures/profile/variants/renamed.json"])).toBe(0);
    expect(String(stdout.mock.calls[0]?.[0])).toContain("`POST {base}/incident`");
  });

  it("exits 2 for an unknown flag, a broken profile, or --check without a file", () => {
    quiet();
    expect(main(["--nope"])).toBe(2);
    expect(main(["--profile", join(dir, "missing.json"), "--out", join(dir, "x.md")])).toBe(2);
    expect(main(["--profile", "fixtures/profile/variants/renamed.json", "--check"])).toBe(2);
  });
});
