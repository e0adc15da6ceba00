// docs/ci: the GitHub Actions workflow and the GitLab CI job parse as YAML, hand certify
// its settings under certify's own variable names, keep reports/certify/ whatever the
// outcome, and fail the job with certify's exit code, saying which kind of failure it is.
// The shell they run is run here too, with certify replaced by a given exit code.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { ROOT } from "../../simulator/cli/docs.ts";
import { CERTIFY } from "./certify-settings.ts";

// biome-ignore lint/suspicious/noExplicitAny: parsed YAML, read by path in assertions
type Yaml = any;

function load(file: string): { text: string; doc: Yaml } {
  const text = readFileSync(join(ROOT, "docs/ci", file), "utf8");
  const parsed = parseDocument(text, { prettyErrors: true });
  expect(
    [...parsed.errors, ...parsed.warnings].map((e) => e.message),
    file,
  ).toEqual([]);
  return { text, doc: parsed.toJS() };
}

const github = load("github-actions.yml");
const gitlab = load("gitlab-ci.yml");
const envOf = (name: string) => CERTIFY.rows.find((r) => r.name === name)!.env;
/** The four settings a CI run takes from secrets. */
const SECRET = ["target", "credentials", "secondCredentials", "tokenUrl"].map(envOf);

/** Runs a job's shell with certify replaced by `(exit code)`; bash -e as both CI systems run it. */
function shell(script: string, code: number, env: Record<string, string>) {
  const replaced = script.replace("npm run -s certify", `(exit ${code})`);
  expect(replaced).not.toBe(script);
  const r = spawnSync("bash", ["-e", "-o", "pipefail", "-c", replaced], { env: { PATH: process.env.PATH, ...env } });
  return { exit: r.status, out: String(r.stdout) };
}

const certifyStep = () => github.doc.jobs.certify.steps.find((s: Yaml) => String(s.run).includes("certify"));

describe.each([
  ["github-actions.yml", () => String(certifyStep().run)],
  ["gitlab-ci.yml", () => String(gitlab.doc.certify.script.join("\n"))],
])("%s", (file, script) => {
  const { text } = file === "github-actions.yml" ? github : gitlab;

  it("names only certify's own environment variables", () => {
    const named = new Set(text.match(/\bNEXERA_[A-Z_]+\b/g));
    const known = new Set(CERTIFY.rows.map((r) => r.env));
    expect([...named].filter((n) => !known.has(n))).toEqual([]);
    for (const name of SECRET) expect(named).toContain(name);
  });

  const MEANING: ReadonlyArray<readonly [number, RegExp]> = [
    [0, /conforms to the profile/i],
    [1, /not conformant/i],
    [2, /bad settings/i],
    [3, /harness fault/i],
  ];
  it.each(MEANING)(
    "ends the job with certify's exit code %i and says what it means, and nothing else",
    (code, says) => {
      const r = shell(script(), code, { NEXERA_TARGET: "https://nexera.example/api" });
      expect(r.exit).toBe(code);
      expect(MEANING.filter(([, m]) => m.test(r.out)).map(([c]) => c)).toEqual([code]);
      expect(r.out).toMatch(says);
    },
  );

  it("refuses to run without a target rather than certify the embedded simulator", () => {
    const r = shell(script(), 0, {});
    expect(r.exit).toBe(2);
    expect(r.out).toContain("NEXERA_TARGET");
  });
});

it("GitHub: installs with npm ci, certifies with the four secrets, and keeps reports/certify/ whatever the outcome", () => {
  const job = github.doc.jobs.certify;
  const steps: Yaml[] = job.steps;
  expect(steps.findIndex((s) => s.run === "npm ci")).toBeLessThan(steps.indexOf(certifyStep()));
  for (const name of SECRET) expect(job.env[name]).toBe(`\${{ secrets.${name} }}`);
  const upload = steps.find((s) => String(s.uses).startsWith("actions/upload-artifact@"));
  expect(upload.if).toBe("always()");
  expect(upload.with.path).toContain("reports/certify/");
});

it("GitHub: merges every machine's Allure results into one folder before the report", () => {
  const job = github.doc.jobs.report;
  expect([job.needs, job.if]).toEqual(["certify", "always()"]);
  const pattern = job.steps.find((s: Yaml) => String(s.uses).startsWith("actions/download-artifact@")).with.pattern;
  expect(pattern.replace("*", "0")).toBe(
    github.doc.jobs.certify.steps
      .find((s: Yaml) => String(s.uses).startsWith("actions/upload-artifact@"))
      .with.name.replace(/\$\{\{ strategy\.job-index \}\}/, "0"),
  );
  const dir = mkdtempSync(join(tmpdir(), "nexera-ci-"));
  // One artifact with the HTML report beside the results, one without it (rooted lower).
  for (const [folder, file] of [
    ["downloaded/certify-results-0/certify/allure-results", "a-result.json"],
    ["downloaded/certify-results-1/allure-results", "b-result.json"],
  ] as const) {
    mkdirSync(join(dir, folder), { recursive: true });
    writeFileSync(join(dir, folder, file), "{}");
  }
  const merge = String(job.steps.find((s: Yaml) => String(s.run).includes("merged")).run);
  const r = spawnSync("bash", ["-e", "-c", merge.replace("npm run -s report -- merged", "true")], { cwd: dir });
  expect(r.status).toBe(0);
  expect(readdirSync(join(dir, "merged")).sort()).toEqual(["a-result.json", "b-result.json"]);
});

it("GitLab: installs with npm ci, keeps reports/certify/ whatever the outcome, and reports over every job's results", () => {
  expect(gitlab.doc.default.before_script).toContain("npm ci --cache .npm --prefer-offline");
  expect(gitlab.doc.certify.artifacts).toMatchObject({ when: "always" });
  expect(gitlab.doc.certify.artifacts.paths).toContain("reports/certify/");
  expect(gitlab.doc.report).toMatchObject({
    stage: "report",
    when: "always",
    needs: [{ job: "certify", artifacts: true }],
  });
  expect(gitlab.doc.report.script).toEqual(["npm run -s report -- reports/certify/allure-results"]);
});
