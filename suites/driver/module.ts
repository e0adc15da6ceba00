// Loading a driver module (contract.ts) once per worker. suiteFile() loads it before a
// file's tests run, so whether the module can `set` is known when a check decides to
// skip; a module that cannot be loaded is remembered, and each check that needs it
// fails as a harness fault (the target may still be right).
import { pathToFileURL } from "node:url";
import { DriverError } from "../support/errors.ts";
import type { DriverModule } from "./contract.ts";

export type Loaded = { readonly module: DriverModule } | { readonly error: DriverError };

const loaded = new Map<string, Loaded>();
const loading = new Map<string, Promise<Loaded>>();

/** Loads (once) the module at `path`; never rejects: a failure is kept as the result. */
export function loadDriverModule(path: string): Promise<Loaded> {
  let p = loading.get(path);
  if (!p) {
    p = importModule(path).then(
      (module): Loaded => ({ module }),
      (e: unknown): Loaded => ({
        error: e instanceof DriverError ? e : new DriverError(`cannot load the driver module ${path}: ${String(e)}`),
      }),
    );
    p.then((r) => loaded.set(path, r));
    loading.set(path, p);
  }
  return p;
}

/** The module loaded earlier (undefined if loadDriverModule has not finished for it). */
export function loadedDriverModule(path: string): Loaded | undefined {
  return loaded.get(path);
}

async function importModule(path: string): Promise<DriverModule> {
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  } catch (e) {
    throw new DriverError(`cannot load the driver module ${path}: ${(e as Error).message}`, { cause: e });
  }
  return driverExports(mod, path);
}

/** The contract's functions among a module's exports (contract.ts: named, a default object, or a default function). */
export function driverExports(mod: Readonly<Record<string, unknown>>, path: string): DriverModule {
  const inner = mod.default;
  const api = (typeof inner === "object" && inner !== null ? inner : mod) as Record<string, unknown>;
  // "moveTicket" was accepted before the contract was written down; kept so old modules still load.
  const move = api.move ?? (typeof inner === "function" ? inner : undefined) ?? api.moveTicket;
  if (typeof move !== "function")
    throw new DriverError(
      `the driver module ${path} must export an async function move(ticketId, status, context) (or a default function); see suites/driver/contract.ts`,
    );
  const set = api.set;
  if (set !== undefined && typeof set !== "function")
    throw new DriverError(
      `the driver module ${path} exports "set", which must be an async function (ticketId, fields, context)`,
    );
  // Bound: a default export object's methods may use `this`.
  return {
    move: (move as DriverModule["move"]).bind(api),
    ...(typeof set === "function" ? { set: (set as NonNullable<DriverModule["set"]>).bind(api) } : {}),
  };
}
