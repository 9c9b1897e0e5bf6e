// The scheduling scaffold the sync loops share (the application outbox engine.ts and the rating sync
// ratingSync.ts): a status stream for listeners, best-effort event reporting, and a runner that does one pass at
// a time, woken by callers and by a timer on the injected clock, with a jittered pause while the hub cannot be
// reached. What a pass does, what the status holds and when to come back stay with each loop. Runs anywhere.
import { backoffDelay } from './backoff';
import type { BackoffPolicy } from './backoff';
import type { Clock } from './ports';

/** A status value with listeners; each `publish` makes a new value and tells every listener. */
export interface StatusStream<S> {
  current(): S;
  publish(patch: Partial<S>): void;
  /** Calls the listener with the current status at once and on every change; returns an unsubscribe. */
  subscribe(listener: (status: S) => void): () => void;
}

export function createStatusStream<S extends object>(initial: S): StatusStream<S> {
  let status = initial;
  const listeners = new Set<(status: S) => void>();
  return {
    current: () => status,
    publish(patch) {
      status = { ...status, ...patch };
      for (const listener of listeners) {
        try {
          listener(status);
        } catch {
          // A broken listener must not stop the loop.
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      listener(status);
      return () => listeners.delete(listener);
    },
  };
}

/** Wraps an optional event handler so a throw in it never reaches the loop (reporting is best effort). */
export function bestEffort<E>(handler: ((event: E) => void) | undefined): (event: E) => void {
  return (event) => {
    try {
      handler?.(event);
    } catch {
      // Reporting is best effort; the work is not.
    }
  };
}

export interface PassLoopOptions<T> {
  clock: Clock;
  /** Uniform in [0, 1) for the backoff's jitter. */
  random: () => number;
  /** The pause after each failure in a row (see `backOff`). */
  backoff: BackoffPolicy;
  /** One pass. A throw goes to `onPassError`; the loop goes on. */
  pass(): Promise<T>;
  onPassError(error: unknown): void;
  /**
   * Runs once the passes end (never after `stop`), with what the last pass that returned gave (undefined when
   * none did); the place to `schedule` the next timer pass.
   */
  afterPasses(last: T | undefined): void | Promise<void>;
}

export interface PassLoop {
  /** True before `start` and after `stop`. */
  readonly stopped: boolean;
  /** Lets passes run; false (and nothing changes) when already started. */
  start(): boolean;
  /** No more passes or timer; resolves once the running pass has ended. */
  stop(): Promise<void>;
  /**
   * Runs the passes now, or once more after the running one. Passes repeat while asked for again and no pause
   * is in force. `forgetBackoff` forgets the failures in a row and the pause first. Ignored when stopped.
   */
  wake(forgetBackoff?: boolean): void;
  /** (Re)sets the one timer to wake the loop at epoch ms `at` (at once when that has passed). */
  schedule(at: number): void;
  /** Epoch ms until which no pass should run (0 when none). */
  pausedUntil(): number;
  /** Counts one more failure in a row and pauses from `now` for its jittered backoff (at least 1 ms); returns the delay. */
  backOff(now: number): number;
  /** Forgets the failures in a row (a pause in force stays). */
  forgetFailures(): void;
  /** Resolves when no pass is running or requested. */
  idle(): Promise<void>;
}

export function createPassLoop<T>(options: PassLoopOptions<T>): PassLoop {
  const { clock } = options;
  let stopped = true;
  let running: Promise<void> | null = null;
  let again = false;
  let timer: unknown = null;
  let failures = 0;
  let pausedUntil = 0;

  async function loop(): Promise<void> {
    let last: T | undefined;
    do {
      again = false;
      try {
        last = await options.pass();
      } catch (error) {
        options.onPassError(error);
      }
    } while (again && !stopped && clock.now() >= pausedUntil);
    if (stopped) return;
    await options.afterPasses(last);
  }

  function wake(forgetBackoff = false): void {
    if (stopped) return;
    if (forgetBackoff) {
      failures = 0;
      pausedUntil = 0;
    }
    if (running) {
      again = true;
      return;
    }
    running = loop().finally(() => {
      running = null;
    });
  }

  return {
    get stopped() {
      return stopped;
    },
    start() {
      if (!stopped) return false;
      stopped = false;
      return true;
    },
    async stop() {
      stopped = true;
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
      await running;
    },
    wake,
    schedule(at) {
      if (timer !== null) clock.clearTimeout(timer);
      timer = clock.setTimeout(
        () => {
          timer = null;
          wake();
        },
        Math.max(0, at - clock.now()),
      );
    },
    pausedUntil: () => pausedUntil,
    backOff(now) {
      failures++;
      const delay = Math.max(1, backoffDelay(failures, options.random(), options.backoff));
      pausedUntil = now + delay;
      return delay;
    },
    forgetFailures() {
      failures = 0;
    },
    async idle() {
      while (running) await running;
    },
  };
}
