// In-memory stand-ins for the journal and the feed, for the pipeline stage tests.
import { type Settings, type SettingsInput, SettingsSchema } from '../../../../src/config/settings';
import type { EventEntry, JournalEntry } from '../../../../src/journal/types';
import { roxchat } from '../../../../src/platforms/roxchat';

export class MemJournal {
  readonly entries: JournalEntry[] = [];
  async append(e: JournalEntry): Promise<number> {
    const seq = this.entries.length + 1;
    this.entries.push({ ...structuredClone(e), seq });
    return seq;
  }
  async get(seq: number) {
    const e = this.entries[seq - 1];
    return e && structuredClone(e);
  }
  async update(seq: number, mutate: (e: JournalEntry) => void) {
    const e = this.entries[seq - 1];
    if (!e) return undefined;
    mutate(e);
    return structuredClone(e);
  }
  async byCid(cid: string) {
    return this.entries.filter((e) => e.cid === cid).map((e) => structuredClone(e));
  }
  async unfinished() {
    return this.entries.filter((e) => e.kind === 'event' && e.state === 'processing');
  }
}

export class MemFeed {
  readonly published: JournalEntry[] = [];
  readonly tabs: number[] = [];
  publish(e: JournalEntry) {
    this.published.push(e);
  }
  publishTab(id: number) {
    this.tabs.push(id);
  }
}

export const CRM = 'https://crm.example.com';
export const WS = 'https://acme.rox.chat';

export function settingsWith(over: Partial<SettingsInput> = {}): Settings {
  return SettingsSchema.parse({
    sites: [{ id: 'crm', matches: [`${CRM}/*`], platforms: { roxchat: { origins: [WS] } } }],
    rules: [{ id: 'r1', name: 'log all', when: { events: ['message.created'] }, then: [{ kind: 'log' }] }],
    ...over,
  });
}

export const who = {
  kind: 'content-script' as const,
  tabId: 3,
  frameId: 0,
  url: `${CRM}/contacts/1`,
  tabTitle: 'CRM',
};

export function roxPayload(name = 'newMessageAdded'): unknown {
  const f = roxchat.fixtures.find((x) => x.name === name);
  if (!f) throw new Error(name);
  return structuredClone(f.raw);
}

/** A rule posting each chat message to the CRM (one http action). */
export const httpRule = {
  id: 'h1',
  name: 'post',
  when: { events: ['message.created' as const] },
  then: [{ kind: 'http' as const, url: `${CRM}/api` }],
};

/** A Rox.Chat message event (`m<n>`) that rule `ruleId` matched, not yet journaled (state processing). */
export function matchedEntry(ruleId: string, n = 1): EventEntry {
  const event = {
    id: `roxchat:newMessageAdded:k:m${n}`,
    platform: 'roxchat' as const,
    type: 'message.created' as const,
    sourceEvent: 'newMessageAdded',
    receivedAt: 1,
    origin: WS,
    page: { url: `${CRM}/`, title: '' },
    tabId: 1,
    frameId: 0,
    data: {},
  };
  return {
    kind: 'event',
    at: 1,
    eventId: event.id,
    tabId: 1,
    platform: 'roxchat',
    type: 'message.created',
    event,
    matches: [{ ruleId, ruleName: ruleId }],
    actions: [],
    state: 'processing',
  };
}
