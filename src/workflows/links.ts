import type { BridgeEvent } from '../events/model';
import type { Action } from '../rules/schema';
import { STORES } from '../util/idb';
import { chainScope } from './scope';
import { renderText } from './step';
import { allRows, deleteRow, getRow, prune, putRow } from './store';
import type { ChainRecord, LinkRecord, LinkValues } from './types';

/** Record links are personal data (PRIVACY.md): bounded, expiring, never exported. */
export const LINK_LIMITS = { max: 10_000, ttlMs: 180 * 86_400_000, valueChars: 500 };

/** The source's own contact id: the platform's id, else the external id, email or phone. */
export function contactSourceId(e: Pick<BridgeEvent, 'contact'>): string | undefined {
  const c = e.contact;
  return c?.platformId || c?.externalId || c?.email || c?.phone || undefined;
}

/** The two link keys an event can read: its own contact's and its own conversation's, nobody else's. */
export function linkKeys(e: Pick<BridgeEvent, 'platform' | 'contact' | 'conversation'>): {
  contact?: string;
  conversation?: string;
} {
  const contact = contactSourceId(e);
  const conversation = e.conversation?.id || undefined;
  return {
    contact: contact ? `${e.platform}|contact|${contact}` : undefined,
    conversation: conversation ? `${e.platform}|conversation|${conversation}` : undefined,
  };
}

/** `links.contact` / `links.conversation` for an event (unexpired only). */
export async function readLinks(e: BridgeEvent, now = Date.now()): Promise<LinkValues> {
  const keys = linkKeys(e);
  const out: LinkValues = {};
  for (const kind of ['contact', 'conversation'] as const) {
    const key = keys[kind];
    if (!key) continue;
    const row = await getRow<LinkRecord>(STORES.links, key);
    if (row && row.expiresAt > now) out[kind] = row.value;
  }
  return out;
}

/** Remembers a CRM record for the event's contact or conversation. */
export async function rememberLink(
  e: BridgeEvent,
  kind: 'contact' | 'conversation',
  value: string,
  ruleId: string,
  now = Date.now(),
): Promise<boolean> {
  const key = linkKeys(e)[kind];
  const clean = value.trim().slice(0, LINK_LIMITS.valueChars);
  if (!key || !clean) return false;
  const c = e.contact;
  const label = kind === 'contact' ? c?.name || c?.email || c?.phone : `conversation ${e.conversation?.id}`;
  await putRow<LinkRecord>(STORES.links, {
    key,
    platform: e.platform,
    kind,
    sourceId: key.split('|').slice(2).join('|'),
    value: clean,
    ruleId,
    label: label?.slice(0, 200),
    updatedAt: now,
    expiresAt: now + LINK_LIMITS.ttlMs,
  });
  await prune(STORES.links, now, LINK_LIMITS.max);
  return true;
}

/** The options page's list: unexpired links, newest first, filtered by a case-insensitive search. */
export async function listLinks(query = '', now = Date.now(), limit = 500): Promise<LinkRecord[]> {
  const q = query.trim().toLowerCase();
  return (await allRows<LinkRecord>(STORES.links))
    .filter((l) => l.expiresAt > now)
    .filter(
      (l) =>
        !q ||
        [l.sourceId, l.value, l.label ?? '', l.platform, l.ruleId].some((s) => s.toLowerCase().includes(q)),
    )
    .sort((a, b) => b.updatedAt - a.updatedAt)
    .slice(0, limit);
}

export const deleteLink = (key: string) => deleteRow(STORES.links, key);

/** A step's `remember`: its templates over the chain context become this event's record links. */
export async function rememberStep(chain: ChainRecord, action: Action): Promise<void> {
  if (!action.remember) return;
  const scope = await chainScope(chain);
  for (const kind of ['contact', 'conversation'] as const) {
    const tpl = action.remember[kind];
    if (!tpl) continue;
    const value = renderText(tpl, scope);
    if (value && (await rememberLink(chain.event, kind, value, chain.rule.id))) chain.links[kind] = value;
  }
}
