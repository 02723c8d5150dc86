// Pure logic of the Deliveries view (no browser, no React): filters and the body editor's parts.
import type { StatusWord } from '../../../journal/status';
import type { DeliveryView } from '../../../outbox/manage';
import type { SecretRef, Segments } from '../../../templates/segments';

/** The statuses an outbox item can have (delivered and discarded items leave the outbox). */
export const OUTBOX_STATUSES: readonly StatusWord[] = ['queued', 'sending', 'retrying', 'failed'];

export interface DeliveryFilters {
  origin: string;
  ruleId: string;
  status: StatusWord | '';
}

export const NO_DELIVERY_FILTERS: DeliveryFilters = { origin: '', ruleId: '', status: '' };

export function filterDeliveries(items: readonly DeliveryView[], f: DeliveryFilters): DeliveryView[] {
  return items.filter(
    (i) =>
      (!f.origin || i.origin === f.origin) &&
      (!f.ruleId || i.ruleId === f.ruleId) &&
      (!f.status || i.status === f.status),
  );
}

/** The CRM origins and the rules present (for the filters), sorted. */
export function facetsOf(items: readonly DeliveryView[]): {
  origins: string[];
  rules: Array<{ id: string; name: string }>;
} {
  const origins = [...new Set(items.map((i) => i.origin).filter(Boolean))].sort();
  const rules = new Map<string, string>();
  for (const i of items) rules.set(i.ruleId, i.ruleName || i.ruleId);
  return {
    origins,
    rules: [...rules].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name)),
  };
}

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
