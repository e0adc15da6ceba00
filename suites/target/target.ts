// The target as the suites see it: URLs derived once from the settings and the model.
import type { Model } from "../../simulator/model/model.ts";
import { HarnessError } from "../support/errors.ts";
import type { Settings } from "./settings.ts";

export interface Target {
  /** The API base URL, e.g. http://127.0.0.1:3000/tmf-api/troubleTicket/v4 */
  readonly base: string;
  /** scheme://host:port of the base; relative hrefs resolve against it. */
  readonly origin: string;
  readonly tickets: string;
  readonly hub: string;
  readonly tokenUrl: string;
  /** The simulator's control interface (docs/rules.md §8), at the server root. */
  readonly control: string;
}

export function targetOf(settings: Settings, model: Model): Target {
  if (settings.target === undefined)
    throw new HarnessError("no target URL: the global setup should have started the embedded simulator");
  const base = settings.target.replace(/\/+$/, "");
  const origin = new URL(base).origin;
  return {
    base,
    origin,
    tickets: `${base}/${model.resource}`,
    hub: `${base}/${model.hubPath}`,
    // docs/rules.md §8: the token endpoint sits at the server root, outside the base path.
    tokenUrl: settings.tokenUrl ?? `${origin}/oauth/token`,
    control: `${origin}/__control`,
  };
}

/** Resolves an href (absolute, or a path) against the target's origin (brief: href may be a path). */
export function resolveHref(target: Target, href: string): string {
  return new URL(href, `${target.origin}/`).toString();
}
