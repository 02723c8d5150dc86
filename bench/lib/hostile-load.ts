// The hostile loads of bench/hostile.ts, run inside the browser (plain JavaScript strings, so the TS
// transpiler adds no helpers), and the two guards that keep the bench bounded when the worker is not:
// a journal poll that never waits on a frozen worker, and a browser close that cannot hang.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import type { Frame, Page } from 'playwright-core';
import type { Launched } from '../../test/harness/browser';
import { sleep } from './stats';

export interface FloodPlan {
  ms: number;
  /** Synthetic and page-posted messages per second (the frames of `prepareFloodFrames` add theirs). */
  perSecond: number;
  /** Messages per second each flood frame posts. */
  framePerSecond: number;
  /** A trusted workspace origin of the site (forged with sources that are not the workspace frame). */
  trustedOrigin: string;
  /** An untrusted origin that really exists (the third demo server). */
  untrustedOrigin: string;
  /** Bytes of random text in each payload (the bridge keeps ≤ 4,000 B of it as the sample). */
  sampleBytes: number;
}

const FLOOD_SITE = 'flood.test';

/**
 * A frame page for `http://f<k>.flood.test/` (answered by Playwright routing, no network): on the
 * parent's `go` it posts real (isTrusted) Rox.Chat-shaped messages to the parent at `rate`/s for `ms`,
 * each with fresh random text, then reports how many. One site, so one renderer for all of them; each
 * subdomain is its own origin, so each is a distinct untrusted origin to the bridge.
 */
const FRAME_HTML = `<!doctype html><script>
addEventListener('message', async (e) => {
  if (!e.data || !e.data.floodGo) return;
  const p = e.data.floodGo;
  const pad = (n) => { let s = ''; while (s.length < n) s += Math.random().toString(36).slice(2); return s.slice(0, n); };
  const start = performance.now();
  let sent = 0;
  while (performance.now() - start < p.ms) {
    const due = Math.floor(((performance.now() - start) * p.rate) / 1000);
    while (sent < due) {
      const rnd = pad(12);
      parent.postMessage({ source: 'roxchat', event: 'newMessageAdded', params: {
        roxchatVisitorId: 'flood-' + rnd, chatId: sent++, sessionId: rnd, kind: 'visitor',
        messageText: 'frame flood ' + pad(p.sampleBytes) } }, '*');
    }
    await new Promise((r) => setTimeout(r, 4));
  }
  parent.postMessage({ floodDone: sent }, '*');
});
parent.postMessage({ floodReady: location.origin }, '*');
</script>`;

/** Adds `count` flood frames (distinct origins of one site) to the CRM page; resolves once all loaded. */
export async function prepareFloodFrames(browser: Launched, page: Page, count: number): Promise<number> {
  await browser.ctx.route(`http://*.${FLOOD_SITE}/**`, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: FRAME_HTML }),
  );
  return (await page.evaluate(`new Promise((resolve) => {
    const ready = new Set();
    const done = () => resolve(ready.size);
    addEventListener('message', (e) => {
      if (!e.data || !e.data.floodReady) return;
      ready.add(e.data.floodReady);
      if (ready.size === ${Number(count)}) done();
    });
    for (let k = 0; k < ${Number(count)}; k++) {
      const f = document.createElement('iframe');
      f.className = 'bench-flood';
      f.style.display = 'none';
      f.src = 'http://f' + k + '.${FLOOD_SITE}/';
      document.body.appendChild(f);
    }
    setTimeout(done, 15000);
  })`)) as number;
}

/**
 * The CRM page's own script (main world) floods its window with Rox.Chat-shaped messages that the
 * bridge must refuse, each with page-chosen text: synthetic MessageEvents with a fresh untrusted origin
 * each (so a fresh rejection reason), the trusted origin with a source that is not the workspace frame
 * (null, the page itself, a MessagePort), a real untrusted origin with random ports, and real
 * window.postMessage calls; every payload carries fresh random text. Never the trusted origin with the
 * workspace frame as source: that is the forgery of issue 14 item 1, which today's code accepts as an
 * event, and this load is about rejections. Meanwhile the flood frames post real messages from their
 * own origins (what a page can still do once synthetic events are refused).
 */
const FLOOD_SOURCE = `async (p) => {
  const frame = [...document.querySelectorAll('iframe')].find((f) => f.src.includes('/roxchat/'));
  const ws = frame && frame.contentWindow;
  const port = new MessageChannel().port1;
  const frames = [...document.querySelectorAll('iframe.bench-flood')];
  let framesSent = 0;
  let framesDone = 0;
  const framesFinished = new Promise((resolve) => {
    if (!frames.length) resolve();
    addEventListener('message', (e) => {
      if (!e.data || e.data.floodDone === undefined) return;
      framesSent += e.data.floodDone;
      if (++framesDone === frames.length) resolve();
    });
  });
  for (const f of frames) f.contentWindow.postMessage({ floodGo: { rate: p.framePerSecond, ms: p.ms, sampleBytes: p.sampleBytes } }, '*');
  const start = performance.now();
  let sent = 0;
  const kinds = [0, 0, 0, 0, 0, 0];
  const pad = (n) => { let s = ''; while (s.length < n) s += Math.random().toString(36).slice(2); return s.slice(0, n); };
  while (performance.now() - start < p.ms) {
    const due = Math.floor(((performance.now() - start) * p.perSecond) / 1000);
    while (sent < due) {
      const k = sent++;
      const rnd = pad(12);
      const data = { source: 'roxchat', event: 'newMessageAdded', params: {
        roxchatVisitorId: 'flood-' + rnd, chatId: k, sessionId: rnd, kind: 'visitor',
        messageText: 'flood ' + k + ' ' + pad(p.sampleBytes) } };
      const kind = k % 6;
      kinds[kind]++;
      if (kind === 5) { window.postMessage(data, '*'); continue; }
      const init =
        kind === 0 || kind === 1 ? { origin: 'https://r' + rnd + '.flood.example', source: kind === 0 && ws ? ws : null }
        : kind === 2 ? { origin: p.trustedOrigin, source: k % 2 ? window : null }
        : kind === 3 ? { origin: p.trustedOrigin, source: port }
        : { origin: p.untrustedOrigin.replace(/:\\d+$/, '') + ':' + (1024 + (k % 60000)), source: null };
      window.dispatchEvent(new MessageEvent('message', { data, ...init }));
    }
    await new Promise((r) => setTimeout(r, 4));
  }
  await Promise.race([framesFinished, new Promise((r) => setTimeout(r, 5000))]);
  return { sent: sent + framesSent, page: sent, frames: framesSent, kinds };
}`;

export interface FloodReport {
  /** All messages: the page's own plus the frames'. */
  sent: number;
  page: number;
  frames: number;
  /** Page messages by kind (see FLOOD_SOURCE). */
  kinds: number[];
}

export function flood(page: Page, plan: FloodPlan): Promise<FloodReport> {
  return page.evaluate(`(${FLOOD_SOURCE})(${JSON.stringify(plan)})`) as Promise<FloodReport>;
}

export interface PayloadPlan {
  /** How many hostile payloads, alternating a huge message text and a deep + wide object. */
  count: number;
  bytes: number;
  depth: number;
  tag: string;
}

/**
 * From the genuine workspace frame (a trusted source: its payload is attacker text, e.g. a visitor's
 * message): Rox.Chat newMessageAdded events whose text is `bytes` long, alternating with events whose
 * params carry an extra object nested `depth` levels deep beside a flat object of about `bytes` bytes
 * (20,000 keys). Every payload is unique, so none is suppressed as a duplicate. Built before the phase
 * (`preparePayloads`), so building them does not hold up the frame's genuine sends; `sendPayloads`
 * then posts them `gapMs` apart.
 */
const PREPARE_SOURCE = `(p) => {
  const base = { roxchatVisitorId: 'bench-visitor', providedVisitorId: null, sessionId: 'bench-session',
    kind: 'visitor', siebelId: null };
  const big = 'x'.repeat(p.bytes);
  const keys = 20000;
  const per = Math.max(1, Math.floor(p.bytes / keys) - 12);
  const out = [];
  for (let h = 0; h < p.count; h++) {
    const id = p.tag + '|' + h + '|';
    if (h % 2 === 0) {
      out.push({ ...base, chatId: 9000 + h, messageText: id + big });
    } else {
      let deep = { leaf: id };
      for (let d = 0; d < p.depth; d++) deep = { d: deep };
      const wide = {};
      for (let k = 0; k < keys; k++) wide['k' + k] = String(k).padStart(per, 'w');
      out.push({ ...base, chatId: 9000 + h, messageText: id, extra: { deep, wide } });
    }
  }
  window.__benchPayloads = out;
  return out.length;
}`;

const SEND_SOURCE = `async (gapMs) => {
  let sent = 0;
  for (const params of window.__benchPayloads) {
    await new Promise((r) => setTimeout(r, gapMs));
    window.sim.emit('newMessageAdded', params);
    sent++;
  }
  return { sent };
}`;

export function preparePayloads(frame: Frame, plan: PayloadPlan): Promise<number> {
  return frame.evaluate(`(${PREPARE_SOURCE})(${JSON.stringify(plan)})`) as Promise<number>;
}

export function sendPayloads(frame: Frame, gapMs: number): Promise<{ sent: number }> {
  return frame.evaluate(`(${SEND_SOURCE})(${Number(gapMs)})`) as Promise<{ sent: number }>;
}

/** One visitor message from the genuine workspace frame with the given text (the ReDoS input). */
export function visitorMessage(frame: Frame, text: string, chatId = 8000): Promise<void> {
  return frame.evaluate(`(() => {
    window.sim.emit('newMessageAdded', { roxchatVisitorId: 'bench-visitor', providedVisitorId: null,
      chatId: ${Number(chatId)}, sessionId: 'bench-session', kind: 'visitor',
      messageText: ${JSON.stringify(text)}, siebelId: null });
  })()`) as Promise<void>;
}

/** Resolves with `p`'s value, or with `undefined` once `ms` have passed (p keeps running, unobserved). */
export function within<T>(p: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const guarded = p.catch(() => undefined);
  return Promise.race([
    guarded,
    new Promise<undefined>((r) => {
      timer = setTimeout(() => r(undefined), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** What the bench needs of a journal entry (a payload nested 1,000 deep cannot leave the page whole). */
export interface Slim {
  seq?: number;
  kind: 'event' | 'rejected';
  at: number;
  /** Event entries: the first 100 characters of the message text and the worker's capture time. */
  text?: string;
  receivedAt?: number;
  reason?: string;
  count?: number;
}

/** `journal.recent` from an extension page, each entry reduced to a Slim inside the page. */
export function recentSlim(browser: Launched, limit: number, beforeSeq?: number): Promise<Slim[]> {
  return browser.extPage().then(
    (page) =>
      page.evaluate(
        `(async (req) => {
          const r = await chrome.runtime.sendMessage(req);
          return r.entries.map((e) => e.kind === 'event'
            ? { seq: e.seq, kind: e.kind, at: e.at, receivedAt: e.event.receivedAt,
                text: typeof e.event.message?.text === 'string' ? e.event.message.text.slice(0, 100) : undefined }
            : { seq: e.seq, kind: e.kind, at: e.at, reason: e.reason, count: e.count });
        })(${JSON.stringify({ type: 'journal.recent', limit, ...(beforeSeq === undefined ? {} : { beforeSeq }) })})`,
      ) as Promise<Slim[]>,
  );
}

/**
 * Polls the journal until `done()` holds or `until` (epoch ms) passes: the newest entry only (cheap, even
 * when entries are 1 MB), and, once the newest has not changed for a second, the newest 100 (an entry
 * awaited may sit below a late rejection report). One request in flight at a time: a frozen worker
 * never answers, and requests must not pile up behind it. Every answer, however late, is handed to
 * `seen`. Returns whether `done` held.
 */
export async function pollJournal(
  browser: Launched,
  opts: { until: number; everyMs: number },
  seen: (entries: Slim[]) => void,
  done: () => boolean,
): Promise<boolean> {
  let inFlight = false;
  let newest: number | undefined;
  let changedAt = Date.now();
  let deepFor: number | undefined;
  while (Date.now() < opts.until && !done()) {
    if (!inFlight) {
      inFlight = true;
      const deep = Date.now() - changedAt >= 1000 && deepFor !== newest;
      if (deep) deepFor = newest;
      recentSlim(browser, deep ? 100 : 1).then(
        (entries) => {
          inFlight = false;
          seen(entries);
          const seq = entries[0]?.seq;
          if (seq !== newest) {
            newest = seq;
            changedAt = Date.now();
          }
        },
        () => {
          inFlight = false;
        },
      );
    }
    await sleep(opts.everyMs);
  }
  return done();
}

/**
 * Closes the browser within `ms`; if it has not exited by then (a worker frozen in a regex can hold up
 * shutdown), SIGKILLs the Chromium processes this launch started — found by their own profile
 * directory on the command line, killed by pid — and removes the profile.
 */
export async function closeWithin(browser: Launched, ms: number): Promise<'closed' | 'killed'> {
  if (
    (await within(
      browser.close().then(() => true),
      ms,
    )) === true
  )
    return 'closed';
  const flag = `--user-data-dir=${browser.profileDir}`;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      if (cmd.includes(flag)) process.kill(Number(pid), 'SIGKILL');
    } catch {
      /* exited meanwhile, or not ours to read */
    }
  }
  await sleep(500);
  rmSync(browser.profileDir, { recursive: true, force: true });
  return 'killed';
}
