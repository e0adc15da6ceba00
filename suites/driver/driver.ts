// How Nexera-side transitions happen (docs/rules.md §5 "Nexera-driven"): through the
// simulator's control interface, a user module, or not at all (checks that need
// them are skipped with this reason). Nexera-side attribute changes (docs/rules.md §6,
// §8) go through the simulator's control interface only.
import { pathToFileURL } from "node:url";
import { canMove } from "../../simulator/model/model.ts";
import type { Case } from "../report/case.ts";
import { DriverError } from "../support/errors.ts";
import { ticketUrl } from "../support/tickets.ts";

export interface Driver {
  /** Undefined when transitions can be driven; else why checks needing them are skipped. */
  readonly unavailable?: string;
  /** Moves a ticket to `status` (a legal Nexera transition from `from`). */
  move(c: Case, id: string, from: string, status: string): Promise<void>;
  /** Undefined when Nexera-side attribute changes can be made; else why checks needing them are skipped. */
  readonly cannotSet?: string;
  /** Makes Nexera change attributes of a ticket (the profile's providerFields, docs/rules.md §6 "by either side"). */
  set(c: Case, id: string, fields: Readonly<Record<string, unknown>>): Promise<void>;
}

type MoveFn = (ticketId: string, status: string) => Promise<unknown>;
const modules = new Map<string, Promise<MoveFn>>();

async function loadModule(path: string): Promise<MoveFn> {
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  } catch (e) {
    throw new DriverError(`cannot load the driver module ${path}: ${(e as Error).message}`, { cause: e });
  }
  const fn = mod.default ?? mod.move ?? mod.moveTicket;
  if (typeof fn !== "function")
    throw new DriverError(
      `the driver module ${path} must export an async function (ticketId, status) as default (or as "move")`,
    );
  return fn as MoveFn;
}

export function driverOf(c: Case): Driver {
  const setting = c.ctx.settings.driver;
  const { model } = c.ctx;
  const legal = (from: string, to: string) => {
    if (!canMove(model.lifecycle.provider, from, to))
      throw new DriverError(
        `asked to drive ${from} -> ${to}, which is not a Nexera transition of the profile (a suite bug)`,
      );
  };
  if (setting.kind === "none") {
    return {
      unavailable: "--driver none: Nexera-side transitions cannot be made on this target",
      move: () => Promise.reject(new DriverError("no driver")),
      cannotSet: "--driver none: Nexera-side changes cannot be made on this target",
      set: () => Promise.reject(new DriverError("no driver")),
    };
  }
  if (setting.kind === "simulator") {
    return {
      async move(c2, id, from, status) {
        legal(from, status);
        const ex = await c2.call({
          method: "POST",
          url: `${c2.ctx.target.control}/${model.resource}/${encodeURIComponent(id)}/status`,
          json: { status, reason: `certify ${from} -> ${status}` },
        });
        if (ex.response.status < 200 || ex.response.status > 299) {
          c2.fail(
            `the control interface must make the Nexera transition ${from} -> ${status} (docs/rules.md §5, §8), got HTTP ${ex.response.status}`,
            ex,
          );
        }
      },
      async set(c2, id, fields) {
        const unknown = Object.keys(fields).filter((k) => !model.providerFields.includes(k));
        if (unknown.length > 0)
          throw new DriverError(
            `asked Nexera to set ${unknown.join(", ")}, which the profile's providerFields do not hold (a suite bug)`,
          );
        const ex = await c2.call({
          method: "PATCH",
          url: `${c2.ctx.target.control}/${model.resource}/${encodeURIComponent(id)}`,
          json: fields,
        });
        if (ex.response.status < 200 || ex.response.status > 299) {
          c2.fail(
            `the control interface must let Nexera set ${Object.keys(fields).join(", ")} (docs/rules.md §8), got HTTP ${ex.response.status}`,
            ex,
          );
        }
      },
    };
  }
  const path = setting.path;
  return {
    cannotSet: `the driver module ${path} makes transitions only; Nexera-side attribute changes need --driver simulator`,
    set: () => Promise.reject(new DriverError("a driver module makes transitions only")),
    async move(c2, id, from, status) {
      legal(from, status);
      let fn = modules.get(path);
      if (!fn) {
        fn = loadModule(path);
        modules.set(path, fn);
      }
      try {
        await (await fn)(id, status);
      } catch (e) {
        if (e instanceof DriverError) throw e;
        throw new DriverError(
          `the driver module failed to move ticket ${id} ${from} -> ${status} (${ticketUrl(c2, id)}): ${(e as Error).message}`,
          { cause: e },
        );
      }
    },
  };
}
