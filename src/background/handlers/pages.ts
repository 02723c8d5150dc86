import { dryRun } from '../../actions/dry-run';
import { stripManaged } from '../../config/policy';
import { SettingsSchema } from '../../config/settings';
import { saveSettings } from '../../config/store';
import type { Journal } from '../../journal/journal';
import { discardItems, retryItems } from '../../outbox/manual';
import type { Outbox } from '../../outbox/outbox';
import { formatIssues } from '../../platforms/kit';
import type { PageRequest, PageResponses } from '../../protocol';
import { setOAuthSecret, type TokenDeps } from '../../secrets/oauth';
import { redactDeep } from '../../secrets/redact';
import {
  allSecrets,
  copySecret,
  deleteSecret,
  isManagedSecret,
  secretNames,
  setSecret,
} from '../../secrets/store';
import type { Feed } from '../feed';
import { Replay } from '../replay';
import type { SettingsState } from '../state';
import { askHandlers } from './asks';
import { type DeliveriesDeps, deliveriesHandlers } from './deliveries';
import { linkHandlers } from './links';
import { type LogNowDeps, logNow } from './log-now';
import { policyTestsHandlers } from './policy-tests';
import { replayHandlers } from './replay';
import { testHandlers } from './tests';

export interface PageDeps {
  state: Pick<SettingsState, 'settings' | 'userSettings' | 'settingsError' | 'policy' | 'reload'>;
  journal: Pick<Journal, 'recent' | 'clear' | 'get' | 'update' | 'append'>;
  outbox: Pick<Outbox, 'all' | 'kick' | 'enqueue'> & DeliveriesDeps['outbox'];
  feed: Pick<Feed, 'publish'>;
  /** The popup's badge count starts again (journal cleared). */
  resetBadge: () => void;
  /** Stored secrets changed: refresh the journal redactor (set/delete) and what uses them (direct mode). */
  secretsChanged: (opts: { redactor: boolean }) => Promise<void>;
  tabStatus: (tabId: number) => Promise<PageResponses['tab.status']>;
  /** OAuth 2 secrets: the first token is requested when the credential is saved. */
  oauth?: TokenDeps;
  /** Workflows: the agent's answer to a parked question (handlers/asks.ts). */
  answerAsk?: (
    id: string,
    answer: Extract<PageRequest, { type: 'asks.answer' }>['answer'],
  ) => Promise<boolean>;
  /** "Log this conversation now" (handlers/log-now.ts): the capture queue, rule index and action stage. */
  logNow?: Pick<LogNowDeps, 'queue' | 'rules' | 'actions'>;
}

type Handler<K extends PageRequest['type']> = (
  req: Extract<PageRequest, { type: K }>,
) => PageResponses[K] | Promise<PageResponses[K]>;
export type PageHandlers = { [K in PageRequest['type']]: Handler<K> };

/** One handler per extension-page request (validated, sender classified as our own page). */
export function pageHandlers(d: PageDeps): PageHandlers {
  const h: PageHandlers = {
    // "Save as test" stores through the same path as the options page's save (below).
    ...testHandlers(d, async (settings) => h['settings.save']({ type: 'settings.save', settings })),
    ...deliveriesHandlers(d),
    ...linkHandlers(),
    ...replayHandlers(new Replay({ ...d, rules: () => d.state.settings.rules })),
    ...askHandlers(d.answerAsk ?? (async () => false)),
    ...policyTestsHandlers(),
    'settings.get': () => ({
      settings: d.state.userSettings,
      effective: d.state.settings,
      error: d.state.settingsError,
      policy: d.state.policy.status,
    }),
    // The only way settings change (issue 14 item 4): validated here, managed entries stripped.
    'settings.save': async (req) => {
      const parsed = SettingsSchema.safeParse(req.settings);
      if (!parsed.success) return { ok: false, error: formatIssues(parsed.error).join('; ') };
      // Managed rules and sites can never be stored as user data: stripped whatever the sender claims.
      const stored = stripManaged(parsed.data, d.state.policy.policy);
      const dropped =
        parsed.data.rules.length - stored.rules.length + parsed.data.sites.length - stored.sites.length;
      await saveSettings(stored);
      await d.state.reload({ policy: false });
      return dropped > 0
        ? {
            ok: true,
            warning: `${dropped} managed entr${dropped === 1 ? 'y was' : 'ies were'} not saved: they are set by your organisation`,
          }
        : { ok: true };
    },
    'policy.status': () => d.state.policy.status,
    'journal.recent': async (req) => ({ entries: await d.journal.recent(req.limit, req.beforeSeq) }),
    'journal.clear': async () => {
      await d.journal.clear();
      d.resetBadge();
      return { ok: true };
    },
    'journal.export': async () => ({
      entries: redactDeep(await d.journal.recent(100_000), await allSecrets()),
    }),
    'outbox.list': async () => ({ items: redactDeep(await d.outbox.all(), await allSecrets()) }),
    // The popup's one-item retry and discard do what the Deliveries view does (src/outbox/manual.ts).
    'outbox.retry': async (req) => {
      const moved = await retryItems(d.outbox, [req.id], Date.now());
      if (moved.length > 0) void d.outbox.kick();
      return { ok: moved.length > 0 };
    },
    'outbox.discard': async (req) => {
      const [item] = await discardItems(d.outbox, [req.id]);
      const ok = item !== undefined;
      // The journal keeps the action's history (its error) but no longer shows it as dead-lettered.
      const entry =
        ok && item
          ? await d.journal.update(item.journalSeq, (e) => {
              const a = e.kind === 'event' ? e.actions.find((x) => x.outboxId === req.id) : undefined;
              if (a) Object.assign(a, { status: 'discarded', nextAttemptAt: undefined });
            })
          : undefined;
      if (entry) d.feed.publish(entry);
      return { ok };
    },
    'tab.status': (req) => d.tabStatus(req.tabId),
    'secrets.list': async () => ({ secrets: await secretNames() }),
    'secrets.set': async (req) => {
      await setSecret(req.name, req.value);
      await d.secretsChanged({ redactor: true });
      return { ok: true };
    },
    'secrets.setOAuth': async (req) => {
      if (!d.oauth) return { ok: false, error: 'OAuth 2 secrets are not available here' };
      try {
        await setOAuthSecret(req.name, req.config, d.oauth);
      } catch (e) {
        return { ok: false, error: (e as Error).message };
      }
      await d.secretsChanged({ redactor: true });
      return { ok: true };
    },
    'secrets.delete': async (req) => {
      await deleteSecret(req.name);
      await d.secretsChanged({ redactor: true });
      return { ok: true };
    },
    // The value moves inside the worker: the options page never reads it back.
    'secrets.rename': async (req) => {
      const value = (await allSecrets()).get(req.from);
      if (value === undefined || isManagedSecret(req.from))
        return { ok: false, error: `no user secret "${req.from}"` };
      if ((await allSecrets()).has(req.to))
        return { ok: false, error: `a secret "${req.to}" already exists` };
      // The whole record moves (an OAuth 2 secret keeps its credential and tokens).
      await copySecret(req.from, req.to);
      await deleteSecret(req.from);
      await d.secretsChanged({ redactor: false });
      return { ok: true };
    },
    'capture.pause': async (req) => {
      if (d.state.policy.policy.lockedSettings?.paused !== undefined)
        return { ok: false, error: 'capture is locked by your organisation' };
      await saveSettings({ ...d.state.userSettings, paused: req.paused });
      await d.state.reload({ policy: false });
      return { ok: true };
    },
    'conversation.logNow': async (req) => {
      if (!d.logNow) return { ok: false, error: 'not available here' };
      const settings = () => d.state.settings;
      return logNow({ ...d.logNow, journal: d.journal, feed: d.feed, settings }, req.seq);
    },
    'rules.dryRun': async (req) => {
      const entry = await d.journal.get(req.seq);
      if (entry?.kind !== 'event') return { error: 'no such event in the journal' };
      const names = [...(await allSecrets()).keys()];
      return { results: dryRun(d.state.settings.rules, entry.event, names, names.filter(isManagedSecret)) };
    },
  };
  return h;
}

/** Dispatches a validated page request to its handler. */
export function handlePage(h: PageHandlers, req: PageRequest): Promise<unknown> {
  return Promise.resolve((h[req.type] as Handler<typeof req.type>)(req as never));
}
