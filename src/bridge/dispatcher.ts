// Host side of the contract, independent of the transport: validates every call and every event against the
// contract so that both adapters refuse exactly the same things.
import { events, isEventName, isMethodName, methods } from './contract';
import type { EventEnvelope, EventName, EventPayload, Handler, Handlers, MethodName } from './contract';
import { err } from './result';
import type { Result } from './result';

export interface Dispatcher {
  dispatch(method: unknown, input: unknown): Promise<Result<unknown>>;
}

/** Zod's issue list, made short and free of values (the input may hold personal data). */
const describeIssues = (issues: { path: PropertyKey[]; message: string }[]): string =>
  issues
    .slice(0, 5)
    .map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`)
    .join('; ');

/** A name from the wire, quoted and cut; never String() on it: `{"toString":0}` has no primitive value. */
const describeName = (name: unknown): string => (typeof name === 'string' ? JSON.stringify(name.slice(0, 80)) : `of type ${typeof name}`);

export function createDispatcher(handlers: Handlers, onInternalError?: (method: string, error: unknown) => void): Dispatcher {
  return {
    async dispatch(method, input) {
      if (!isMethodName(method)) return err('unknown_method', `No bridge method ${describeName(method)}`);
      const handler = handlers[method] as Handler<MethodName> | undefined;
      if (!handler) return err('unavailable', `${method} is not available on this kiosk`);
      const spec = methods[method];
      const parsed = spec.input.safeParse(input ?? {});
      if (!parsed.success) return err('invalid_argument', `${method}: ${describeIssues(parsed.error.issues)}`);
      try {
        const result = await handler(parsed.data as never);
        if (!result.ok) return result;
        const output = spec.output.safeParse(result.value);
        if (!output.success) {
          onInternalError?.(method, new Error(`output failed its schema: ${describeIssues(output.error.issues)}`));
          return err('internal', `${method} produced an invalid answer`);
        }
        return { ok: true, value: output.data };
      } catch (error) {
        onInternalError?.(method, error);
        return err('internal', `${method} failed on the host`);
      }
    },
  };
}

export type EventListener = (envelope: EventEnvelope) => void;

export interface EventHub {
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
  subscribe(listener: EventListener): () => void;
  readonly lastSeq: number;
}

export function createEventHub(): EventHub {
  const listeners = new Set<EventListener>();
  let seq = 0;
  return {
    emit(name, payload) {
      if (!isEventName(name)) throw new Error(`Unknown bridge event ${String(name)}`);
      // A host bug must not put an invalid event on the wire; throwing here shows it in tests at once.
      const checked = events[name].parse(payload) as EventPayload<typeof name>;
      const envelope = { seq: ++seq, name, payload: checked } as EventEnvelope;
      for (const listener of listeners) {
        try {
          listener(envelope);
        } catch {
          // One broken subscriber (a closed socket) must not stop the others.
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    get lastSeq() {
      return seq;
    },
  };
}
