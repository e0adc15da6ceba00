// Opens one HTML file in headless Chromium (Debian's, driven by playwright-core: no
// browser download) with a fresh profile, records every request and console error,
// waits for Allure's app to render its totals, reads them and takes a screenshot.
// It judges nothing: browse-checks.ts does (docs/decisions/0011-report-in-a-browser.md).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { type ConsoleError, isAllowedRequest, SHOWN_STATUSES, type ShownTexts } from "./browse-checks.ts";

/** The flags the project's machines need (docs/decisions/0011): no sandbox as root, nothing fetched by Chromium itself. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
] as const;

export interface BrowseOptions {
  readonly chromium: string;
  readonly screenshot: string;
  readonly timeoutMs: number;
}

export interface Browsed {
  readonly browserVersion: string;
  readonly pageUrl: string;
  /** Every URL the page asked for, in order (the blocked ones included). */
  readonly requests: readonly string[];
  readonly consoleErrors: readonly ConsoleError[];
  /** The totals' texts, or why they could not be read (the app did not render in time, say). */
  readonly shown: ShownTexts | { readonly problem: string };
}

/** Thrown when Chromium does not start: the command's exit 3. */
export class BrowserStartError extends Error {
  override name = "BrowserStartError";
}

const testId = (id: string) => `[data-testid="${id}"]`;
const TOTAL = `${testId("metadata-item-total")} ${testId("metadata-value")}`;

export async function browse(file: string, o: BrowseOptions): Promise<Browsed> {
  const profile = mkdtempSync(join(tmpdir(), "nexera-chromium-"));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: o.chromium,
      headless: true,
      args: [...CHROMIUM_ARGS],
      // Tall enough for the header, the environment and the first level of the tree in one shot.
      viewport: { width: 1280, height: 1000 },
      serviceWorkers: "block",
      offline: true,
      timeout: 60_000,
    });
  } catch (e) {
    rmSync(profile, { recursive: true, force: true });
    throw new BrowserStartError((e as Error).message.split("\n")[0] ?? String(e));
  }
  const pageUrl = pathToFileURL(file).href;
  const requests: string[] = [];
  const consoleErrors: ConsoleError[] = [];
  try {
    context.on("request", (r) => requests.push(r.url()));
    // What may not be asked for is also refused, so a bad page cannot reach out while it is checked.
    await context.route("**/*", (route) =>
      isAllowedRequest(route.request().url(), pageUrl) ? route.continue() : route.abort("blockedbyclient"),
    );
    const page = context.pages()[0] ?? (await context.newPage());
    page.on("websocket", (w) => requests.push(w.url()));
    page.on("console", (m) => {
      // The location of a failed load is the resource's URL: browse-checks.ts tells it from the page's own errors.
      if (m.type() === "error") consoleErrors.push({ text: m.text(), url: m.location().url });
    });
    page.on("pageerror", (e) => consoleErrors.push({ text: `page error: ${e.message.split("\n")[0]}`, url: pageUrl }));
    const shown = await page.goto(pageUrl, { waitUntil: "load", timeout: o.timeoutMs }).then(
      () => readTotals(page, o.timeoutMs),
      (e: Error) => ({ problem: `the page did not load: ${e.message.split("\n")[0]}` }),
    );
    // The app scrolls its own container (not the window): back to the top, so the shot starts at the totals.
    // (Code run in the page is a string: the project's types have no DOM.)
    await page.evaluate("for (const el of document.querySelectorAll('*')) if (el.scrollTop > 0) el.scrollTop = 0");
    await page.screenshot({ path: o.screenshot, fullPage: true });
    // A persistent context has no Browser object to ask, and the user agent rounds the version.
    const cdp = await context.newCDPSession(page);
    const browserVersion = (await cdp.send("Browser.getVersion")).product.replace(/^\D+\//, "");
    return { browserVersion, pageUrl, requests, consoleErrors, shown };
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

async function readTotals(page: Page, timeoutMs: number): Promise<Browsed["shown"]> {
  try {
    await page.locator(TOTAL).waitFor({ state: "visible", timeout: timeoutMs });
    await page.locator(testId("nav-tab-globalErrors")).waitFor({ state: "visible", timeout: timeoutMs });
  } catch {
    return { problem: `the report did not render its totals within ${Math.round(timeoutMs / 1000)} s` };
  }
  const text = async (selector: string) => {
    const l = page.locator(selector);
    if ((await l.count()) === 0) return null;
    // biome-ignore lint/performance/useDomNodeTextContent: Playwright's locator: the text as drawn, what a person reads
    return (await l.first().innerText()).trim();
  };
  const statuses = Object.fromEntries(
    await Promise.all(
      SHOWN_STATUSES.map(async (s) => [s, await text(`${testId(`metadata-item-${s}`)} ${testId("metadata-value")}`)]),
    ),
  ) as Record<(typeof SHOWN_STATUSES)[number], string | null>;
  return { total: await text(TOTAL), ...statuses, globalErrors: await text(testId("nav-tab-globalErrors")) };
}
