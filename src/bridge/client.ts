// Renderer side of the contract. The renderer trusts nothing that crosses the bridge: answers and events are
// parsed with the same schemas the host used. Transport failures become `transport` errors, never throws.
import { eventEnvelopeSchema, events, isEventName, isMethodName, methods } from './contract';
import type { EventEnvelope, EventName, EventPayload, MethodInput, MethodName, MethodOutput } from './contract';
import { err, resultSchema } from './result';
import type { Result } from './result';

/** What an adapter must provide: a request/answer call and a stream of raw event envelopes. */
export interface BridgeTransport {
  invoke(method: string, input: unknown): Promise<unknown>;
  subscribe(listener: (envelope: unknown) => void): () => void;
}

export interface BridgeClient {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<Result<MethodOutput<M>>>;
  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>, envelope: EventEnvelope<E>) => void): () => void;
  /** Every valid event in order; `gap` is true when sequence numbers were skipped (e.g. after a reconnect). */
  onAny(listener: (envelope: EventEnvelope, gap: boolean) => void): () => void;
  close(): void;
}

export function createBridgeClient(transport: BridgeTransport): BridgeClient {
  const listeners = new Set<(envelope: EventEnvelope, gap: boolean) => void>();
  let lastSeq = 0;
  const unsubscribe = transport.subscribe((raw) => {
    const envelope = eventEnvelopeSchema.safeParse(raw);
    if (!envelope.success || !isEventName(envelope.data.name)) return;
    const payload = events[envelope.data.name].safeParse(envelope.data.payload);
    if (!payload.success) return;
    const { seq } = envelope.data;
    // A host restart starts again from 1; anything other than "previous + 1" means we missed events.
    const gap = lastSeq !== 0 && seq !== lastSeq + 1;
    lastSeq = seq;
    const checked = { seq, name: envelope.data.name, payload: payload.data } as EventEnvelope;
    for (const listener of listeners) listener(checked, gap);
  });

  return {
    async call(method, input) {
      if (!isMethodName(method)) return err('unknown_method', `No bridge method ${String(method).slice(0, 80)}`);
      let raw: unknown;
      try {
        raw = await transport.invoke(method, input);
      } catch (error) {
        return err('transport', `${method}: ${error instanceof Error ? error.message : 'bridge unavailable'}`);
      }
      const parsed = resultSchema(methods[method].output).safeParse(raw);
      if (!parsed.success) return err('transport', `${method}: malformed answer from the host`);
      return parsed.data as Result<MethodOutput<typeof method>>;
    },
    on(name, listener) {
      const wrapped = (envelope: EventEnvelope) => {
        if (envelope.name === name) listener(envelope.payload as never, envelope as never);
      };
      listeners.add(wrapped);
      return () => listeners.delete(wrapped);
    },
    onAny(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      unsubscribe();
      listeners.clear();
    },
  };
}
