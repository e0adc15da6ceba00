// `npm run export -- postman|openapi [--out FILE] [--profile FILE] [--public-url URL]`:
// the API of a profile as a Postman collection or as the OpenAPI document the
// simulator serves (built by the same function). Settings: export-settings.ts.
// Exit codes: 0 written, 2 bad settings (a broken profile included) or an --out that cannot be written.
import { writeFileSync } from "node:fs";
import { relative } from "node:path";
import { pathToFileURL } from "node:url";
import { buildOpenApi } from "../http/openapi.ts";
import { buildPostmanCollection } from "../http/postman.ts";
import { EXPORT, EXPORT_OPERATOR, type ExportValues, LISTEN_ORIGIN, SIMULATE_ORIGIN } from "./export-settings.ts";
import { EXIT_BAD_SETTINGS, readCli } from "./settings/cli.ts";

/** The exported document, as JSON text. */
export function exportText(v: ExportValues): string {
  const doc =
    v.format === "openapi"
      ? buildOpenApi(v.profile, v.publicUrl === undefined ? {} : { publicUrl: v.publicUrl })
      : buildPostmanCollection(v.profile, {
          origin: v.publicUrl ?? SIMULATE_ORIGIN,
          credentials: EXPORT_OPERATOR,
          callbackUrl: LISTEN_ORIGIN,
        });
  return `${JSON.stringify(doc, null, 2)}\n`;
}

export function main(argv: readonly string[], env = process.env): number {
  const read = readCli(EXPORT, argv, env);
  if ("exit" in read) return read.exit;
  const text = exportText(read.values);
  const { out, format, profile } = read.values;
  if (out === undefined) {
    // A reader that stops early (| head) has what it wanted: not an error.
    process.stdout.on("error", (e: NodeJS.ErrnoException) => {
      if (e.code !== "EPIPE") throw e;
    });
    process.stdout.write(text);
    return 0;
  }
  try {
    writeFileSync(out, text);
  } catch (e) {
    process.stderr.write(`export: cannot write --out ${out}: ${(e as Error).message}\n`);
    return EXIT_BAD_SETTINGS;
  }
  const rel = relative(process.cwd(), out);
  process.stderr.write(`wrote ${rel.startsWith("..") ? out : rel}: the ${format} export of ${profile.id}\n`);
  return 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = main(process.argv.slice(2));
}
