import { type Browser, browser } from 'wxt/browser';
import { dryRun } from '../actions/dry-run';
import { runAction } from '../actions/run';
import { mergeWithPolicy, stripManaged } from '../config/policy';
import { type Settings, SettingsSchema } from '../config/settings';
import { loadSettings, saveSettings } from '../config/store';
import type { BridgeEvent, CaptureContext } from '../events/model';
import type { PlatformId } from '../events/types';
import { Journal } from '../journal/journal';
import type { ActionOutcome, EventEntry, JournalEntry } from '../journal/types';
import {
  type ContentMessage,
  ContentMessageSchema,
  type PageRequest,
  PageRequestSchema,
  type TabStatus,
} from '../messaging/protocol';
import { classifySender, type SenderClass } from '../messaging/senders';
import { Outbox } from '../outbox/outbox';
import type { AttemptReport } from '../outbox/types';
import { getPlatform } from '../platforms';
import { formatIssues } from '../platforms/kit';
import { RuleGate } from '../rules/gate';
import { RuleIndex } from '../rules/matcher';
import { redactDeep } from '../secrets/redact';
import {
  allSecrets,
  deleteSecret,
  isManagedSecret,
  secretNames,
  setManagedSecrets,
  setSecret,
} from '../secrets/store';
import { Badge } from './badge';
import { Dedupe, journalDuplicate, type Sighting } from './dedupe';
import { DirectMode } from './direct-mode';
import { Inspector } from './inspector';
import { PolicyManager } from './policy';
import { syncContentScripts } from './registration';
import { capSummaryReason, RejectionCap } from './rejection-cap';
import { bridgeConfigFor, platformAllowedAt, siteMatches } from './sites';
import { TabState } from './tab-state';

export const OUTBOX_ALARM = 'outbox';

/** Writes an outbox attempt's result onto the journal's action outcome. */
function applyReport(a: ActionOutcome, r: AttemptReport): void {
  a.status = r.status;
  a.attempts = r.item.attempts;
  a.nextAttemptAt = r.status === 'retrying' ? r.item.nextAttemptAt : undefined;
  a.detail = r.httpStatus ? `HTTP ${r.httpStatus}${r.excerpt ? `: ${r.excerpt}` : ''}` : a.detail;
  a.error = r.error;
  a.at = Date.now();
}

type ContentSender = Extract<SenderClass, { kind: 'content-script' }>;
export class App {
  /** Effective configuration: defaults < user settings < admin policy. */
  settings: Settings = SettingsSchema.parse({});
  /** What the user stored (never contains managed entries). */
  userSettings: Settings = SettingsSchema.parse({});
  settingsError?: string;
  readonly policy = new PolicyManager();
  private rules = new RuleIndex([]);
  readonly journal = new Journal(5000);
  readonly dedupe = new Dedupe<Sighting>();
  readonly gate = new RuleGate();
  readonly tabs = new TabState();
  readonly badge = new Badge();
  readonly inspector = new Inspector(this);
  /** OneChat direct mode: the worker's own /cable subscription (settings.onechatDirect). */
  readonly direct = new DirectMode(
    {
      frame: (payload, installUrl) => this.captureDirect(payload, installUrl),
      state: (s) => {
        if (s) this.tabs.setSocket(-1, -1, { platform: 'onechat', ...s });
        else this.tabs.forget(-1);
        this.inspector.pushTab(-1);
      },
    },
    () => this.ready.then(() => this.settings),
  );
  readonly outbox: Outbox;
  readonly ready: Promise<void>;
  /** Captures are processed one at a time, in arrival order (journal order = capture order). */
  private queue: Promise<unknown> = Promise.resolve();

  constructor() {
    this.outbox = new Outbox({
      fetch: (...args) => fetch(...args),
      now: () => Date.now(),
      random: Math.random,
      secrets: () => allSecrets(),
      isManaged: isManagedSecret,
      permitted: (origin) => this.permitted(origin),
      report: async (r) => {
        let found = false;
        const entry = await this.journal.update(r.item.journalSeq, (e) => {
          if (e.kind !== 'event') return;
          const a = e.actions.find((x) => x.outboxId === r.item.id);
          if (!a) return;
          found = true;
          applyReport(a, r);
        });
        // The outbox can finish an item before its action outcome is written to the journal
        // (runActions writes all outcomes at once): keep the report until then.
        if (!found) this.lateReports.set(r.item.id, r);
        else if (entry) this.inspector.push(entry);
      },
      scheduleWake: (at) => {
        if (at === undefined) void browser.alarms.clear(OUTBOX_ALARM);
        else void browser.alarms.create(OUTBOX_ALARM, { when: Math.max(at, Date.now() + 1000) });
      },
    });
    this.ready = this.init();
  }

  private async init(): Promise<void> {
    await this.reloadSettings();
    await this.tabs.load();
    void this.outbox.kick();
    await this.resumeUnfinished();
  }

  /** Host-permission answers, cached briefly (cleared when permissions change): one check per request is costly. */
  private readonly permissionCache = new Map<string, { ok: boolean; at: number }>();
  async permitted(origin: string): Promise<boolean> {
    const hit = this.permissionCache.get(origin);
    if (hit && Date.now() - hit.at < 10_000) return hit.ok;
    const ok = await browser.permissions.contains({ origins: [`${origin}/*`] });
    this.permissionCache.set(origin, { ok, at: Date.now() });
    return ok;
  }
  clearPermissionCache(): void {
    this.permissionCache.clear();
  }

  /** Secret values the journal redactor replaces (kept in memory: the redactor runs inside IDB transactions). */
  async refreshSecrets(): Promise<void> {
    const secrets = await allSecrets();
    this.journal.setRedactor((e) => redactDeep(e, secrets));
  }

  async reloadSettings(opts: { policy?: boolean } = { policy: true }): Promise<void> {
    if (opts.policy) {
      await this.policy.load();
      setManagedSecrets(this.policy.policy.secrets ?? {});
      await this.refreshSecrets();
    }
    const loaded = await loadSettings();
    this.userSettings = loaded.settings;
    this.settingsError = loaded.ok ? undefined : loaded.error;
    const merged = mergeWithPolicy(loaded.settings, this.policy.policy);
    this.settings = merged.settings;
    this.policy.status.ignored = merged.ignored;
    this.rules = new RuleIndex(this.settings.rules);
    this.journal.setLimit(this.settings.journalLimit);
    await syncContentScripts(this.settings);
    await this.direct.apply(this.settings);
  }

  // ---------------------------------------------------------------- messages

  async onMessage(raw: unknown, sender: Browser.runtime.MessageSender): Promise<unknown> {
    await this.ready;
    const who = classifySender(sender, browser.runtime.id, browser.runtime.getURL('/').replace(/\/$/, ''));
    if (who.kind === 'content-script') {
      const parsed = ContentMessageSchema.safeParse(raw);
      if (!parsed.success) return { error: 'invalid message' };
      return this.onContent(parsed.data, who);
    }
    if (who.kind === 'extension-page') {
      const parsed = PageRequestSchema.safeParse(raw);
      if (!parsed.success)
        return { ok: false, error: `invalid request: ${formatIssues(parsed.error).join('; ')}` };
      try {
        return await this.onPage(parsed.data);
      } catch (e) {
        return { ok: false, error: (e as Error).message };
      }
    }
    return undefined;
  }

  private onContent(msg: ContentMessage, who: ContentSender): unknown {
    switch (msg.type) {
      case 'bridge.hello':
        return bridgeConfigFor(this.settings, who.url);
      case 'capture':
        // Answered once the capture is journaled: the bridge re-sends anything not acknowledged
        // (the worker may be stopped at any moment), and `cid` makes the resend idempotent.
        return new Promise((answer) =>
          this.enqueue(() =>
            this.capture(msg, who, () => answer({ ack: true })).catch((e: unknown) => {
              answer({ ack: false });
              throw e;
            }),
          ),
        );
      case 'rejected': {
        // Bounded per tab as well as per bridge: a page with many frames has many bridges.
        const { journal, summary } = this.rejectionCap.admit(who.tabId, msg.count);
        if (summary) this.enqueue(() => this.rejectSummary(summary.tabId, summary.count));
        if (journal) {
          const { platform, origin, reason, count, sample } = msg;
          this.enqueue(() => this.reject({ platform, origin, reason, count, sample }, who));
        } else this.scheduleRejectionFlush();
        return undefined;
      }
      case 'workspaces':
        this.tabs.setWorkspaces(who.tabId, who.frameId, msg.frames);
        this.inspector.pushTab(who.tabId);
        return undefined;
      case 'socket':
        this.tabs.setSocket(who.tabId, who.frameId, {
          platform: msg.platform,
          url: msg.url,
          state: msg.state,
          detail: msg.detail,
        });
        this.inspector.pushTab(who.tabId);
        return undefined;
    }
  }

  private enqueue(job: () => Promise<void>): void {
    this.queue = this.queue.then(job).catch((e: unknown) => console.error('[crm-bridge] capture failed', e));
  }

  // ---------------------------------------------------------------- pipeline

  /** validate → normalise → dedupe → journal (persist before acting) → rules → actions. */
  async capture(
    msg: Extract<ContentMessage, { type: 'capture' }>,
    who: ContentSender,
    journaled?: () => void,
  ): Promise<void> {
    // Paused: dropped on purpose (the bridge also stops sending), so acknowledged.
    if (this.settings.paused) return journaled?.();
    if (!platformAllowedAt(this.settings, who.url, msg.platform, msg.origin, msg.via)) {
      await this.reject(
        {
          platform: msg.platform,
          origin: msg.origin,
          reason: `${msg.platform} via ${msg.via} from ${msg.origin} is not configured for ${who.url}`,
          count: 1,
        },
        who,
      );
      return journaled?.();
    }
    return this.ingest(
      msg.platform,
      msg.payload,
      {
        receivedAt: Date.now(),
        origin: msg.origin,
        page: { url: who.url, title: who.tabTitle },
        tabId: who.tabId,
        frameId: who.frameId,
        documentId: who.documentId,
      },
      msg.cid,
      journaled,
      msg.resend === true,
    );
  }

  /** A OneChat frame from direct mode: the same pipeline, with tab/frame -1 and page = the install URL. */
  captureDirect(payload: unknown, installUrl: string): void {
    this.enqueue(async () => {
      if (this.settings.paused) return;
      const page = { url: installUrl, title: 'OneChat (direct mode)' };
      const ctx = {
        receivedAt: Date.now(),
        origin: new URL(installUrl).origin,
        page,
        tabId: -1,
        frameId: -1,
      };
      await this.ingest('onechat', payload, ctx);
    });
  }

  /**
   * normalise → dedupe → journal → rules → actions, for bridge captures and direct mode alike.
   * Every event is journaled (state `processing`) before any action runs, `journaled` is called, then
   * the actions run and the entry becomes `done`. A worker stopped in between leaves `processing`
   * entries: a re-sent capture (same `cid`) or the next start resumes their remaining actions.
   */
  async ingest(
    platformId: Extract<ContentMessage, { type: 'capture' }>['platform'],
    payload: unknown,
    ctx: CaptureContext,
    cid?: string,
    journaled?: () => void,
    resend = false,
  ): Promise<void> {
    const platform = getPlatform(platformId);
    if (!platform) return journaled?.();
    // Only a re-sent capture can have been journaled before (the first delivery's worker was stopped).
    const earlier = cid && resend ? await this.journal.byCid(cid) : [];
    let result: ReturnType<typeof platform.normalize>;
    try {
      result = platform.normalize(payload, ctx);
    } catch (e) {
      result = { ok: false, reason: `normaliser error: ${(e as Error).message}` };
    }
    if (!result.ok) {
      if (earlier.length > 0) return journaled?.();
      // Samples are raw payloads: stored secret values in them (a pubsub_token) never reach the journal.
      const sample = redactDeep(payload, await allSecrets());
      await this.reject(
        {
          platform: platformId,
          origin: ctx.origin,
          reason: result.reason,
          issues: result.issues,
          count: 1,
          sample,
          cid,
        },
        ctx,
      );
      return journaled?.();
    }
    const appended: Array<Promise<unknown>> = [];
    const toRun: Array<[EventEntry, (typeof result.events)[number]]> = [];
    for (const event of result.events) {
      const seen = earlier.find((e): e is EventEntry => e.kind === 'event' && e.eventId === event.id);
      if (seen) {
        if (seen.state === 'processing') toRun.push([seen, event]);
        continue;
      }
      const now = Date.now();
      const base = { kind: 'event', at: now, eventId: event.id, tabId: event.tabId } as const;
      const sighting: Sighting = { ref: { eventId: event.id, tabId: event.tabId, at: now } };
      const first = this.dedupe.check(event, sighting);
      if (first) {
        appended.push(
          (await journalDuplicate(this.journal, this.inspector, first, { ...base, event, cid })).done,
        );
        continue;
      }
      const found = this.rules.matchExplained(event);
      const runnable = found.rules.filter((r) => this.gate.check(r, event, now) === undefined);
      const entry: EventEntry = {
        ...base,
        platform: event.platform,
        type: event.type,
        event,
        matches: runnable.map((r) => ({ ruleId: r.id, ruleName: r.name })),
        // A rule that could not be evaluated (a pattern RE2 refuses) is journaled as a rule error.
        actions: found.errors.map(({ rule, error }) => ({
          ruleId: rule.id,
          ruleName: rule.name,
          index: -1,
          kind: 'condition',
          status: 'failed' as const,
          error: `rule not evaluated: ${error}`,
          at: now,
        })),
        cid,
        state: runnable.length ? 'processing' : 'done',
      };
      // Not awaited here: the next capture is normalised while this batch is written. Order is kept
      // (one ordered batch), and the acknowledgement and the actions wait for the write.
      sighting.written = this.journal.append(entry).then((s) => (sighting.ref.seq = s));
      appended.push(sighting.written.then(() => this.inspector.push(entry)));
      if (runnable.length) toRun.push([entry, event]);
    }
    void Promise.all(appended).then(
      () => {
        journaled?.();
        // Actions run on their own serial queue: a slow action (an agent command waiting for the
        // workspace's answer) must not hold up journaling the next captures.
        for (const [entry, event] of toRun)
          this.enqueueActions(() => this.runActions(entry, event, entry.cid === undefined || !resend));
      },
      (e: unknown) => console.error('[crm-bridge] journal write failed; the bridge will re-send', e),
    );
  }

  private actionQueue: Promise<unknown> = Promise.resolve();
  private readonly lateReports = new Map<string, AttemptReport>();
  private enqueueActions(job: () => Promise<void>): void {
    this.actionQueue = this.actionQueue
      .then(job)
      .catch((e: unknown) => console.error('[crm-bridge] actions failed', e));
  }

  /** Runs the matched rules' actions not yet recorded on the entry, then marks it done. */
  /**
   * `live` is the event as captured; the journal holds a copy with secret values redacted, used only
   * when resuming after a restart (the live object is gone by then).
   */
  async runActions(stale: EventEntry, live?: BridgeEvent, fresh = false): Promise<void> {
    const seq = stale.seq;
    if (seq === undefined) return;
    // Re-read unless just journaled: a resend and the start-up resume may both have queued this entry.
    const entry = fresh ? stale : await this.journal.get(seq);
    if (entry?.kind !== 'event' || entry.state === 'done') return;
    const names = [...(await allSecrets()).keys()];
    const managedSecrets = names.filter(isManagedSecret);
    let queued = false;
    const outcomes: ActionOutcome[] = [];
    for (const m of entry.matches) {
      const rule = this.settings.rules.find((r) => r.id === m.ruleId);
      if (!rule) continue;
      for (const [index, action] of rule.then.entries()) {
        if (entry.actions.some((a) => a.ruleId === rule.id && a.index === index)) continue;
        // http actions are persisted in the outbox inside runAction, before anything is sent.
        const outcome = await runAction(action, {
          event: live ?? entry.event,
          rule,
          index,
          journalSeq: seq,
          outbox: this.outbox,
          secretNames: names,
          managedSecrets,
        });
        queued ||= outcome.status === 'queued';
        outcomes.push({
          ruleId: rule.id,
          ruleName: rule.name,
          index,
          kind: action.kind,
          at: Date.now(),
          ...outcome,
        });
      }
    }
    // Deliver now: the items are already persisted in the outbox, and a report that arrives before
    // the outcomes are journaled waits in lateReports.
    if (queued) void this.outbox.kick();
    // One journal write for all outcomes (a burst of events must not cost a write per action).
    const done = await this.journal.update(seq, (e) => {
      if (e.kind !== 'event') return;
      for (const o of outcomes) {
        const late = o.outboxId ? this.lateReports.get(o.outboxId) : undefined;
        if (late && o.outboxId) {
          applyReport(o, late);
          this.lateReports.delete(o.outboxId);
        }
        e.actions.push(o);
      }
      e.state = 'done';
    });
    if (done) this.inspector.push(done);
  }

  /** After a restart: finish the actions of events journaled just before the worker stopped. */
  async resumeUnfinished(): Promise<void> {
    for (const entry of await this.journal.unfinished()) {
      if (entry.kind === 'event') this.enqueueActions(() => this.runActions(entry));
    }
  }

  private readonly rejectionCap = new RejectionCap();
  private rejectionFlush?: ReturnType<typeof setTimeout>;
  /** A window that dropped reports gets its summary even if the page then goes quiet. */
  private scheduleRejectionFlush(): void {
    if (this.rejectionFlush !== undefined) return;
    this.rejectionFlush = setTimeout(() => {
      this.rejectionFlush = undefined;
      for (const s of this.rejectionCap.flush()) this.enqueue(() => this.rejectSummary(s.tabId, s.count));
    }, this.rejectionCap.windowMs + 500);
  }
  private rejectSummary(tabId: number, count: number): Promise<void> {
    const reason = capSummaryReason(count, this.rejectionCap.max);
    return this.reject({ origin: '', reason, count }, { tabId });
  }

  async reject(
    r: {
      platform?: PlatformId;
      origin: string;
      reason: string;
      issues?: string[];
      count: number;
      sample?: unknown;
      cid?: string;
    },
    who: { tabId: number },
  ): Promise<void> {
    const entry: JournalEntry = { kind: 'rejected', at: Date.now(), eventId: '', tabId: who.tabId, ...r };
    entry.seq = await this.journal.append(entry);
    this.inspector.push(entry);
  }

  // ---------------------------------------------------------------- extension pages

  async onPage(req: PageRequest): Promise<unknown> {
    switch (req.type) {
      case 'settings.get':
        return {
          settings: this.userSettings,
          effective: this.settings,
          error: this.settingsError,
          policy: this.policy.status,
        };
      case 'settings.save': {
        const parsed = SettingsSchema.safeParse(req.settings);
        if (!parsed.success) return { ok: false, error: formatIssues(parsed.error).join('; ') };
        // Managed rules and sites can never be stored as user data: stripped whatever the sender claims.
        const stored = stripManaged(parsed.data, this.policy.policy);
        const dropped =
          parsed.data.rules.length - stored.rules.length + parsed.data.sites.length - stored.sites.length;
        await saveSettings(stored);
        await this.reloadSettings({ policy: false });
        return dropped > 0
          ? {
              ok: true,
              warning: `${dropped} managed entr${dropped === 1 ? 'y was' : 'ies were'} not saved: they are set by your organisation`,
            }
          : { ok: true };
      }
      case 'policy.status':
        return this.policy.status;
      case 'journal.recent':
        return { entries: await this.journal.recent(req.limit, req.beforeSeq) };
      case 'journal.clear':
        await this.journal.clear();
        this.badge.reset();
        return { ok: true };
      case 'journal.export':
        return { entries: redactDeep(await this.journal.recent(100_000), await allSecrets()) };
      case 'outbox.list':
        return { items: redactDeep(await this.outbox.all(), await allSecrets()) };
      case 'outbox.retry':
        return { ok: await this.outbox.retry(req.id) };
      case 'outbox.discard': {
        const item = await this.outbox.get(req.id);
        const ok = await this.outbox.discard(req.id);
        // The journal keeps the action's history (its error) but no longer shows it as dead-lettered.
        const entry =
          ok && item
            ? await this.journal.update(item.journalSeq, (e) => {
                const a = e.kind === 'event' ? e.actions.find((x) => x.outboxId === req.id) : undefined;
                if (a) Object.assign(a, { status: 'skipped', detail: 'discarded', nextAttemptAt: undefined });
              })
            : undefined;
        if (entry) this.inspector.push(entry);
        return { ok };
      }
      case 'tab.status':
        return this.tabStatus(req.tabId);
      case 'secrets.list':
        return { secrets: await secretNames() };
      case 'secrets.set':
        await setSecret(req.name, req.value);
        await this.refreshSecrets();
        void this.direct.apply(this.settings);
        return { ok: true };
      case 'secrets.delete':
        await deleteSecret(req.name);
        await this.refreshSecrets();
        void this.direct.apply(this.settings);
        return { ok: true };
      case 'secrets.rename': {
        // The value moves inside the worker: the options page never reads it back.
        const value = (await allSecrets()).get(req.from);
        if (value === undefined || isManagedSecret(req.from))
          return { ok: false, error: `no user secret "${req.from}"` };
        if ((await allSecrets()).has(req.to))
          return { ok: false, error: `a secret "${req.to}" already exists` };
        await setSecret(req.to, value);
        await deleteSecret(req.from);
        void this.direct.apply(this.settings);
        return { ok: true };
      }
      case 'capture.pause':
        if (this.policy.policy.lockedSettings?.paused !== undefined)
          return { ok: false, error: 'capture is locked by your organisation' };
        await saveSettings({ ...this.userSettings, paused: req.paused });
        await this.reloadSettings({ policy: false });
        return { ok: true };
      case 'rules.dryRun': {
        const entry = await this.journal.get(req.seq);
        if (entry?.kind !== 'event') return { error: 'no such event in the journal' };
        const names = [...(await allSecrets()).keys()];
        return { results: dryRun(this.settings.rules, entry.event, names, names.filter(isManagedSecret)) };
      }
    }
  }

  async tabStatus(tabId: number): Promise<TabStatus> {
    // tabId -1 is direct mode's pseudo-tab (tabs.get throws synchronously on a negative id).
    const tab = tabId >= 0 ? await browser.tabs.get(tabId).catch(() => undefined) : undefined;
    const url = tab?.url;
    const configured = url ? this.settings.sites.some((s) => siteMatches(s, url)) : false;
    const permitted =
      url && /^https?:/.test(url)
        ? await browser.permissions.contains({ origins: [`${new URL(url).origin}/*`] })
        : false;
    return { tabId, url, configured, permitted, paused: this.settings.paused, ...this.tabs.get(tabId) };
  }
}
