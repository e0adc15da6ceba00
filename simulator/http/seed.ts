// --seed-data: tickets preloaded at start. The file is a JSON array; each entry is a
// POST body of the profile plus two optional keys of the seed format itself:
//   "operator": the owning tenant (default: the first configured operator)
//   "status":   a state to bring the ticket to after creation, through the shortest
//               chain of Nexera-driven transitions of the profile (e.g. "resolved")
// Each body is validated like a POST; every problem is reported, with its index.
import { ApiError } from "../core/errors.ts";
import type { Ticket, TicketService } from "../core/tickets.ts";
import type { Model } from "../model/model.ts";

export type SeedEntry = Record<string, unknown> & { operator?: string; status?: string };

export class SeedError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`invalid seed data:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "SeedError";
    this.problems = problems;
  }
}

export function seedTickets(
  service: TicketService,
  model: Model,
  entries: unknown,
  operators: readonly string[],
): Ticket[] {
  if (!Array.isArray(entries)) throw new SeedError(["the seed data must be a JSON array of tickets"]);
  const problems: string[] = [];
  const out: Ticket[] = [];
  const idField = model.idField;
  entries.forEach((entry: unknown, i) => {
    if (typeof entry !== "object" || entry === null || Array.isArray(entry)) {
      problems.push(`[${i}]: a seed entry must be a JSON object`);
      return;
    }
    const { operator = operators[0], status, ...body } = entry as SeedEntry;
    if (typeof operator !== "string" || !operators.includes(operator)) {
      problems.push(
        `[${i}]: operator ${JSON.stringify(operator)} is not one of the configured operators (${operators.join(", ")})`,
      );
      return;
    }
    const path = status === undefined ? [] : pathTo(model, status);
    if (path === undefined) {
      problems.push(`[${i}]: status ${JSON.stringify(status)} cannot be reached by Nexera-driven transitions`);
      return;
    }
    try {
      let { ticket } = service.create(operator, body, "seed");
      for (const s of path) ticket = service.providerTransition(String(ticket[idField]), s, "seed data", "seed").ticket;
      out.push(ticket);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      problems.push(`[${i}]: ${e.message}`);
    }
  });
  if (problems.length > 0) throw new SeedError(problems);
  return out;
}

/** The states after the initial one on a shortest provider-transition path to `target`. */
export function pathTo(model: Model, target: unknown): string[] | undefined {
  if (typeof target !== "string") return undefined;
  const { initial, provider } = model.lifecycle;
  const previous = new Map<string, string>([[initial, ""]]);
  const queue = [initial];
  while (queue.length > 0) {
    const at = queue.shift() as string;
    if (at === target) {
      const path: string[] = [];
      for (let s = at; s !== initial; s = previous.get(s) as string) path.unshift(s);
      return path;
    }
    for (const t of provider) {
      if (t.from === at && !previous.has(t.to)) {
        previous.set(t.to, at);
        queue.push(t.to);
      }
    }
  }
  return undefined;
}
