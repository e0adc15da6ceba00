// Which suite files check which role (docs/decisions/0009-roles.md): the server suites
// are every folder of suites/ but these; each operator role has its own folder.
import type { Role } from "./target/settings.ts";

export const ROLE_SUITES: Readonly<Record<Role, { include: string[]; exclude: string[] }>> = {
  server: { include: ["suites/**/*.test.ts"], exclude: ["suites/unit/**", "suites/cli/**", "suites/roles/**"] },
  listener: { include: ["suites/roles/listener/**/*.test.ts"], exclude: [] },
  client: { include: ["suites/roles/client/**/*.test.ts"], exclude: [] },
};

/** How certify tells the suites' vitest config which role it runs. */
export const ROLE_ENV = "NEXERA_CERTIFY_ROLE";
