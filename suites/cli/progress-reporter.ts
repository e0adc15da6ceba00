// certify's quiet reporter (vitest's own per-case list is `--verbose`): on a terminal,
// one live line (the area running, cases done of those collected, failures so far);
// without one (CI, a file), one plain line per suite file as it ends, no control codes.
import type { Reporter, TestCase, TestModule } from "vitest/node";

export class ProgressReporter implements Reporter {
  private done = 0;
  private failed = 0;
  private collected = 0;
  private area = "";
  private last = 0;
  private readonly tty = process.stdout.isTTY === true;

  onTestModuleCollected(m: TestModule): void {
    this.collected += [...m.children.allTests()].length;
  }

  onTestCaseResult(test: TestCase): void {
    this.done++;
    if (test.result().state === "failed") this.failed++;
    this.area = test.meta().rule?.area ?? this.area;
    if (!this.tty) return;
    const now = Date.now();
    if (now - this.last < 100) return;
    this.last = now;
    const line = `${this.area || "starting"}: ${this.done}/${this.collected} cases, ${this.failed} failed`;
    process.stdout.write(`\r\x1b[K${line.slice(0, (process.stdout.columns ?? 100) - 1)}`);
  }

  onTestModuleEnd(m: TestModule): void {
    if (this.tty) return;
    const tests = [...m.children.allTests()].map((t) => t.result().state);
    const count = (s: string) => tests.filter((x) => x === s).length;
    process.stdout.write(
      `${m.moduleId.replace(/^.*\/suites\//, "suites/")}: ${count("passed")} passed, ${count("failed")} failed, ${count("skipped")} skipped\n`,
    );
  }

  onTestRunEnd(): void {
    if (this.tty) process.stdout.write("\r\x1b[K");
  }
}
