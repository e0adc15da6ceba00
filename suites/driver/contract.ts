// The contract of a driver module (`certify --driver ./module.js`): how QA tells certify
// to make Nexera-side changes on a real environment, where the simulator's control
// interface does not exist. A module exports `move` and, optionally, `set`; both
// resolve once the change can be seen through the API, and reject (throw) when it
// could not be made. A rejection is reported as a harness fault, never as the target's.
// Worked example: examples/driver.ts. Documented in README ("Certify a server") and suites/README.md.

/** What certify tells a driver about the run and the ticket. */
export interface DriverContext {
  /** The API base URL under test (certify's --target), e.g. https://host/tmf-api/troubleTicket/v4. */
  readonly target: string;
  /** The profile's resource name, e.g. troubleTicket (the path segment after the base). */
  readonly resource: string;
  /** The ticket's URL in the API, for a driver that wants to read it. */
  readonly ticketUrl: string;
}

export interface MoveContext extends DriverContext {
  /** The ticket's status before the move. */
  readonly from: string;
}

/** Nexera-side fields to set, by name: only the profile's providerFields (docs/rules.md §8), e.g. { priority: 2 }. */
export type NexeraFields = Readonly<Record<string, unknown>>;

/**
 * The exports of a driver module. Export them by name (`export async function move`),
 * or as the properties of a default export object; a default export that is a function
 * is taken as `move`.
 */
export interface DriverModule {
  /**
   * Makes Nexera move the ticket to `status`, one Nexera transition of the profile
   * (docs/rules.md §5, e.g. submitted -> acknowledged). Required: without it certify
   * cannot drive the lifecycle, and refuses the module.
   */
  move(ticketId: string, status: string, context: MoveContext): Promise<void>;
  /**
   * Makes Nexera change attributes of the ticket (docs/rules.md §6 "by either side",
   * §8). Optional: without it the checks of Nexera-side attribute changes (their event,
   * lastUpdate) are skipped, with that reason.
   */
  set?(ticketId: string, fields: NexeraFields, context: DriverContext): Promise<void>;
}
