import { useCallback, useEffect, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import type { JournalEntry } from '../../journal/types';
import { INSPECTOR_PORT, type InspectorPush, type TabStatus } from '../../protocol';
import { t } from '../../util/i18n';
import { request } from '../api';
import { mergeEntries } from './store';

/** The worker's port snapshot holds this many entries; older pages are fetched by this size too. */
export const PAGE_SIZE = 200;
/** Live pushes are applied in batches so a burst of events costs one render. */
const FLUSH_MS = 60;
const RECONNECT_MS = 1000;

export interface Inspector {
  entries: JournalEntry[];
  /** Port to the worker open (false while reconnecting). */
  live: boolean;
  /** The first snapshot has arrived. */
  ready: boolean;
  /** The popup's current tab: `?tab=<id>` in the URL, else the active tab of the last focused window. */
  tabId?: number;
  status?: TabStatus;
  paused: boolean;
  loadingOlder: boolean;
  /** No entries older than the oldest loaded remain in the journal. */
  exhausted: boolean;
  loadOlder(): void;
  refreshStatus(): Promise<void>;
  setPaused(paused: boolean): Promise<void>;
  clear(): Promise<void>;
}

export function pinnedTab(search: string): number | undefined {
  const raw = new URLSearchParams(search).get('tab');
  if (raw === null || !/^\d+$/.test(raw)) return undefined;
  return Number(raw);
}

async function currentTabId(): Promise<number | undefined> {
  const pinned = pinnedTab(location.search);
  if (pinned !== undefined) return pinned;
  const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true }).catch(() => []);
  return tab?.id;
}

export function useInspector(): Inspector {
  const [entries, setEntries] = useState<JournalEntry[]>([]);
  const [live, setLive] = useState(false);
  const [ready, setReady] = useState(false);
  const [tabId, setTabId] = useState<number>();
  const [status, setStatus] = useState<TabStatus>();
  const [paused, setPausedState] = useState(false);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [exhausted, setExhausted] = useState(false);
  const tabRef = useRef<number | undefined>(undefined);
  const entriesRef = useRef(entries);
  entriesRef.current = entries;
  const loadingRef = useRef(false);

  // Port: snapshot + live entries + tab status; reconnects if the worker restarts.
  useEffect(() => {
    let port: ReturnType<typeof browser.runtime.connect> | undefined;
    let closed = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let flush: ReturnType<typeof setTimeout> | undefined;
    let pending: JournalEntry[] = [];

    const applyPending = () => {
      flush = undefined;
      const batch = pending;
      pending = [];
      setEntries((list) => mergeEntries(list, batch));
    };
    const onMessage = (raw: unknown) => {
      const msg = raw as InspectorPush;
      if (msg.type === 'snapshot') {
        setEntries((list) => mergeEntries(list, msg.entries));
        if (entriesRef.current.length === 0) setExhausted(msg.entries.length < PAGE_SIZE);
        setReady(true);
      } else if (msg.type === 'entry') {
        pending.push(msg.entry);
        flush ??= setTimeout(applyPending, FLUSH_MS);
      } else if (msg.type === 'tab') {
        if (msg.status.tabId === tabRef.current) {
          setStatus(msg.status);
          setPausedState(msg.status.paused);
        }
      }
    };
    const connect = () => {
      retry = undefined;
      try {
        port = browser.runtime.connect({ name: INSPECTOR_PORT });
      } catch {
        retry = setTimeout(connect, RECONNECT_MS);
        return;
      }
      setLive(true);
      port.onMessage.addListener(onMessage);
      port.onDisconnect.addListener(() => {
        setLive(false);
        if (!closed) retry = setTimeout(connect, RECONNECT_MS);
      });
    };
    connect();
    return () => {
      closed = true;
      if (retry) clearTimeout(retry);
      if (flush) clearTimeout(flush);
      port?.disconnect();
    };
  }, []);

  const refreshStatus = useCallback(async () => {
    const id = tabRef.current;
    if (id === undefined) {
      const r = await request({
        type: 'settings.get',
      });
      setPausedState(!!(r?.effective ?? r?.settings)?.paused);
      return;
    }
    const s = await request({ type: 'tab.status', tabId: id });
    if (s && typeof s === 'object' && 'tabId' in s) {
      setStatus(s);
      setPausedState(s.paused);
    }
  }, []);

  useEffect(() => {
    void currentTabId().then((id) => {
      tabRef.current = id;
      setTabId(id);
      void refreshStatus();
    });
    const onFocus = () => void refreshStatus();
    window.addEventListener('focus', onFocus);
    return () => window.removeEventListener('focus', onFocus);
  }, [refreshStatus]);

  const loadOlder = useCallback(() => {
    if (loadingRef.current) return;
    const list = entriesRef.current;
    const oldest = list[list.length - 1]?.seq;
    if (oldest === undefined) return;
    loadingRef.current = true;
    setLoadingOlder(true);
    void request({ type: 'journal.recent', limit: PAGE_SIZE, beforeSeq: oldest })
      .then((r) => {
        const page = r?.entries ?? [];
        setEntries((l) => mergeEntries(l, page));
        if (page.length < PAGE_SIZE) setExhausted(true);
      })
      .finally(() => {
        loadingRef.current = false;
        setLoadingOlder(false);
      });
  }, []);

  const setPaused = useCallback(
    async (p: boolean) => {
      const r = await request({ type: 'capture.pause', paused: p });
      if (!r?.ok) throw new Error(r?.error ?? t('popup.header.pauseFailed'));
      setPausedState(p);
      await refreshStatus();
    },
    [refreshStatus],
  );

  const clear = useCallback(async () => {
    await request({ type: 'journal.clear' });
    setEntries([]);
    setExhausted(true);
  }, []);

  return {
    entries,
    live,
    ready,
    tabId,
    status,
    paused,
    loadingOlder,
    exhausted,
    loadOlder,
    refreshStatus,
    setPaused,
    clear,
  };
}
