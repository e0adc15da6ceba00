// npm run export: what it writes (the collection, the document the simulator serves),
// where (stdout, --out), and its settings (every bad one listed, exit 2).
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { buildSimulator } from "../http/app.ts";
import { POSTMAN_SCHEMA } from "../http/postman-format.ts";
import { FIXTURES, loadProfile } from "../model/load.ts";
import { exportText } from "./export.ts";
import { EXPORT } from "./export-settings.ts";
import { resolveSettings } from "./settings/resolve.ts";
import { run } from "./testing.ts";

// biome-ignore lint/suspicious/noExplicitAny: a parsed JSON document, read by path in assertions
const exported = (argv: string[]): any => JSON.parse(exportText(resolveSettings(EXPORT, { argv }).values));
const TMF = join(FIXTURES, "profile/variants/tmf621-v4.json");

it("exports the collection with variables for npm run simulate and npm run listen on their default ports", () => {
  const c = exported(["postman"]);
  expect(c.info.schema).toBe(POSTMAN_SCHEMA);
  expect(Object.fromEntries(c.variable.map((x: { key: string; value: string }) => [x.key, x.value]))).toMatchObject({
    baseUrl: "http://127.0.0.1:8080/tmf-api/troubleTicket/v4",
    tokenUrl: "http://127.0.0.1:8080/oauth/token",
    clientId: "operator",
    clientSecret: "operator-secret",
    callbackUrl: "http://127.0.0.1:8081",
  });
});

it("exports the OpenAPI document the simulator serves, built by the same function", async () => {
  for (const argv of [["openapi"], ["openapi", "--profile", TMF]]) {
    const model = loadProfile(argv[2]);
    const app = buildSimulator({ model });
    const served = (await app.inject({ method: "GET", url: "/openapi.json" })).json();
    await app.close();
    expect(exported(argv)).toEqual(served);
  }
});

it("takes another profile and a public URL", () => {
  const c = exported(["--format", "postman", "--profile", TMF, "--public-url", "https://tt.example/"]);
  const model = loadProfile(TMF);
  expect(c.info.name).toBe(model.title);
  expect(c.variable.find((x: { key: string }) => x.key === "baseUrl").value).toBe(
    `https://tt.example${model.basePath}`,
  );
  expect(exported(["openapi", "--public-url", "https://tt.example"]).servers).toEqual([
    { url: `https://tt.example${model.basePath}` },
  ]);
});

it("writes to stdout without --out, and to the file with it", async () => {
  const out = run("simulator/cli/export.ts", ["postman"]);
  expect(await out.exit).toBe(0);
  expect(JSON.parse(out.stdout).info.schema).toBe(POSTMAN_SCHEMA);
  const file = join(mkdtempSync(join(tmpdir(), "nexera-export-")), "api.json");
  const toFile = run("simulator/cli/export.ts", ["openapi", "--out", file]);
  expect(await toFile.exit).toBe(0);
  expect(toFile.stdout).toBe("");
  expect(toFile.stderr).toContain(`wrote ${file}: the openapi export of nexera-1.5.0`);
  expect(JSON.parse(readFileSync(file, "utf8")).openapi).toMatch(/^3\.1\./);
});

it("lists every bad setting and exits 2, writing nothing", async () => {
  const r = run("simulator/cli/export.ts", ["pdf", "--out", "/no/such/folder/x.json", "--public-url", "ftp://x"]);
  expect(await r.exit).toBe(2);
  expect(r.stdout).toBe("");
  expect(r.stderr).toContain(
    [
      "export: 3 invalid settings:",
      '  - --format: must be one of postman, openapi, got "pdf"',
      '  - --out: must be a file path in an existing folder, got "/no/such/folder/x.json"',
      '  - --public-url: must be an absolute http or https URL, got "ftp://x"',
    ].join("\n"),
  );
  const none = run("simulator/cli/export.ts", []);
  expect(await none.exit).toBe(2);
  expect(none.stderr).toContain("say what to export: postman or openapi");
});
