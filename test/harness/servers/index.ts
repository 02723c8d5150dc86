import { join } from 'node:path';
import { CableServer } from './actioncable';
import { widgetHandler } from './bundle';
import { CrmApi } from './crm-api';
import { fixturesHandler } from './fixtures';
import { DEMO_ROOT, type Handler, type Listening, listen, staticFiles } from './http';

export interface DemoServers {
  crm: Listening;
  /** Second origin: the agent workspaces (simulators). */
  workspace: Listening;
  /** Third origin: a site nobody trusts (hostile-frame tests). */
  untrusted: Listening;
  api: CrmApi;
  /** OneChat ActionCable endpoint on the workspace origin: `cable.url` is its ws://…/cable URL. */
  cable: CableServer;
  workspacePaths: Record<string, string>;
  close(): Promise<void>;
}

export interface DemoOptions {
  crmHost?: string;
  workspaceHost?: string;
  untrustedHost?: string;
  /** 0 = any free port. */
  ports?: { crm: number; workspace: number; untrusted: number };
}

export const WORKSPACE_PATHS: Record<string, string> = {
  roxchat: '/roxchat/workspace.html',
  ucontact: '/ucontact/workspace.html',
};

const PUBLIC = join(DEMO_ROOT, 'public');

const page = (file: string, match: (p: string) => boolean): Handler => {
  const serve = staticFiles(join(PUBLIC, 'crm'));
  return (req, res, url) => (match(url.pathname) ? serve(req, res, new URL(`/${file}`, url)) : false);
};

export async function startDemoServers(opts: DemoOptions = {}): Promise<DemoServers> {
  const ports = opts.ports ?? { crm: 0, workspace: 0, untrusted: 0 };
  const api = new CrmApi();
  const shared: Handler[] = [fixturesHandler(), staticFiles(PUBLIC)];
  const cable = new CableServer();
  const workspace = await listen(opts.workspaceHost ?? '127.0.0.2', ports.workspace, [
    cable.handler(),
    ...shared,
  ]);
  cable.attach(workspace.server, workspace.origin);
  const untrusted = await listen(opts.untrustedHost ?? '127.0.0.3', ports.untrusted, shared);
  const config: Handler = (_req, res, url) => {
    if (url.pathname !== '/config.js') return false;
    res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' });
    res.end(
      `window.DEMO = ${JSON.stringify({ workspaceOrigin: workspace.origin, untrustedOrigin: untrusted.origin, workspacePaths: WORKSPACE_PATHS })};`,
    );
    return true;
  };
  const crm = await listen(opts.crmHost ?? '127.0.0.1', ports.crm, [
    config,
    widgetHandler(),
    api.handler(),
    page('index.html', (p) => p === '/' || p === '/index.html'),
    page('contact.html', (p) => p.startsWith('/contacts/')),
    ...shared,
  ]);
  return {
    crm,
    workspace,
    untrusted,
    api,
    cable,
    workspacePaths: WORKSPACE_PATHS,
    close: async () => {
      await cable.close();
      await Promise.all([crm.close(), workspace.close(), untrusted.close()]);
    },
  };
}
