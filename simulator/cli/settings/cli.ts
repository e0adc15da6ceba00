// What every command does with its settings table: `--help` prints the usage on
// stdout (exit 0); bad settings print every problem on stderr (exit 2).
import type { Command } from "./command.ts";
import { type Env, type Resolved, readSettings, SettingsError } from "./resolve.ts";
import { usageText } from "./usage.ts";

/** The exit code of every command for bad settings (and for the files they name). */
export const EXIT_BAD_SETTINGS = 2;

/** The resolved settings, or the exit code the command should return now. */
export function readCli<V>(
  command: Command<V>,
  argv: readonly string[],
  env: Env = process.env,
): Resolved<V> | { readonly exit: number } {
  try {
    const r = readSettings(command, { argv, env });
    if (!r.help) return r;
    process.stdout.write(`${usageText(command)}\n`);
    return { exit: 0 };
  } catch (e) {
    if (!(e instanceof SettingsError)) throw e;
    process.stderr.write(`${e.message}\n\nEvery setting: ${command.invocation} --help\n`);
    return { exit: EXIT_BAD_SETTINGS };
  }
}
