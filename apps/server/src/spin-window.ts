// Keeps the event loop awake for a short window after each answer, so the client's next request finds it running
// instead of asleep in epoll_wait: waking a sleeping process costs tens of µs on a VM (an IPI), on both sides.
import os from 'node:os';

/**
 * One per engine process. `touch()` after writing an answer opens (or extends) the window; while it is open the
 * loop runs back-to-back setImmediate turns, each of which polls for I/O without blocking. Outside a burst of
 * requests it costs one window per answer; on a single core it is off, where it would only delay the client.
 */
export class SpinWindow {
  private until = 0;
  private spinning = false;
  private readonly windowMs: number;

  constructor(micros: number) {
    this.windowMs = os.availableParallelism() < 2 ? 0 : micros / 1000;
  }

  get enabled(): boolean {
    return this.windowMs > 0;
  }

  touch(): void {
    if (this.windowMs <= 0) return;
    this.until = performance.now() + this.windowMs;
    if (!this.spinning) {
      this.spinning = true;
      setImmediate(this.turn);
    }
  }

  private readonly turn = (): void => {
    if (performance.now() < this.until) setImmediate(this.turn);
    else this.spinning = false;
  };
}
