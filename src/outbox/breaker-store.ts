import { reqDone, STORES, withStore } from '../util/idb';
import { type BreakerChange, type BreakerSnapshot, Breakers } from './breaker';

/** kv-store key of the persisted breaker state (it must survive the worker sleeping). */
export const BREAKERS_KEY = 'outbox.breakers';

export async function loadBreakers(): Promise<Breakers> {
  const snap = (await withStore(STORES.kv, 'readonly', (s) => reqDone(s.get(BREAKERS_KEY)))) as
    | BreakerSnapshot
    | undefined;
  return new Breakers(snap);
}

/** Writes the state if it changed since the last write. */
export async function saveBreakers(b: Breakers): Promise<void> {
  if (b.takeDirty())
    await withStore(STORES.kv, 'readwrite', (s) => reqDone(s.put(b.snapshot(), BREAKERS_KEY)));
}

/** Which origins' waiting items may go at once: a recovered CRM's, or every one when back online. */
export function resumedOrigins(changes: readonly BreakerChange[]): (origin: string) => boolean {
  if (changes.some((c) => c.kind === 'online')) return () => true;
  const recovered = new Set(changes.flatMap((c) => (c.kind === 'recovered' ? [c.origin] : [])));
  return (origin) => recovered.has(origin);
}
