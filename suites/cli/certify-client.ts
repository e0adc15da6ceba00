// certify --role client: not built yet (issue 8, in progress on a branch).
import type { Settings } from "../target/settings.ts";

export async function certifyClient(_settings: Settings, _argv: readonly string[]): Promise<number> {
  console.error("[certify] --role client is not available yet");
  return 3;
}
