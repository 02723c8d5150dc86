import type { BridgeConfig } from '../messaging/protocol';

type PlatformCfg = BridgeConfig['platforms'][number];

export interface DetectedFrame {
  platform: PlatformCfg['id'];
  /** The exact origin of the iframe's src: the targetOrigin for commands into it. */
  origin: string;
  url: string;
}

/**
 * Keeps the registry of agent-workspace iframes in this document: an initial scan plus a
 * MutationObserver for iframes added later and `src` changes. A frame is a platform's workspace when
 * its src origin is trusted for that platform on this site (and its path contains the platform's hint).
 */
export class FrameRegistry {
  readonly frames = new Map<HTMLIFrameElement, DetectedFrame>();
  private observer?: MutationObserver;

  constructor(
    private readonly platforms: PlatformCfg[],
    private readonly onChange: () => void,
  ) {}

  start(doc: Document): void {
    for (const el of Array.from(doc.getElementsByTagName('iframe'))) this.consider(el);
    this.observer = new MutationObserver((records) => {
      let changed = false;
      for (const r of records) {
        if (r.type === 'attributes') {
          if (r.target instanceof HTMLIFrameElement) changed = this.consider(r.target) || changed;
          continue;
        }
        for (const n of Array.from(r.addedNodes)) changed = this.scan(n) || changed;
        for (const n of Array.from(r.removedNodes)) changed = this.forget(n) || changed;
      }
      if (changed) this.onChange();
    });
    this.observer.observe(doc, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: ['src'],
    });
    if (this.frames.size > 0) this.onChange();
  }

  private scan(node: Node): boolean {
    if (!(node instanceof Element)) return false;
    if (node instanceof HTMLIFrameElement) return this.consider(node);
    let changed = false;
    for (const el of Array.from(node.getElementsByTagName('iframe'))) changed = this.consider(el) || changed;
    return changed;
  }

  private forget(node: Node): boolean {
    if (!(node instanceof Element)) return false;
    let changed = false;
    for (const el of this.frames.keys()) {
      if (el === node || node.contains(el)) changed = this.frames.delete(el) || changed;
    }
    return changed;
  }

  /** (Re)classifies one iframe from its current src. Returns whether the registry changed. */
  consider(el: HTMLIFrameElement): boolean {
    const before = this.frames.get(el);
    const detected = this.classify(el.src);
    if (detected) this.frames.set(el, detected);
    else this.frames.delete(el);
    return before?.url !== detected?.url || before?.platform !== detected?.platform;
  }

  private classify(src: string): DetectedFrame | undefined {
    if (!src) return undefined;
    let url: URL;
    try {
      url = new URL(src, location.href);
    } catch {
      return undefined;
    }
    for (const p of this.platforms) {
      if (p.tap !== 'postMessage' || !p.origins.includes(url.origin)) continue;
      if (p.framePathHint && !url.pathname.includes(p.framePathHint)) continue;
      return { platform: p.id, origin: url.origin, url: url.href };
    }
    return undefined;
  }

  /** The detected frame whose window sent a message, if any. */
  bySource(source: MessageEventSource | null): [HTMLIFrameElement, DetectedFrame] | undefined {
    if (!source) return undefined;
    for (const entry of this.frames) if (entry[0].contentWindow === source) return entry;
    return undefined;
  }

  firstOf(platform: string): [HTMLIFrameElement, DetectedFrame] | undefined {
    for (const entry of this.frames) if (entry[1].platform === platform && entry[0].isConnected) return entry;
    return undefined;
  }

  list(): DetectedFrame[] {
    return [...this.frames.values()];
  }
}
