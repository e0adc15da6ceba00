// `npm run listen`: its settings table, and the process (ready line, exit codes).
import { expect, it } from "vitest";
import { loadProfile } from "../model/load.ts";
import { LISTEN } from "./listen-settings.ts";
import { resolveSettings, SettingsError } from "./settings/resolve.ts";
import { tempJson } from "./settings/testing.ts";
import { firstLine, run } from "./testing.ts";

it("defaults to 127.0.0.1:8081, no credentials, the default profile, no log", () => {
  const { values, origins } = resolveSettings(LISTEN, {});
  expect(values).toMatchObject({ host: "127.0.0.1", port: 8081, credentials: undefined, log: false });
  expect(values.profile.id).toBe(loadProfile().id);
  expect(origins.port).toBe("default");
});

it("reads NEXERA_LISTEN_* variables and a config file, flags first", () => {
  const file = tempJson({ port: 9001, credentials: "f:pf", log: true });
  const { values, origins } = resolveSettings(LISTEN, {
    argv: ["--config", file, "--host", "0.0.0.0"],
    env: { NEXERA_LISTEN_PORT: "9002", NEXERA_LISTEN_HOST: "10.0.0.1", NEXERA_PORT: "1" },
  });
  expect(values).toMatchObject({ host: "0.0.0.0", port: 9002, credentials: { user: "f", password: "pf" }, log: true });
  expect(origins).toMatchObject({ host: "flag", port: "env", credentials: "file", log: "file" });
});

it("lists a bad port, bad credentials and an unknown flag together", () => {
  let error: unknown;
  try {
    resolveSettings(LISTEN, { argv: ["--port", "-3", "--credentials", "nobody", "--verbose"] });
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(SettingsError);
  expect((error as SettingsError).problems).toEqual([
    "unknown flag --verbose",
    '--port: must be an integer from 0 to 65535, got "-3"',
    'credentials must look like user:password, got "nobody"'.replace(/^/, "--credentials: "),
  ]);
});

it("prints `listener ready at <URL>` and exits 0 on SIGTERM", async () => {
  const r = run("simulator/cli/listen.ts", ["--port", "0"]);
  const line = await firstLine(r);
  expect(line).toMatch(/^listener ready at http:\/\/127\.0\.0\.1:\d+$/);
  const url = line.replace("listener ready at ", "");
  expect((await fetch(`${url}/__control/events`)).status).toBe(200);
  r.kill("SIGTERM");
  expect(await r.exit).toBe(0);
});

it("exits 2 for bad settings, naming each, with nothing on stdout", async () => {
  const r = run("simulator/cli/listen.ts", ["--port", "x"], { NEXERA_LISTEN_PROFILE: "/no/such/profile.json" });
  expect(await r.exit).toBe(2);
  expect(r.stderr).toMatch(
    /^listen: 2 invalid settings:\n {2}- --port: .*\n {2}- NEXERA_LISTEN_PROFILE: invalid profile/,
  );
  expect(r.stdout).toBe("");
});

it("keeps 10 000 records unless --max-records says otherwise (docs/rules.md §8)", () => {
  expect(resolveSettings(LISTEN, {}).values.maxRecords).toBe(10_000);
  expect(resolveSettings(LISTEN, { argv: ["--max-records", "5"] }).values.maxRecords).toBe(5);
});
