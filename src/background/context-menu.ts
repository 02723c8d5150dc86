// Actions the agent starts: a context menu on selected text, phone numbers and e-mail addresses in the
// configured CRM pages, built from the configured sites and what each of their platforms declares it can
// start (src/platforms/<id>/agent.ts). This file names no platform. A click becomes the platform's
// command, sent through the agent-command path (src/actions/run.ts sendAgentCommand) to the page's
// workspace. The selection is data: it only ever becomes a command parameter, validated by the
// command's schema; it never picks a host, a secret or a template.
import { type Browser, browser } from 'wxt/browser';
import type { sendAgentCommand } from '../actions/run';
import { enabledPlatforms, type Settings } from '../config/settings';
import type { EventEntry, JournalEntry } from '../journal/types';
import { agentStarts } from '../platforms/agent';
import type { AgentTarget, SeenEvent } from '../platforms/agent-types';
import { t } from '../util/i18n';
import { sitesAt } from './sites';

/** A menu item as chrome.contextMenus.create takes it (the ids are `<platform>:<start id>`). */
export interface MenuItem {
  id: string;
  title: string;
  contexts: ['selection', 'link'];
  documentUrlPatterns: string[];
}

/** What a click did: the command's outcome, or why nothing was sent. */
export type MenuResult = { status: 'ok' | 'failed'; detail?: string; error?: string };

const PHONE = /^\+?[\d\s().-]{6,}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** Longest selection taken (a command parameter, not a document). */
const MAX_TEXT = 200;

/** The menu for these settings: one item per platform start, shown on the pages of the sites that enable it. */
export function menuItems(settings: Settings): MenuItem[] {
  const patterns = new Map<string, Set<string>>();
  for (const site of settings.sites) {
    for (const id of enabledPlatforms(site)) {
      const set = patterns.get(id) ?? new Set<string>();
      for (const m of site.matches) set.add(m);
      patterns.set(id, set);
    }
  }
  const items: MenuItem[] = [];
  for (const [platform, set] of patterns) {
    for (const start of agentStarts(platform as Parameters<typeof agentStarts>[0])) {
      items.push({
        id: `${platform}:${start.id}`,
        title: start.title,
        contexts: ['selection', 'link'],
        documentUrlPatterns: [...set].sort(),
      });
    }
  }
  return items.sort((a, b) => a.id.localeCompare(b.id));
}

/** What was clicked: a tel:/mailto: link, else the selection, classified as a phone, an e-mail or text. */
export function clickedTarget(info: {
  selectionText?: string;
  linkUrl?: string;
}): { text: string; target: AgentTarget } | undefined {
  const link = info.linkUrl ?? '';
  if (/^tel:/i.test(link))
    return { text: decodeURIComponent(link.slice(4)).trim().slice(0, MAX_TEXT), target: 'phone' };
  if (/^mailto:/i.test(link)) {
    const address = decodeURIComponent(link.slice(7).split('?')[0] ?? '').trim();
    return { text: address.slice(0, MAX_TEXT), target: 'email' };
  }
  const text = (info.selectionText ?? '').trim().slice(0, MAX_TEXT);
  if (!text) return undefined;
  if (EMAIL.test(text)) return { text, target: 'email' };
  if (PHONE.test(text) && text.replace(/\D/g, '').length >= 6) return { text, target: 'phone' };
  return { text, target: 'selection' };
}

export interface MenuDeps {
  settings(): Settings;
  /** Newest journal entries first. */
  recent(limit: number): Promise<JournalEntry[]>;
  send: typeof sendAgentCommand;
}

/** Builds the menu and answers its clicks. `apply` runs after each settings reload. */
export class ContextMenu {
  constructor(private readonly deps: MenuDeps) {}

  private applying: Promise<void> = Promise.resolve();

  /**
   * Rebuilds the menu (serialised: two reloads must not create the same ids twice). A browser without
   * menus, or a refusal, leaves the menu out and never stops the rest of a settings reload.
   */
  apply(settings: Settings): Promise<void> {
    this.applying = this.applying.then(async () => {
      const menus = browser.contextMenus;
      if (!menus) return;
      try {
        await menus.removeAll();
        for (const item of menuItems(settings)) menus.create(item, () => void browser.runtime.lastError);
      } catch {}
    });
    return this.applying;
  }

  /** The contextMenus.onClicked handler (also called by the test build's hook: menus cannot be clicked headless). */
  async onClicked(
    info: { menuItemId: string | number; selectionText?: string; linkUrl?: string; frameId?: number },
    tab: Pick<Browser.tabs.Tab, 'id' | 'url'> | undefined,
  ): Promise<MenuResult> {
    const [platform, startId] = String(info.menuItemId).split(':');
    const start = platform
      ? agentStarts(platform as Parameters<typeof agentStarts>[0]).find((s) => s.id === startId)
      : undefined;
    if (!platform || !start) return { status: 'failed', error: t('menu.unknownItem') };
    const clicked = clickedTarget(info);
    if (!clicked) return { status: 'failed', error: t('menu.selectFirst') };
    if (
      clicked.target !== 'selection' &&
      !start.targets.includes(clicked.target) &&
      !start.targets.includes('selection')
    )
      return { status: 'failed', error: t('menu.notApplicable') };
    // The page must still be a configured site for this platform (the menu's patterns may be stale).
    const url = tab?.url ?? '';
    const here = tab?.id === undefined ? [] : sitesAt(this.deps.settings(), url);
    if (
      tab?.id === undefined ||
      !here.some((s) => s.platforms[platform as keyof typeof s.platforms]?.enabled)
    )
      return { status: 'failed', error: t('menu.notConfigured') };
    const seenEntries = (await this.deps.recent(500)).filter(
      (e): e is EventEntry => e.kind === 'event' && e.event.platform === platform && e.event.tabId === tab.id,
    );
    const seen: SeenEvent[] = seenEntries.map((e) => ({
      contact: e.event.contact,
      conversation: e.event.conversation,
      data: e.event.data,
    }));
    const built = start.params({ ...clicked, seen });
    if (!built.ok) return { status: 'failed', error: built.error };
    // The workspace lives where its events came from; with none seen yet, the frame that was clicked.
    const last = seenEntries[0]?.event;
    const to = last
      ? { tabId: tab.id, frameId: last.frameId, documentId: last.documentId }
      : { tabId: tab.id, frameId: info.frameId ?? 0 };
    const outcome = await this.deps.send(platform, start.command, built.params, to);
    return outcome.status === 'ok'
      ? { status: 'ok', detail: outcome.detail }
      : { status: 'failed', error: outcome.error ?? t('menu.refused') };
  }
}
