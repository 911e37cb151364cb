// The renderer's only way to core (transportChoice.ts picks the transport once; nothing else knows which).
import { contract, Reply, type ApiErrorShape, type Channel, type EventName, type EventPayload, type Input, type Output } from '../../../shared/contract';
import { currentTransport as current } from './transportChoice';
import { takeEarly } from './earlyCalls';
import type { Transport } from './transport';

export class ApiError extends Error {
  constructor(readonly shape: ApiErrorShape) {
    super(shape.message);
    this.name = 'ApiError';
  }
}

export function transportKind(): Transport['kind'] {
  return current().kind;
}

export async function call<C extends Channel>(channel: C, input: Input<C>): Promise<Output<C>> {
  // A reply to the same call sent while the app was loading (earlyCalls.ts) is used once.
  const reply = Reply.parse(await (takeEarly(channel, input) ?? current().invoke(channel, input)));
  if (!reply.ok) throw new ApiError(reply.error);
  // Validate here too: the renderer trusts no payload it has not checked.
  return contract[channel].output.parse(reply.value) as Output<C>;
}

export function subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  return current().on(event, (p) => listener(p as EventPayload<E>));
}

export function errorText(err: unknown): { message: string; details: string[] } {
  if (err instanceof ApiError) return { message: err.shape.message, details: err.shape.details };
  return { message: err instanceof Error ? err.message : String(err), details: [] };
}
