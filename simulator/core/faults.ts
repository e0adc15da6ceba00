// Deliberate misbehaviour (`--misbehave NAME[:ARG]`), to show that the conformance
// suites catch a broken server. Never on unless asked for. A fault is declared
// beside the code it bends (the core's: faults-fields.ts, faults-lists.ts,
// faults-lifecycle.ts, gathered here; simulator/events/faults.ts; simulator/http)
// and named in one catalogue (simulator/http/faults.ts). The code it bends asks the
// active set: `if (faults.has("ignore-offset")) ...`, or the fault edits the profile
// the simulator serves while the suites keep the true one. The mechanism: fault-spec.ts.
import type { FaultSpec } from "./fault-spec.ts";
import { FIELD_FAULTS } from "./faults-fields.ts";
import { LIFECYCLE_FAULTS } from "./faults-lifecycle.ts";
import { LIST_FAULTS } from "./faults-lists.ts";

export {
  type ActiveFaults,
  activeFaults,
  escapeRegExp,
  FaultError,
  type FaultSpec,
  NO_FAULTS,
  relax,
} from "./fault-spec.ts";

/** The core's faults: field rules and server-set values, lists (filters, paging, order), the lifecycle. */
export const CORE_FAULTS: readonly FaultSpec[] = [...FIELD_FAULTS, ...LIST_FAULTS, ...LIFECYCLE_FAULTS];
