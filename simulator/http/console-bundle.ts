// The console's browser code (simulator/console/), bundled by esbuild on the first request
// for it and kept in memory: nothing to build after `npm ci`, nothing fetched from elsewhere,
// and `npm run simulate` starts no faster or slower, since esbuild is loaded only then.
// docs/decisions/0012-console.md says why Preact and why at run time.
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export interface ConsoleBundle {
  readonly js: string;
  readonly css: string;
}

/** The console's entry module. */
export const CONSOLE_ENTRY = resolve(dirname(fileURLToPath(import.meta.url)), "../console/main.tsx");

let built: Promise<ConsoleBundle> | undefined;

/** The bundle, built once per process; a failed build is tried again on the next call. */
export function consoleBundle(): Promise<ConsoleBundle> {
  built ??= buildBundle().catch((e: unknown) => {
    built = undefined;
    throw e;
  });
  return built;
}

export async function buildBundle(entry = CONSOLE_ENTRY): Promise<ConsoleBundle> {
  const { build } = await import("esbuild");
  const out = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    outdir: "console",
    format: "esm",
    platform: "browser",
    target: "es2022",
    jsx: "automatic",
    jsxImportSource: "preact",
    minify: true,
    legalComments: "none",
    logLevel: "silent",
  });
  const text = (ext: string) => out.outputFiles.find((f) => f.path.endsWith(ext))?.text ?? "";
  return { js: text(".js"), css: text(".css") };
}
