// Pure logic of the Deliveries view (no browser, no React): the body editor's parts, error text.
import type { SecretRef, Segments } from '../../../templates/segments';

// Filtering, counting and paging happen in the worker (src/outbox/page.ts): the view asks for pages.
export {
  DELIVERY_PAGE,
  type DeliveryFilters,
  NO_DELIVERY_FILTERS,
  OUTBOX_STATUSES,
} from '../../../outbox/page';

/** The body editor: a text box for each run of text, the secret references between them kept as is. */
export type BodyPart = { kind: 'text'; value: string } | { kind: 'secret'; ref: SecretRef };

/** Segments → parts, with a text part before, between and after every reference (all editable). */
export function toParts(body: Segments | undefined): BodyPart[] {
  const parts: BodyPart[] = [];
  for (const s of body ?? []) {
    if (typeof s === 'string') {
      const last = parts[parts.length - 1];
      if (last?.kind === 'text') last.value += s;
      else parts.push({ kind: 'text', value: s });
    } else {
      if (parts[parts.length - 1]?.kind !== 'text') parts.push({ kind: 'text', value: '' });
      parts.push({ kind: 'secret', ref: s });
    }
  }
  if (parts[parts.length - 1]?.kind !== 'text') parts.push({ kind: 'text', value: '' });
  return parts;
}

/** Parts → the segments sent in `deliveries.resend` (the references as structure, never as text). */
export function fromParts(parts: readonly BodyPart[]): Segments {
  return parts.map((p) => (p.kind === 'text' ? p.value : p.ref)).filter((s) => s !== '');
}

/** A worker error as a sentence for people (a refused request's zod text is never shown). */
export function plainError(error: string | undefined, fallback: string): string {
  if (!error || error.startsWith('invalid request:')) return fallback;
  return error;
}
