import { type Browser, browser } from 'wxt/browser';
import { sendAgentCommand } from '../actions/run';
import { Journal } from '../journal/journal';
import type { Outbox } from '../outbox/outbox';
import { RuleGate } from '../rules/gate';
import { redactDeep } from '../secrets/redact';
import { allSecrets } from '../secrets/store';
import { Badge } from './badge';
import { ContextMenu } from './context-menu';
import { DurableDedupe, loadMarks } from './dedupe-store';
import { buildOutbox, tokenDeps } from './delivery';
import { DIRECT_PLATFORM, DIRECT_TITLE, type DirectMode, directModeFor } from './direct-mode';
import { Feed } from './feed';
import { contentHandlers } from './handlers/content';
import { pageHandlers } from './handlers/pages';
import { connect, route } from './handlers/router';
import { type Inspector, inspectorFor } from './inspector';
import { OutageNotices } from './outage-notices';
import { ActionStage } from './pipeline/actions';
import { Ingest } from './pipeline/ingest';
import { SerialQueue } from './pipeline/queue';
import { Rejections } from './pipeline/rejections';
import { syncContentScripts } from './registration';
import { HostPermissions, SettingsState } from './state';
import { TabState } from './tab-state';
import { tabStatus } from './tab-status';
import { Workflows } from './workflows';

/**
 * The composition root: builds the worker's services and wires them together, nothing else. A
 * capture flows bridge → handlers/content → pipeline/ingest → pipeline/actions → outbox; every change
 * is published on the feed, which the badge and the inspector follow (docs/architecture.md).
 */
export class App {
  readonly journal = new Journal(5000);
  readonly feed = new Feed();
  readonly tabs = new TabState();
  readonly badge = new Badge();
  readonly permissions = new HostPermissions();
  readonly state: SettingsState;
  readonly inspector: Inspector;
  readonly direct: DirectMode;
  readonly outbox: Outbox;
  readonly actions: ActionStage;
  readonly workflows: Workflows;
  readonly ingest: Ingest;
  readonly rejections: Rejections;
  readonly menu: ContextMenu;
  readonly gate = new RuleGate();
  readonly dedupe = new DurableDedupe();
  readonly ready: Promise<void>;
  readonly onMessage: (raw: unknown, sender: Browser.runtime.MessageSender) => Promise<unknown>;
  readonly onConnect: (port: Browser.runtime.Port) => void;

  constructor() {
    const { journal, feed, tabs, badge } = this;
    const extensionOrigin = browser.runtime.getURL('/').replace(/\/$/, '');
    // Secret values the journal redactor replaces (kept in memory: it runs inside IDB transactions).
    const refreshSecrets = async () => {
      const secrets = await allSecrets();
      journal.setRedactor((e) => redactDeep(e, secrets));
    };
    this.state = new SettingsState(refreshSecrets);
    const settings = () => this.state.settings;
    const status = (tabId: number) => tabStatus(tabId, settings(), tabs);
    const permitted = (origin: string) => this.permissions.permitted(origin);
    const notices = new OutageNotices();
    this.inspector = inspectorFor(feed, badge, {
      runtimeId: browser.runtime.id,
      extensionOrigin,
      snapshot: () => this.ready.then(() => journal.recent(200)),
      tabStatus: status,
    });

    /** Direct mode: the worker subscribes to a platform socket itself (src/background/direct-mode.ts). */
    const capture = (payload: unknown, url: string) =>
      this.ingest.direct(DIRECT_PLATFORM, payload, url, DIRECT_TITLE);
    this.direct = directModeFor({ capture, tabs, feed }, () => this.ready.then(settings));

    const workflows = new Workflows({ journal, feed, outbox: () => this.outbox });
    this.workflows = workflows;
    this.actions = new ActionStage({ journal, feed, outbox: () => this.outbox, settings, workflows });
    const oauth = tokenDeps(permitted);
    this.outbox = buildOutbox({
      oauth,
      permitted,
      settings,
      report: (r) => {
        workflows.report(r);
        return this.actions.report(r);
      },
      changed: (changes) => notices.changed(changes),
    });

    const captures = new SerialQueue('capture');
    this.rejections = new Rejections(journal, feed, captures);
    this.ingest = new Ingest({
      queue: captures,
      journal,
      dedupe: this.dedupe,
      gate: this.gate,
      feed,
      rejections: this.rejections,
      actions: this.actions,
      settings,
      rules: () => this.state.rules,
      transcriptRow: (e) => workflows.transcriptRow(e),
    });

    this.menu = new ContextMenu({ settings, recent: (n) => journal.recent(n), send: sendAgentCommand });
    this.state.onApplied((s) => journal.setLimit(s.journalLimit));
    this.state.onApplied(syncContentScripts);
    this.state.onApplied((s) => this.direct.apply(s));
    this.state.onApplied((s) => this.menu.apply(s));

    const { ingest, rejections } = this;
    const content = contentHandlers({ settings, ingest, rejections, tabs, feed });
    const pages = pageHandlers({
      state: this.state,
      journal,
      outbox: this.outbox,
      feed,
      resetBadge: () => badge.reset(),
      secretsChanged: async ({ redactor }) => {
        if (redactor) await refreshSecrets();
        void this.direct.apply(settings());
      },
      tabStatus: status,
      oauth,
      answerAsk: (id, a) => workflows.answer(id, a),
      logNow: { queue: captures, rules: () => this.state.rules, actions: this.actions },
    });
    this.ready = this.init();
    const routes = { ready: this.ready, runtimeId: browser.runtime.id, extensionOrigin, content, pages };
    this.onMessage = (raw, sender) => route(routes, raw, sender);
    this.onConnect = (port) => connect(routes, port, this.inspector);
  }

  private async init(): Promise<void> {
    await this.state.reload({ policy: true });
    await this.tabs.load();
    // Durable once/throttle marks and cross-tab dedupe sightings before the first capture (issue 16).
    await loadMarks({ 'gate marks': this.gate, 'dedupe sightings': this.dedupe });
    // Unfinished entries first: their outbox reports then wait for their outcomes to be written.
    await this.actions.resume();
    await this.workflows.resume();
    void this.outbox.kick();
  }
}
