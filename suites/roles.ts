// Which suite files check which role (docs/decisions/0009-roles.md), and the server
// suites by name, for `certify --suite NAME[,NAME]` (rerunning one area after a fix).
import type { Role } from "./target/settings.ts";

/** The server suites: one folder each under suites/ (suites/unit/roles.test.ts keeps this list whole). */
export const SERVER_SUITES = [
  "fields",
  "properties",
  "filtering",
  "lifecycle",
  "events",
  "auth",
  "isolation",
  "robustness",
] as const;
export type ServerSuite = (typeof SERVER_SUITES)[number];

export const ROLE_SUITES: Readonly<Record<Role, { include: string[]; exclude: string[] }>> = {
  server: { include: SERVER_SUITES.map((s) => `suites/${s}/**/*.test.ts`), exclude: [] },
  listener: { include: ["suites/roles/listener/**/*.test.ts"], exclude: [] },
  client: { include: ["suites/roles/client/**/*.test.ts"], exclude: [] },
};

/** How certify tells the suites' vitest config which role it runs, and which suites of it. */
export const ROLE_ENV = "NEXERA_CERTIFY_ROLE";
export const SUITES_ENV = "NEXERA_CERTIFY_SUITES";

/** The files of a role, narrowed to the named suites when some are named. */
export function suiteFiles(role: Role, suites: readonly string[] = []): { include: string[]; exclude: string[] } {
  if (role !== "server" || suites.length === 0) return ROLE_SUITES[role];
  return { include: suites.map((s) => `suites/${s}/**/*.test.ts`), exclude: [] };
}
