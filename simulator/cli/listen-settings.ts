// `npm run listen` settings: the table (flags, NEXERA_LISTEN_* variables, config keys,
// defaults). The profile is loaded while the settings are resolved, so a broken one's
// problems are listed with the others'.
import { LISTENER_MAX_RECORDS } from "../listener/app.ts";
import type { Credentials } from "../model/credentials.ts";
import { loadProfile } from "../model/load.ts";
import type { Model } from "../model/model.ts";
import { defineCommand } from "./settings/command.ts";
import { credentials, integer, onOff, profileFile, text } from "./settings/parsers.ts";

export interface ListenValues {
  host: string;
  port: number;
  credentials: Credentials | undefined;
  profile: Model;
  log: boolean;
  maxRecords: number;
}

export const LISTEN = defineCommand<ListenValues>({
  name: "listen",
  invocation: "npm run listen --",
  summary:
    "The simulated operator listener: receives events at {url}/listener/{eventName} (any prefix, both capitalisations),\n" +
    "answers 200 or 400 with the verdict, and records them: GET/DELETE /__control/events,\n" +
    "GET/POST/DELETE /__control/knobs ({failNext, failStatus, latencyMs, credentials}).",
  envPrefix: "NEXERA_LISTEN_",
  settings: {
    host: { flag: "host", parse: text("HOST"), default: "127.0.0.1", help: "interface to listen on" },
    port: {
      flag: "port",
      parse: integer(0, 65535),
      default: 8081,
      help: "port to listen on; 0 takes a free port (the ready line names it)",
    },
    credentials: {
      flag: "credentials",
      parse: credentials,
      defaultText: "none: events need no credentials",
      help: "HTTP Basic credentials every event must carry (401 without)",
    },
    profile: {
      flag: "profile",
      parse: profileFile,
      default: () => loadProfile(),
      defaultText: "`fixtures/profile/nexera.json`",
      help: "the profile events are judged against",
    },
    log: { flag: "log", parse: onOff, default: false, help: "log every request (fastify's logger, on stdout)" },
    maxRecords: {
      flag: "max-records",
      parse: integer(1),
      default: LISTENER_MAX_RECORDS,
      help: "events /__control/events keeps (docs/rules.md §8); older ones are dropped and counted in its X-Records-Dropped header",
    },
  },
});
