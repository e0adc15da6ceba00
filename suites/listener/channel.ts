// A test's view of the embedded listener: its own channel (callback URL), what
// arrived there, and failures to inject. Reads go to the recorder's local interface.
import { send } from "../http/client.ts";
import type { ListenerInfo } from "../support/context.ts";
import { HarnessError } from "../support/errors.ts";
import type { Delivery } from "./recorder.ts";

export class Channel {
  readonly callback: string;
  constructor(
    private readonly listener: ListenerInfo,
    readonly name: string,
  ) {
    this.callback = `${listener.public}/c/${encodeURIComponent(name)}`;
  }

  private get url(): string {
    return `${this.listener.control}/c/${encodeURIComponent(this.name)}`;
  }

  async deliveries(): Promise<Delivery[]> {
    const ex = await send({ method: "GET", url: this.url });
    if (ex.response.status !== 200 || !Array.isArray(ex.response.json))
      throw new HarnessError(`the embedded listener did not answer (${ex.response.status})`);
    return ex.response.json as Delivery[];
  }

  /** The next `count` deliveries are answered `status` (to see the target retry). */
  async failNext(count: number, status = 500): Promise<void> {
    const ex = await send({ method: "POST", url: `${this.url}/fail`, json: { count, status } });
    if (ex.response.status !== 204)
      throw new HarnessError(`the embedded listener refused a failure injection (${ex.response.status})`);
  }

  /** The first event delivered here, and every repeat of its eventId, is answered `status`: a listener that refuses it for good. */
  async refuseFirst(status = 400): Promise<void> {
    const ex = await send({ method: "POST", url: `${this.url}/refuse`, json: { status } });
    if (ex.response.status !== 204)
      throw new HarnessError(`the embedded listener refused a refusal injection (${ex.response.status})`);
  }

  /** Polls until `done` holds for what arrived, or the timeout passes; returns the last reading. */
  async waitFor(done: (ds: Delivery[]) => boolean, timeoutMs: number): Promise<Delivery[]> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const ds = await this.deliveries();
      if (done(ds) || Date.now() >= until) return ds;
      await new Promise((r) => setTimeout(r, 40));
    }
  }

  async forget(): Promise<void> {
    await send({ method: "DELETE", url: this.url });
  }
}
