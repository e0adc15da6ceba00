// `npm run export` settings: what to export (a Postman collection or the OpenAPI
// document), where to, for which profile, and the server origin the export names.
// The collection's defaults are those of `npm run simulate` and `npm run listen`,
// read from their tables, so the exported collection runs against them unchanged.
import { existsSync, statSync } from "node:fs";
import { dirname } from "node:path";
import { DEFAULT_OPERATOR } from "../http/app.ts";
import { loadProfile } from "../model/load.ts";
import type { Model } from "../model/model.ts";
import { LISTEN } from "./listen-settings.ts";
import type { Command } from "./settings/command.ts";
import { defineCommand } from "./settings/command.ts";
import { httpUrl, oneOf, type Parser, path, profileFile, wrong } from "./settings/parsers.ts";
import { SIMULATE } from "./simulate-settings.ts";

export const FORMATS = ["postman", "openapi"] as const;
export type Format = (typeof FORMATS)[number];

export interface ExportValues {
  format: Format | undefined;
  out: string | undefined;
  profile: Model;
  publicUrl: string | undefined;
}

function defaultOf(command: Command<unknown>, name: string): string {
  return String(command.rows.find((r) => r.name === name)?.default);
}
/** Where `npm run simulate` and `npm run listen` answer with their defaults. */
export const SIMULATE_ORIGIN = `http://${defaultOf(SIMULATE, "host")}:${defaultOf(SIMULATE, "port")}`;
export const LISTEN_ORIGIN = `http://${defaultOf(LISTEN, "host")}:${defaultOf(LISTEN, "port")}`;
export const EXPORT_OPERATOR = DEFAULT_OPERATOR;

/** A file to write, in a folder that exists: a bad --out is a bad setting (exit 2), found before anything is built. */
const OUT = "a file path in an existing folder";
const outFile: Parser<string> = {
  ...path("FILE", OUT),
  parse(raw, baseDir) {
    const file = path().parse(raw, baseDir);
    const folder = dirname(file);
    if (!existsSync(folder) || !statSync(folder).isDirectory() || (existsSync(file) && statSync(file).isDirectory()))
      throw wrong(OUT, raw);
    return file;
  },
};

export const EXPORT = defineCommand<ExportValues>({
  name: "export",
  invocation: "npm run export --",
  summary:
    "Writes the API of a profile for the tools operators use: a Postman Collection v2.1 (postman) or the OpenAPI 3.1\n" +
    "document the simulator serves (openapi).",
  envPrefix: "NEXERA_EXPORT_",
  check: (v) =>
    v.format === undefined ? [`say what to export: ${FORMATS.join(" or ")} (npm run export -- postman)`] : [],
  settings: {
    format: {
      flag: "format",
      parse: oneOf(FORMATS),
      positional: true,
      defaultText: "none: required",
      help: "`postman`: a collection with the token request, every operation and the simulator's control calls; `openapi`: the OpenAPI document",
    },
    out: {
      flag: "out",
      parse: outFile,
      defaultText: "standard output",
      help: "the file to write",
    },
    profile: {
      flag: "profile",
      parse: profileFile,
      default: () => loadProfile(),
      defaultText: "`fixtures/profile/nexera.json`",
      help: "the profile whose API is exported",
    },
    publicUrl: {
      flag: "public-url",
      parse: httpUrl(),
      defaultText: `postman: \`${SIMULATE_ORIGIN}\` (npm run simulate's); openapi: none, the document's URLs are paths`,
      help: "origin of the server the export points at (the collection's variables; the document's servers)",
    },
  },
});
