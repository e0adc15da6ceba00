// The one usage printer and the README table, both from the table.
import { expect, it } from "vitest";
import { defineCommand } from "./command.ts";
import { integer, text } from "./parsers.ts";
import { DEMO, POSITIONAL } from "./testing.ts";
import { settingsBlockNames, settingsMarkdown, usageText, withSettingsBlocks } from "./usage.ts";

it("lists every flag with its value, default, environment variable and config key", () => {
  const text = usageText(DEMO);
  expect(text.split("\n")[0]).toBe("usage: npm run demo -- [options]");
  for (const r of DEMO.rows) {
    expect(text).toContain(`--${r.flag}`);
    expect(text).toContain(`env ${r.env}`);
    expect(text).toContain(`config key "${r.key}"`);
  }
  expect(text).toMatch(/--port N +port \| with a pipe\n +default 8080; env DEMO_PORT; config key "port"/);
  expect(text).toContain("--mode a|b");
  expect(text).toContain('repeatable; env DEMO_TAG (values separated by ","); config key "tag" (an array)');
  expect(text).toContain("default remote when a host is given, else local;");
  expect(text).toMatch(/--config FILE +a JSON object of the config keys above\n +env DEMO_CONFIG/);
  expect(text).toContain("--help, -h");
});

it("shows a positional setting in the usage line, and no --config for a command without settings", () => {
  expect(usageText(POSITIONAL).split("\n")[0]).toBe("usage: npm run positional -- [options] [FILE ...]");
  const bare = defineCommand<Record<never, never>>({
    name: "bare",
    invocation: "npm run bare --",
    summary: "Nothing to set.",
    envPrefix: "BARE_",
    settings: {},
  });
  expect(usageText(bare)).not.toContain("--config");
});

it("makes one markdown row per setting, plus --config, escaping what markdown would misread", () => {
  const md = settingsMarkdown(DEMO).split("\n");
  expect(md[0]).toBe("| flag | environment | config key | default | meaning |");
  expect(md).toHaveLength(2 + DEMO.rows.length + 1);
  expect(md).toContain("| `--port N` | `DEMO_PORT` | `port` | `8080` | port \\| with a pipe |");
  expect(md).toContain("| `--mode a\\|b` | `DEMO_MODE` | `mode` | `a` | mode &lt;a or b&gt; |");
  expect(md).toContain("| `--tag TAG` (repeatable) | `DEMO_TAG` (comma-separated) | `tag` (array) |  | repeatable |");
  expect(md).toContain("| `--verbose` | `DEMO_VERBOSE` | `verbose` | off | a switch |");
  expect(md).toContain("| `--limit N` | `DEMO_LIMIT` | `limit` |  | an optional number |");
  expect(md.at(-1)).toBe("| `--config FILE` | `DEMO_CONFIG` |  |  | a JSON object of the config keys above |");
});

it("rewrites only the blocks of the commands given, and is idempotent", () => {
  const readme = [
    "# Title",
    "<!-- settings:demo:start -->",
    "stale",
    "<!-- settings:demo:end -->",
    "middle",
    "<!-- settings:other:start -->",
    "kept",
    "<!-- settings:other:end -->",
  ].join("\n");
  const once = withSettingsBlocks(readme, [DEMO, POSITIONAL]);
  expect(once).toContain(`<!-- settings:demo:start -->\n${settingsMarkdown(DEMO)}\n<!-- settings:demo:end -->\nmiddle`);
  expect(once).toContain("<!-- settings:other:start -->\nkept\n");
  expect(withSettingsBlocks(once, [DEMO])).toBe(once);
  expect(settingsBlockNames(once)).toEqual(["demo", "other"]);
  expect(() => withSettingsBlocks("<!-- settings:demo:start -->", [DEMO])).toThrow(/no <!-- settings:demo:end -->/);
});

it("refuses a table whose names clash, and a computed default without its text", () => {
  const clash = () =>
    defineCommand<{ a: number; b: number }>({
      name: "clash",
      invocation: "x",
      summary: "x",
      envPrefix: "X_",
      settings: {
        a: { flag: "port", parse: integer(0), default: 1, help: "a" },
        b: { flag: "other", env: "X_PORT", parse: integer(0), default: 1, help: "b" },
      },
    });
  expect(clash).toThrow(/env X_PORT is used by a and b/);
  const computed = () =>
    defineCommand<{ a: string }>({
      name: "c",
      invocation: "x",
      summary: "x",
      envPrefix: "X_",
      settings: { a: { flag: "a", parse: text("A"), default: () => "x", help: "a" } },
    });
  expect(computed).toThrow(/needs a defaultText/);
});

it("derives environment variables and config keys from the flag", () => {
  const port = DEMO.rows.find((r) => r.name === "port")!;
  expect([port.env, port.key]).toEqual(["DEMO_PORT", "port"]);
  const positional = POSITIONAL.rows[0]!;
  expect([positional.env, positional.key]).toEqual(["POSITIONAL_FILE", "file"]);
  expect(DEMO.configEnv).toBe("DEMO_CONFIG");
});
