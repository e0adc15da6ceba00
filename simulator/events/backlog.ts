// Events waiting per subscription, over all its lanes (docs/rules.md §8): a listener that
// is down while its operator's tickets keep changing must not grow the simulator without
// bound. The delivery engine asks before queueing and gives an event up when it is full.

export class Backlog {
  private readonly waiting = new Map<string, number>();

  constructor(readonly max: number) {}

  full(subscriptionId: string): boolean {
    return (this.waiting.get(subscriptionId) ?? 0) >= this.max;
  }

  /** `delta` events more (queued) or fewer (delivered, given up, cancelled) for the subscription. */
  add(subscriptionId: string, delta: number): void {
    const n = (this.waiting.get(subscriptionId) ?? 0) + delta;
    if (n > 0) this.waiting.set(subscriptionId, n);
    else this.waiting.delete(subscriptionId);
  }
}
