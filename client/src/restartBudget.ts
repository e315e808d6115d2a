// How often a crashed language server is restarted: enough to survive a rare crash,
// not so often that a server crashing on every start loops forever.
export class RestartBudget {
  private readonly restarts: number[] = [];

  constructor(
    readonly maxRestarts = 5,
    readonly windowMs = 3 * 60 * 1000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records a crash; true when the server may be restarted once more. */
  allow(): boolean {
    const time = this.now();
    while (this.restarts.length > 0 && time - this.restarts[0] > this.windowMs) this.restarts.shift();
    if (this.restarts.length >= this.maxRestarts) return false;
    this.restarts.push(time);
    return true;
  }

  /** A deliberate restart by the user starts a fresh budget. */
  reset(): void {
    this.restarts.length = 0;
  }
}
