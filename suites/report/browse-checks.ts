// What a look at a run's index.html in a real browser must find (npm run report:browse):
// the run's totals as Allure 3 shows them, matched to summary.json's counts, and no
// request leaving the file. Pure: suites/report/browse.ts drives the browser and hands
// these functions what the page showed (docs/decisions/0011-report-in-a-browser.md).

/** The part of summary.json (suites/cli/summary-json.ts) the totals come from. */
export interface RunSummary {
  readonly counts: {
    readonly passed: number;
    readonly failed: number;
    readonly harness: number;
    readonly skipped: number;
    readonly known: number;
    readonly notRun: number;
  };
  /** Each file or group whose beforeAll or afterAll threw (its cases are the notRun ones). */
  readonly setups: readonly unknown[];
  /** Set when the target stopped answering and the run was stopped. */
  readonly lost?: unknown;
}

const COUNT_KEYS = ["passed", "failed", "harness", "skipped", "known", "notRun"] as const;

/** summary.json's text as a RunSummary, or what is wrong with it. */
export function parseSummary(text: string): RunSummary | { readonly problem: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { problem: `not JSON (${(e as Error).message})` };
  }
  const d = data as { counts?: Record<string, unknown>; setups?: unknown };
  const missing = COUNT_KEYS.filter((k) => !Number.isSafeInteger(d?.counts?.[k]) || (d.counts?.[k] as number) < 0);
  if (missing.length > 0) return { problem: `counts.${missing.join(", counts.")} missing or not a count` };
  if (!Array.isArray(d.setups)) return { problem: "setups is not a list" };
  return data as RunSummary;
}

/**
 * Allure 3's awesome report shows, above the tree: Total, then one item per status that has
 * results (failed, broken, passed, skipped, unknown; a status with none is not shown, so
 * absent reads 0), and a "Global Errors N" tab for errors outside any test.
 */
export interface Shown {
  readonly total: number;
  readonly passed: number;
  readonly failed: number;
  readonly broken: number;
  readonly skipped: number;
  readonly unknown: number;
  readonly globalErrors: number;
}
export const SHOWN_STATUSES = ["failed", "broken", "passed", "skipped", "unknown"] as const;

/** The page's texts: `total` and each status item's value (null when absent), the Global Errors tab's label. */
export type ShownTexts = { readonly [K in "total" | (typeof SHOWN_STATUSES)[number] | "globalErrors"]: string | null };

/** The count a text ends with, as Allure prints it ("752", "1,234", "Global Errors 3"); NaN when none. */
const count = (s: string | null) => {
  if (s === null) return 0;
  const m = /(?:^|\D)(\d{1,3}(?:[,\u00a0\u202f ]\d{3})+|\d+)\s*$/.exec(s);
  return m ? Number(m[1]!.replace(/\D/g, "")) : Number.NaN;
};

/** The numbers the page shows, or the texts that were not numbers. */
export function readShown(t: ShownTexts): Shown | { readonly problem: string } {
  if (t.total === null) return { problem: "the page shows no Total" };
  if (t.globalErrors === null) return { problem: 'the page shows no "Global Errors" tab' };
  const shown = {
    total: count(t.total),
    failed: count(t.failed),
    broken: count(t.broken),
    passed: count(t.passed),
    skipped: count(t.skipped),
    unknown: count(t.unknown),
    globalErrors: count(t.globalErrors),
  };
  const bad = Object.entries(shown).filter(([, v]) => Number.isNaN(v));
  if (bad.length > 0)
    return {
      problem: `not a number: ${bad.map(([k]) => `${k} ${JSON.stringify(t[k as keyof ShownTexts])}`).join(", ")}`,
    };
  return shown;
}

type Compared = "Total" | "Passed" | "Failed + Broken" | "Skipped" | "Unknown" | "Global Errors";

/**
 * What the page must show for the run (allure-vitest writes one result per case, one global
 * error per failed hook): passed -> Passed; failed, harness and known -> Failed + Broken
 * (allure-vitest picks the status by the error's kind, not by the verdict: a known failure
 * failed in the run); skipped, and not run because a setup failed -> Skipped; each failed
 * setup -> one Global Error; nothing is Unknown. A run stopped because the target stopped
 * answering (`lost`) leaves its unfinished cases failed, skipped or unreported, so only
 * Passed and Unknown can be matched.
 */
export function expectedTotals(summary: RunSummary): Partial<Record<Compared, number>> {
  const c = summary.counts;
  if (summary.lost) return { Passed: c.passed, Unknown: 0 };
  return {
    Total: c.passed + c.failed + c.harness + c.skipped + c.known + c.notRun,
    Passed: c.passed,
    "Failed + Broken": c.failed + c.harness + c.known,
    Skipped: c.skipped + c.notRun,
    Unknown: 0,
    "Global Errors": summary.setups.length,
  };
}

/** The one-line verdicts of the totals: empty when the page shows what summary.json counts. */
export function totalsProblems(summary: RunSummary, shown: Shown): string[] {
  const actual: Record<Compared, number> = {
    Total: shown.total,
    Passed: shown.passed,
    "Failed + Broken": shown.failed + shown.broken,
    Skipped: shown.skipped,
    Unknown: shown.unknown,
    "Global Errors": shown.globalErrors,
  };
  const counted = `summary.json: ${COUNT_KEYS.map((k) => `${summary.counts[k]} ${k}`).join(", ")}, ${summary.setups.length} failed setup(s)`;
  return Object.entries(expectedTotals(summary))
    .filter(([k, v]) => actual[k as Compared] !== v)
    .map(([k, v]) => `totals: the page shows ${k} ${actual[k as Compared]}, expected ${v} (${counted})`);
}

/** What the page showed, in the words of its header, for the passing line. */
export function shownLine(s: Shown): string {
  const statuses = SHOWN_STATUSES.filter((k) => s[k] > 0).map((k) => `${k[0]!.toUpperCase()}${k.slice(1)} ${s[k]}`);
  return [`Total ${s.total}`, ...statuses, `Global Errors ${s.globalErrors}`].join(", ");
}

/**
 * A request the offline page may make: the page's own file (any #fragment), or data in
 * the page itself (data:, blob:). Anything else, http(s) or another file, reaches outside.
 */
export function isAllowedRequest(url: string, pageUrl: string): boolean {
  const bare = (u: string) => u.replace(/#.*$/s, "");
  if (/^(data|blob):/i.test(url)) return true;
  return bare(url) === bare(pageUrl);
}

/** The one-line verdicts of the requests seen: one per URL that reached outside the file. */
export function networkProblems(urls: readonly string[], pageUrl: string): string[] {
  const outside = [...new Set(urls.filter((u) => !isAllowedRequest(u, pageUrl)))];
  return outside.map((u) => `network: the page requested ${u.length > 200 ? `${u.slice(0, 200)}...` : u}`);
}

/** An error the page logged, with where it came from (a failed load names the resource). */
export interface ConsoleError {
  readonly text: string;
  readonly url: string;
}

/**
 * The one-line verdicts of the console: one per error, but for the "Failed to load resource"
 * that Chromium logs for each request refused above (networkProblems names it, with its URL).
 */
export function consoleProblems(errors: readonly ConsoleError[], pageUrl: string): string[] {
  const refused = (e: ConsoleError) =>
    e.text.startsWith("Failed to load resource") && !isAllowedRequest(e.url, pageUrl);
  return errors.filter((e) => !refused(e)).map((e) => `console: ${e.text}`);
}
