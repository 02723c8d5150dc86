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
 * One origin may host several platforms' workspaces, so a frame can be detected for more than one.
 */
export class FrameRegistry {
  readonly frames = new Map<HTMLIFrameElement, DetectedFrame[]>();
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
    const before = JSON.stringify(this.frames.get(el) ?? []);
    const detected = this.classify(el.src);
    if (detected.length) this.frames.set(el, detected);
    else this.frames.delete(el);
    return before !== JSON.stringify(detected);
  }

  private classify(src: string): DetectedFrame[] {
    if (!src) return [];
    let url: URL;
    try {
      url = new URL(src, location.href);
    } catch {
      return [];
    }
    return this.platforms
      .filter(
        (p) =>
          p.tap === 'postMessage' &&
          p.origins.includes(url.origin) &&
          (!p.framePathHint || url.pathname.includes(p.framePathHint)),
      )
      .map((p) => ({ platform: p.id, origin: url.origin, url: url.href }));
  }

  /** Is `source` the window of a frame detected as `platform`'s workspace? Returns that detection. */
  bySource(source: MessageEventSource | null, platform: string): DetectedFrame | undefined {
    if (!source) return undefined;
    for (const [el, list] of this.frames)
      if (el.contentWindow === source) return list.find((d) => d.platform === platform);
    return undefined;
  }

  firstOf(platform: string): [HTMLIFrameElement, DetectedFrame] | undefined {
    for (const [el, list] of this.frames) {
      const d = list.find((x) => x.platform === platform);
      if (d && el.isConnected) return [el, d];
    }
    return undefined;
  }

  list(): DetectedFrame[] {
    return [...this.frames.values()].flat();
  }
}
