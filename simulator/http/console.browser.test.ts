// The console in a real browser: Debian's Chromium driven by playwright-core, against a
// simulator and an operator listener on real sockets (port 0). A user opens the console,
// sees a ticket created through the API appear, drives it from its first state to closed by
// clicking (the first move by keyboard), and sees every event and its delivery on the
// timeline. The page fetches nothing outside the simulator and logs no error; screenshots
// go to reports/console/. Without Chromium (NEXERA_CHROMIUM, default /usr/bin/chromium)
// the tests are skipped, saying so; .ci/run installs it.
import { existsSync, mkdirSync } from "node:fs";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { providerPath } from "../core/testing.ts";
import { received, receivedAtLeast, start, startListener } from "../listener/testing.ts";
import { sampleTicket } from "../model/sample.ts";
import type { Timeline } from "./console-api.ts";
import { ALICE, BASE, basic, build, CONTROL, model, TICKETS } from "./testing.ts";
import { createTrafficRecorder } from "./traffic.ts";

const CHROMIUM = process.env.NEXERA_CHROMIUM ?? "/usr/bin/chromium";
const present = existsSync(CHROMIUM);
const SHOTS = "reports/console";
const lc = model.lifecycle;
/** The issue's "from submitted to closed": closed is one of the profile's final states. */
const CLOSED = "closed";

let browser: Browser | undefined;
beforeAll(async () => {
  if (!present) return;
  mkdirSync(SHOTS, { recursive: true });
  // playwright-core gives each launch a fresh profile (user-data-dir) of its own.
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-sync"],
  });
}, 60_000);
afterAll(() => browser?.close());

async function api(url: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: basic(ALICE), ...(body !== undefined ? { "content-type": "application/json" } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  if (res.status >= 300) throw new Error(`${method} ${path} answered ${res.status}: ${await res.text()}`);
  return res.status === 204 ? undefined : ((await res.json()) as Record<string, unknown>);
}

/** What the page shows of its ticket's status. */
const statusShown = (page: Page, status: string) =>
  page.locator("[data-testid=status]", { hasText: new RegExp(`^${status}$`) }).waitFor();

describe.skipIf(!present)(
  `the console in Chromium${present ? "" : ` (skipped: no Chromium at ${CHROMIUM}; .ci/run installs Debian's chromium)`}`,
  () => {
    it("is refused without credentials", async () => {
      const { url } = await start(build());
      const context = await browser!.newContext();
      const page = await context.newPage();
      const answered = page.waitForResponse(`${url}/__console`);
      // Headless, the browser gives up on the Basic challenge: the navigation fails, the answer was 401.
      await page.goto(`${url}/__console`).catch(() => undefined);
      expect((await answered).status()).toBe(401);
      expect(await page.getByRole("heading", { name: "Nexera console" }).count()).toBe(0);
      await context.close();
    });

    it("shows a new ticket live, drives it to closed by clicking, and shows every delivery", async () => {
      expect(lc.final.has(CLOSED)).toBe(true);
      const listener = await startListener(model);
      const { url } = await start(build({ events: { backoffBaseMs: 100, backoffMaxMs: 400 } }));
      await api(url, "POST", `${BASE}/${model.hubPath}`, { callback: listener.url });
      const context = await browser!.newContext({
        httpCredentials: { username: ALICE.user, password: ALICE.password },
        viewport: { width: 1100, height: 900 },
      });
      const page = await context.newPage();
      const requests: string[] = [];
      const errors: string[] = [];
      page.on("request", (r) => void requests.push(r.url()));
      page.on("console", (m) => void (m.type() === "error" && errors.push(m.text())));
      page.on("pageerror", (e) => void errors.push(String(e)));
      page.on("response", (r) => void (r.status() >= 400 && errors.push(`${r.status()} ${r.url()}`)));

      expect((await page.goto(`${url}/__console`))?.status()).toBe(200);
      await page.getByRole("heading", { name: "Tickets" }).waitFor();
      await page
        .getByRole("status")
        .filter({ hasText: /^live$/ })
        .waitFor(); // the event stream is open

      // A ticket created through the API appears without a reload.
      const name = `Line 42 down ${Date.now()}`;
      const created = await api(url, "POST", TICKETS, { ...sampleTicket(model, model.defaultTicketType), name });
      const id = String(created?.[model.idField]);
      await page.getByRole("link", { name }).waitFor();
      await page.screenshot({ path: `${SHOTS}/tickets.png` });
      await page.getByRole("link", { name }).click();
      await page.getByRole("heading", { name: new RegExp(name) }).waitFor();
      await statusShown(page, lc.initial);

      // Nexera's side, from the profile: the first move by keyboard, the others by clicking.
      const steps = providerPath(lc.initial, CLOSED);
      expect(steps.at(-1)).toBe(CLOSED);
      await page.getByLabel("Reason for the move").fill("seen by staff");
      await page.keyboard.press("Tab");
      expect(await page.evaluate("document.activeElement?.textContent")).toBe(`Move to ${steps[0]}`);
      await page.keyboard.press("Enter");
      await statusShown(page, steps[0]!);
      for (const [i, to] of steps.slice(1).entries()) {
        if (i === 0) {
          // Nexera's fields, through the form derived from the profile's providerFields.
          await page.getByLabel("severity").selectOption("Low");
          await page.getByRole("button", { name: "Set fields" }).click();
          await page.getByText("fields: severity").waitFor();
        }
        await page.getByRole("button", { name: `Move to ${to}` }).click();
        await statusShown(page, to);
      }
      await page.getByText(`The profile gives Nexera no move from ${CLOSED}.`).waitFor();

      // Every event reached the listener, and the timeline shows each delivery as it happened.
      const timeline = (await api(url, "GET", `${CONTROL}/${id}/timeline`)) as unknown as Timeline;
      const events = timeline.changes.flatMap((c) => c.events);
      expect(events.length).toBeGreaterThanOrEqual(steps.length + 1);
      await receivedAtLeast(listener.url, events.length, (r) => r.ticketId === id);
      await page.waitForFunction(
        `document.querySelectorAll("li.event tr.outcome-delivered").length >= ${events.length}`,
      );
      const shown = await page.evaluate(`[...document.querySelectorAll("li.event")].map((li) => ({
        type: li.querySelector("code")?.textContent,
        delivered: [...li.querySelectorAll("tr.outcome-delivered td:nth-child(4)")].map((td) => td.textContent),
      }))`);
      expect(shown).toEqual(events.map((e) => ({ type: e.eventType, delivered: ["200"] })));
      const listened = (await received(listener.url, `ticketId=${id}`)).map((r) => r.eventType);
      expect(listened).toEqual(events.map((e) => e.eventType));
      const by = await page.evaluate(`[...document.querySelectorAll("li.change .by")].map((s) => s.textContent)`);
      expect(by).toEqual(["operator API", ...Array.from({ length: steps.length + 1 }, () => "console")]);
      await page.screenshot({ path: `${SHOTS}/timeline.png`, fullPage: true });
      // The README's picture (docs/console.png is a copy): Nexera's side and the story's start, under 200 KB.
      await page.screenshot({
        path: `${SHOTS}/readme.png`,
        fullPage: true,
        clip: { x: 0, y: 0, width: 1100, height: 1150 },
      });

      // Accessibility basics: every control labelled, readable contrast.
      expect(await page.evaluate(UNLABELLED_CONTROLS)).toEqual([]);
      expect(await page.evaluate(LOW_CONTRAST)).toEqual([]);

      await page.getByRole("link", { name: "Deliveries" }).click();
      await page.getByRole("heading", { name: "Subscriptions and deliveries" }).waitFor();
      await page.getByText(listener.url).waitFor();
      await page.screenshot({ path: `${SHOTS}/deliveries.png`, fullPage: true });

      // Reset, asked twice, empties the list.
      await page.getByRole("button", { name: "Reset the simulator…" }).click();
      await page.getByRole("button", { name: "Reset now" }).click();
      await page.getByText("0 tickets").waitFor();

      expect(requests.filter((u) => !u.startsWith(`${url}/`))).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    }, 120_000);

    it("shows the client role's verdict as the client's requests arrive", async () => {
      const { url } = await start(build({ traffic: createTrafficRecorder() }));
      const context = await browser!.newContext({
        httpCredentials: { username: ALICE.user, password: ALICE.password },
      });
      const page = await context.newPage();
      await page.goto(`${url}/__console#/client`);
      await page.getByText("No rule broken so far").waitFor();
      const checklist = page.getByRole("region", { name: "Operations" });
      expect(await checklist.getByText("not exercised:").count()).toBeGreaterThan(0);
      const res = await fetch(`${url}${TICKETS}`, {
        method: "POST",
        headers: { authorization: basic(ALICE), "content-type": "application/json" },
        body: JSON.stringify({ ...sampleTicket(model, model.defaultTicketType), colour: "red" }),
      });
      expect(res.status).toBe(400);
      // No reload: the stream told the page, which lists the rule among those broken.
      await page.locator("ul.broken strong", { hasText: "colour is not a field of TroubleTicket" }).waitFor();
      await page.getByText(/^\d+ rule\(s\) broken/).waitFor();
      await page.screenshot({ path: `${SHOTS}/client.png`, fullPage: true });
      await context.close();
    });
  },
);

// In-page checks, as scripts: this file is type-checked for Node, without the DOM.

/** Inputs and selects without a label, buttons and links without a name. */
const UNLABELLED_CONTROLS = `(() => {
  const out = [];
  for (const el of document.querySelectorAll("input, select"))
    if ((el.labels?.length ?? 0) === 0 && !el.getAttribute("aria-label")) out.push(el.outerHTML);
  for (const el of document.querySelectorAll("button, a[href]"))
    if (!(el.textContent ?? "").trim() && !el.getAttribute("aria-label")) out.push(el.outerHTML);
  return out;
})()`;

/** Visible text whose contrast with its background is under 4.5:1, WCAG's AA for body text. */
const LOW_CONTRAST = `(() => {
  const rgb = (c) => (c.match(/[\\d.]+/g) ?? []).map(Number);
  const lum = ([r = 0, g = 0, b = 0]) => {
    const f = (v) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4);
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const background = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c.length === 3 || (c[3] ?? 0) > 0) return c;
    }
    return [255, 255, 255];
  };
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!el || !(n.textContent ?? "").trim() || el.getClientRects().length === 0) continue;
    if (el.closest(".sr-only, .skip")) continue;
    const [a, b] = [lum(rgb(getComputedStyle(el).color)), lum(background(el))];
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    if (ratio < 4.5) out.push(ratio.toFixed(2) + ": " + n.textContent.trim().slice(0, 40));
  }
  return out;
})()`;
