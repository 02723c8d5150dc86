// Pure filter logic of the inspector list (no browser, no React): unit-tested in test/unit/ui.
import type { PlatformId } from '../../events/types';
import { STATUS_SEVERITY, type StatusWord, statusWord } from '../../journal/status';
import type { ActionStatus, JournalEntry } from '../../journal/types';

export const OUTCOMES = ['matched', 'delivered', 'retrying', 'failed', 'rejected'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export interface Filters {
  /** 'tab': only entries captured in the popup's current tab. */
  scope: 'tab' | 'all';
  platform: PlatformId | '';
  /** A canonical type ('' = any); 'rejected' entries have no type. */
  type: string;
  outcome: Outcome | '';
  text: string;
}

export const NO_FILTERS: Filters = { scope: 'all', platform: '', type: '', outcome: '', text: '' };

const DELIVERED: ReadonlySet<ActionStatus> = new Set(['ok']);
const RETRYING: ReadonlySet<ActionStatus> = new Set(['queued', 'retrying']);
const FAILED: ReadonlySet<ActionStatus> = new Set(['failed', 'dead']);

/** Every outcome tag that applies to an entry (an event can be both delivered and failed). */
export function outcomesOf(entry: JournalEntry): Outcome[] {
  if (entry.kind === 'rejected') return ['rejected'];
  const out: Outcome[] = [];
  if (entry.matches.length > 0) out.push('matched');
  if (entry.actions.some((a) => DELIVERED.has(a.status))) out.push('delivered');
  if (entry.actions.some((a) => RETRYING.has(a.status))) out.push('retrying');
  if (entry.actions.some((a) => FAILED.has(a.status))) out.push('failed');
  return out;
}

export type RowState = 'rejected' | Exclude<StatusWord, 'sending'> | 'matched' | 'duplicate' | 'captured';

/** The one state a row shows, worst first, in the words of src/journal/status.ts for its actions. */
export function rowState(entry: JournalEntry): RowState {
  if (entry.kind === 'event' && entry.state === 'duplicate') return 'duplicate';
  if (entry.kind === 'rejected') return 'rejected';
  const words = new Set(entry.actions.map((a) => statusWord(a.status)));
  for (const w of STATUS_SEVERITY) if (w !== 'sending' && words.has(w)) return w;
  return entry.matches.length > 0 ? 'matched' : 'captured';
}

const MAX_DATA_CHARS = 4000;
const searchCache = new WeakMap<JournalEntry, string>();

function json(v: unknown): string {
  try {
    return (JSON.stringify(v) ?? '').slice(0, MAX_DATA_CHARS);
  } catch {
    return '';
  }
}

/** Lower-cased text a search looks in; cached per entry object (updates arrive as new objects). */
export function searchText(entry: JournalEntry): string {
  const cached = searchCache.get(entry);
  if (cached !== undefined) return cached;
  const parts: Array<string | number | undefined> = [entry.platform, entry.seq];
  if (entry.kind === 'rejected') {
    parts.push('rejected', entry.reason, entry.origin, ...(entry.issues ?? []), json(entry.sample));
  } else {
    const e = entry.event;
    parts.push(entry.type, e.sourceEvent, e.origin, e.page.url, e.page.title, e.conversation?.id);
    parts.push(...Object.values(e.contact ?? {}), e.message?.text, e.agent?.name, e.agent?.email);
    for (const m of entry.matches) parts.push(m.ruleName, m.ruleId);
    for (const a of entry.actions) parts.push(a.kind, a.status, a.detail, a.error);
    parts.push(json(e.data));
  }
  const text = parts
    .filter((p) => p !== undefined && p !== '')
    .join('\n')
    .toLowerCase();
  searchCache.set(entry, text);
  return text;
}

/** Whitespace-separated terms or "quoted phrases", all of which must occur (case-insensitive). */
export function searchTerms(text: string): string[] {
  const terms: string[] = [];
  for (const m of text.toLowerCase().matchAll(/"([^"]*)"?|(\S+)/g)) {
    const term = m[1] ?? m[2];
    if (term?.trim()) terms.push(term);
  }
  return terms;
}

export function matchesFilters(entry: JournalEntry, f: Filters, tabId?: number, terms?: string[]): boolean {
  if (f.scope === 'tab' && tabId !== undefined && entry.tabId !== tabId) return false;
  if (f.platform && entry.platform !== f.platform) return false;
  if (f.type && (entry.kind !== 'event' || entry.type !== f.type)) return false;
  if (f.outcome && !outcomesOf(entry).includes(f.outcome)) return false;
  const words = terms ?? searchTerms(f.text);
  if (words.length > 0) {
    const hay = searchText(entry);
    if (!words.every((w) => hay.includes(w))) return false;
  }
  return true;
}

export function applyFilters(entries: readonly JournalEntry[], f: Filters, tabId?: number): JournalEntry[] {
  const terms = searchTerms(f.text);
  const active = f.scope === 'tab' || f.platform || f.type || f.outcome || terms.length > 0;
  if (!active) return entries as JournalEntry[];
  return entries.filter((e) => matchesFilters(e, f, tabId, terms));
}

export function isFiltered(f: Filters): boolean {
  return !!(f.platform || f.type || f.outcome || f.text.trim());
}

/** Canonical types present in the entries (for the type filter), sorted. */
export function typesIn(entries: readonly JournalEntry[]): string[] {
  const set = new Set<string>();
  for (const e of entries) if (e.kind === 'event') set.add(e.type);
  return [...set].sort();
}

/** A one-line summary for a row: message text, contact, conversation or the rejection reason. */
export function summaryOf(entry: JournalEntry): string {
  if (entry.kind === 'rejected') {
    return `${entry.reason}${entry.count > 1 ? ` (×${entry.count})` : ''}`;
  }
  const e = entry.event;
  // People before ids: a name, a phone, an e-mail, the CRM's id; a platform's long internal id last.
  const c = e.contact;
  const who = c?.name ?? c?.phone ?? c?.email ?? c?.crmId ?? c?.externalId ?? shortId(c?.platformId);
  const bits = [
    e.message?.text ? `“${e.message.text}”` : undefined,
    who ? `contact ${who}` : undefined,
    e.conversation?.id ? `chat ${e.conversation.id}` : undefined,
  ].filter(Boolean);
  return bits.length > 0 ? bits.join(' · ') : e.sourceEvent;
}

/** A long opaque id (a 32-character visitor id) shortened to its first 8 characters and an ellipsis. */
export function shortId(id: string | undefined): string | undefined {
  return id && id.length > 12 ? `${id.slice(0, 8)}…` : id;
}
