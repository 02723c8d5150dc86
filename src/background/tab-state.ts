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
  /** Changes made before load() read the stored state (undefined once it has). */
  private early?: Array<() => void> = [];

  /**
   * Reads the stored state once. Changes made before it arrived (the worker's init starts direct mode
   * before it loads this) are newer than what was stored: they are replayed over it, not lost.
   */
  load(): Promise<void> {
    if (this.loaded) return this.loaded;
    this.loaded = browser.storage.session
      .get('tabState')
      .then(
        (r) => {
          const s = r.tabState as
            | { w?: Array<[number, Workspaces]>; s?: Array<[number, Sockets]> }
            | undefined;
          this.workspaces = new Map(s?.w ?? []);
          this.sockets = new Map(s?.s ?? []);
          for (const change of this.early ?? []) change();
        },
        () => undefined,
      )
      .finally(() => {
        this.early = undefined;
      });
    return this.loaded;
  }

  /** Applies a change now, and again over the stored state if that has not been read yet. */
  private change(fn: () => void): void {
    fn();
    this.early?.push(fn);
    this.save();
  }

  /** Writes (debounced) only once the stored state was read: a partial view never overwrites it. */
  private save(): void {
    if (this.saveTimer) return;
    this.saveTimer = setTimeout(() => {
      void this.load().then(() => {
        this.saveTimer = undefined;
        return browser.storage.session
          .set({ tabState: { w: [...this.workspaces], s: [...this.sockets] } })
          .catch(() => undefined);
      });
    }, 200);
  }

  setWorkspaces(
    tabId: number,
    frameId: number,
    frames: Array<{ platform: string; origin: string; url: string }>,
  ): void {
    const added = frames.map((f) => ({ ...f, frameId }));
    this.change(() => {
      const rest = (this.workspaces.get(tabId) ?? []).filter((w) => w.frameId !== frameId);
      this.workspaces.set(tabId, [...rest, ...added]);
    });
  }

  setSocket(tabId: number, frameId: number, s: Omit<Sockets[number], 'frameId' | 'at'>): void {
    const entry = { ...s, frameId, at: Date.now() };
    this.change(() => {
      const list = (this.sockets.get(tabId) ?? []).filter((x) => !(x.url === s.url && x.frameId === frameId));
      list.push(entry);
      this.sockets.set(tabId, list.slice(-10));
    });
  }

  forget(tabId: number): void {
    this.change(() => {
      this.workspaces.delete(tabId);
      this.sockets.delete(tabId);
    });
  }

  get(tabId: number): Pick<TabStatus, 'workspaces' | 'sockets'> {
    return { workspaces: this.workspaces.get(tabId) ?? [], sockets: this.sockets.get(tabId) ?? [] };
  }
}
