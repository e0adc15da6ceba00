// The ticket store's limits (docs/rules.md §8): a simulator left running for days, or
// pointed at by a fuzzer, must hold a bounded number of tickets of a bounded size. Past a
// limit the request is refused with 409 and nothing is stored; the message names the
// limit and the `npm run simulate` setting that raises it.
import { ApiError } from "./errors.ts";

export interface TicketLimits {
  /** Tickets one operator may hold (another operator's are not counted). */
  readonly perOperator: number;
  /** Largest stored ticket, in bytes of its JSON; appending notes cannot grow one past it. */
  readonly ticketBytes: number;
}

/** Large enough that no conformance run comes near them (certify stores a few hundred small tickets). */
export const TICKET_LIMITS: TicketLimits = { perOperator: 100_000, ticketBytes: 8 * 1024 * 1024 };

/** The settings that raise each limit (simulator/cli/simulate-settings.ts; a test holds them in step). */
export const LIMIT_FLAGS = {
  perOperator: "--max-tickets-per-operator",
  ticketBytes: "--max-ticket-bytes",
} as const;

export function assertRoom(operator: string, held: number, limits: TicketLimits): void {
  if (held < limits.perOperator) return;
  throw new ApiError(
    "ticketLimit",
    `operator "${operator}" already has ${held} tickets, the simulator's limit (${LIMIT_FLAGS.perOperator} ${limits.perOperator}): the request stored nothing. POST /__control/reset makes room, or start the simulator with a higher ${LIMIT_FLAGS.perOperator}`,
  );
}

/** `what` names the ticket in the message: `ticket "id"`, or `the new ticket`. */
export function assertSize(ticket: unknown, what: string, limits: TicketLimits): void {
  const bytes = Buffer.byteLength(JSON.stringify(ticket));
  if (bytes <= limits.ticketBytes) return;
  throw new ApiError(
    "ticketTooLarge",
    `${what} would be ${bytes} bytes of JSON, over the simulator's limit of ${limits.ticketBytes} (${LIMIT_FLAGS.ticketBytes}): the request stored nothing. Start the simulator with a higher ${LIMIT_FLAGS.ticketBytes}`,
  );
}
