// certify's settings table (suites/cli/certify-settings.ts): flags > env > config file >
// defaults; every problem in one error. The engine itself: simulator/cli/settings/*.test.ts.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { certifySettings as resolveSettings } from "../cli/certify-settings.ts";

const dir = mkdtempSync(join(tmpdir(), "certify-"));
const file = join(dir, "certify.json");
writeFileSync(
  file,
  JSON.stringify({ target: "http://file.example/api", runs: 7, seed: 3, driver: "./drive.js", credentials: ["f:fp"] }),
);

describe("certify settings", () => {
  it("takes a flag over env over the config file over the default", () => {
    const s = resolveSettings({
      argv: ["--config", file, "--runs", "9"],
      env: { NEXERA_RUNS: "8", NEXERA_SEED: "5" },
      cwd: "/",
    });
    expect(s.runs).toBe(9);
    expect(s.seed).toBe(5);
    expect(s.target).toBe("http://file.example/api");
    expect(s.origins).toMatchObject({ runs: "flag", seed: "env", target: "file", auth: "default" });
  });

  it("resolves a driver module path against the config file's directory", () => {
    const s = resolveSettings({ env: { NEXERA_CONFIG: file }, cwd: "/" });
    expect(s.driver).toEqual({ kind: "module", path: join(dir, "drive.js") });
    expect(s.credentials).toEqual({ user: "f", password: "fp" });
  });

  it("defaults to the embedded simulator with two operators, either auth and the simulator driver", () => {
    const s = resolveSettings({});
    expect(s.target).toBeUndefined();
    expect(s.auth).toBe("either");
    expect(s.driver).toEqual({ kind: "simulator" });
    expect(s.secondCredentials?.user).toBeDefined();
    expect(Number.isInteger(s.seed)).toBe(true);
  });

  it("assumes Bearer and no driver for an outside target", () => {
    const s = resolveSettings({ argv: ["--target", "https://nexera.example/api/"] });
    expect(s.target).toBe("https://nexera.example/api");
    expect(s.auth).toBe("bearer");
    expect(s.driver).toEqual({ kind: "none" });
    expect(s.secondCredentials).toBeUndefined();
  });

  it("lists every bad setting in one error", () => {
    const attempt = () =>
      resolveSettings({ argv: ["--auth", "token", "--target", "ftp://x"], env: { NEXERA_RUNS: "many" } });
    expect(attempt).toThrow(expect.objectContaining({ name: "SettingsError" }));
    expect(attempt).toThrow(/--target.*\n.*--auth.*\n.*NEXERA_RUNS/s);
  });

  it("keeps a password containing colons whole", () => {
    expect(resolveSettings({ argv: ["--credentials", "op:a:b"] }).credentials).toEqual({ user: "op", password: "a:b" });
  });

  it("certifies a listener at --target with the given credentials, or the simulated listener without one", () => {
    const s = resolveSettings({
      argv: ["--role", "listener", "--target", "http://127.0.0.1:9/ops", "--credentials", "hook:pw"],
    });
    expect([s.role, s.target, s.listenerCredentials]).toEqual([
      "listener",
      "http://127.0.0.1:9/ops",
      { user: "hook", password: "pw" },
    ]);
    expect(resolveSettings({ argv: ["--role", "listener"] }).target).toBeUndefined();
  });

  it("takes every --credentials as an operator of the client role, and refuses a target there", () => {
    const s = resolveSettings({
      argv: ["--role", "client", "--credentials", "a:1", "--credentials", "b:2", "--port", "0"],
    });
    expect(s.operators).toEqual([
      { user: "a", password: "1" },
      { user: "b", password: "2" },
    ]);
    expect(s.port).toBe(0);
    expect(resolveSettings({ argv: ["--role", "client"] }).operators).toEqual([
      { user: "operator", password: "operator-secret" },
    ]);
    expect(() => resolveSettings({ argv: ["--role", "client", "--target", "http://x.example"] })).toThrow(
      /--target does not apply/,
    );
  });

  it("lists every setting given for another role than the run's", () => {
    const attempt = () =>
      resolveSettings({ argv: ["--driver", "none", "--duration", "10m", "--port", "1"], env: { NEXERA_RUNS: "3" } });
    expect(attempt).toThrow(/--port applies to --role client.*\n.*--duration applies to --role client/s);
    expect(() => resolveSettings({ argv: ["--role", "client", "--driver", "none", "--runs", "3"] })).toThrow(
      /--driver applies to --role server.*\n.*--runs applies to --role server/s,
    );
  });

  it("writes the client role's verdict and run folder to reports/client unless told otherwise", () => {
    const s = resolveSettings({ argv: ["--role", "client"] });
    expect([s.clientVerdict, s.resultsDir].map((p) => relative(process.cwd(), p ?? ""))).toEqual([
      join("reports", "client", "verdict.json"),
      join("reports", "client"),
    ]);
    expect(resolveSettings({ argv: ["--role", "client", "--verdict", "v.json"] }).clientVerdict).toBe(
      resolve("v.json"),
    );
    expect(resolveSettings({}).clientVerdict).toBeUndefined();
    expect(() => resolveSettings({ argv: ["--verdict", "v.json"] })).toThrow(/--verdict applies to --role client/);
  });

  it("reads a duration in ms, s, m or h", () => {
    const ms = (d: string) => resolveSettings({ argv: ["--role", "client", "--duration", d] }).duration;
    expect([ms("1500ms"), ms("30s"), ms("10m"), ms("1h"), ms("2")]).toEqual([1500, 30_000, 600_000, 3_600_000, 2000]);
    expect(() => ms("soon")).toThrow(/--duration: must be a duration/);
  });
});
