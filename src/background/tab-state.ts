import { browser } from 'wxt/browser';
import type { TabStatus } from '../protocol';

type Workspaces = TabStatus['workspaces'];
type Sockets = TabStatus['sockets'];

/**
 * Per-tab view the popup header shows: detected workspaces and WebSocket connection states. Kept in
 * storage.session so it survives the worker sleeping (not a browser restart, where tabs reload anyway).
 */
export class TabState {
  private workspaces = new Map<number, Workspaces>();
  private sockets = new Map<number, Sockets>();
  private loaded?: Promise<void>;
  private saveTimer?: ReturnType<typeof setTimeout>;

  load(): Promise<void> {
    if (this.loaded) return this.loaded;
    this.loaded = browser.storage.session
      .get('tabState')
      .then((r) => {
        const s = r.tabState as { w?: Array<[number, Workspaces]>; s?: Array<[number, Sockets]> } | undefined;
        this.workspaces = new Map(s?.w ?? []);
        this.sockets = new Map(s?.s ?? []);
      })
      .catch(() => undefined);
    return this.loaded;
  }

  private save(): void {
    if (this.saveTimer) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      void browser.storage.session
        .set({ tabState: { w: [...this.workspaces], s: [...this.sockets] } })
        .catch(() => undefined);
    }, 200);
  }

  setWorkspaces(
    tabId: number,
    frameId: number,
    frames: Array<{ platform: string; origin: string; url: string }>,
  ): void {
    const rest = (this.workspaces.get(tabId) ?? []).filter((w) => w.frameId !== frameId);
    this.workspaces.set(tabId, [...rest, ...frames.map((f) => ({ ...f, frameId }))]);
    this.save();
  }

  setSocket(tabId: number, frameId: number, s: Omit<Sockets[number], 'frameId' | 'at'>): void {
    const list = (this.sockets.get(tabId) ?? []).filter((x) => !(x.url === s.url && x.frameId === frameId));
    list.push({ ...s, frameId, at: Date.now() });
    this.sockets.set(tabId, list.slice(-10));
    this.save();
  }

  forget(tabId: number): void {
    this.workspaces.delete(tabId);
    this.sockets.delete(tabId);
    this.save();
  }

  get(tabId: number): Pick<TabStatus, 'workspaces' | 'sockets'> {
    return { workspaces: this.workspaces.get(tabId) ?? [], sockets: this.sockets.get(tabId) ?? [] };
  }
}
