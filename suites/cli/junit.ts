// junit.xml for CI: one <testsuite> per area, one <testcase> per case (classname the
// area and operation), <failure> for a broken rule, <error> for a harness fault,
// <skipped> with its reason; a case a failed setup kept from running is an <error> naming
// that setup, and each failed setup is a <testcase> of its own in a "setup" suite.
import type { CaseOutcome, Tally } from "./run-suites.ts";

const esc = (s: string) =>
  s
    .replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c] ?? c)
    .replace(
      // XML 1.0 has no place for most control characters.
      // biome-ignore lint/suspicious/noControlCharactersInRegex: they are what is removed
      /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g,
      "",
    );

export function junitXml(title: string, t: Tally): string {
  const byArea = new Map<string, CaseOutcome[]>();
  for (const c of t.cases) {
    const area = c.rule?.area ?? c.name.split(" > ")[0] ?? "other";
    byArea.set(area, [...(byArea.get(area) ?? []), c]);
  }
  const count = (cs: readonly CaseOutcome[], s: CaseOutcome["state"]) => cs.filter((c) => c.state === s).length;
  const suites = [...byArea].map(([area, cs]) => {
    const cases = cs.map((c) => {
      const classname = esc(c.rule ? `${c.rule.area} / ${c.rule.operation}` : area);
      const open = `    <testcase classname="${classname}" name="${esc(c.name)}">`;
      const body = [c.why ?? "", ...(c.detail ?? [])].join("\n");
      if (c.state === "failed")
        return `${open}\n      <failure message="${esc(c.why ?? "")}">${esc(body)}</failure>\n    </testcase>`;
      if (c.state === "harness" || c.state === "notRun")
        return `${open}\n      <error message="${esc(c.why ?? "")}">${esc(body)}</error>\n    </testcase>`;
      if (c.state === "skipped") return `${open}\n      <skipped message="${esc(c.why ?? "")}"/>\n    </testcase>`;
      if (c.state === "known")
        return `${open}\n      <skipped message="${esc(`known failure: ${c.why ?? ""}`)}"/>\n    </testcase>`;
      return `${open}</testcase>`;
    });
    return [
      `  <testsuite name="${esc(area)}" tests="${cs.length}" failures="${count(cs, "failed")}" errors="${count(cs, "harness") + count(cs, "notRun")}" skipped="${count(cs, "skipped") + count(cs, "known")}">`,
      ...cases,
      "  </testsuite>",
    ].join("\n");
  });
  const setupFailed = t.setups.filter((s) => !s.harness).length;
  if (t.setups.length > 0)
    suites.push(
      [
        `  <testsuite name="setup" tests="${t.setups.length}" failures="${setupFailed}" errors="${t.setups.length - setupFailed}" skipped="0">`,
        ...t.setups.map((s) => {
          const tag = s.harness ? "error" : "failure";
          return `    <testcase classname="setup" name="${esc(s.where)}">\n      <${tag} message="${esc(s.why)}">${esc(`${s.cases} case(s) not run: ${s.why}`)}</${tag}>\n    </testcase>`;
        }),
        "  </testsuite>",
      ].join("\n"),
    );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${esc(title)}" tests="${t.cases.length + t.setups.length}" failures="${t.failed + setupFailed}" errors="${t.harness + t.notRun + t.setups.length - setupFailed}" skipped="${t.skipped + t.known}" time="${t.seconds.toFixed(1)}">`,
    ...suites,
    "</testsuites>",
    "",
  ].join("\n");
}
