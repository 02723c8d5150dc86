// The bare relay extension the latency budget is measured against: a content script on the CRM origin
// that forwards every `message` to the worker with chrome.runtime.sendMessage, and a worker that
// fetch()es the CRM endpoint. No validation, rules, journal or outbox. It carries CRM Bridge's manifest
// key, so it has the same extension id and test/harness/browser.ts `launch()` finds its worker.
// It also holds `page.html`, a trivial extension page: the baseline for the popup's first render.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXTENSION_KEY } from '../../wxt.config';

/** Loopback hosts, as the test/bench build declares them. */
const HOSTS = ['http://127.0.0.1/*', 'http://127.0.0.2/*', 'http://127.0.0.3/*', 'http://localhost/*'];

export interface RelayExtension {
  dir: string;
  remove(): void;
}

/**
 * Writes the relay into a temp dir. It POSTs `{text, chat}` to `<crmOrigin><endpointPath>?m=<text>`, the
 * URL the bench gives CRM Bridge's rule (the message text in the query string, where the bench's server
 * tap reads it).
 */
export function writeRelayExtension(opts: { crmOrigin: string; endpointPath: string }): RelayExtension {
  const dir = mkdtempSync(join(tmpdir(), 'crmb-bare-relay-'));
  const manifest = {
    manifest_version: 3,
    name: 'Bare relay (CRM Bridge benchmark baseline)',
    version: '1.0.0',
    key: EXTENSION_KEY,
    background: { service_worker: 'worker.js' },
    host_permissions: HOSTS,
    content_scripts: [
      { matches: [`${opts.crmOrigin}/*`], js: ['content.js'], run_at: 'document_start', all_frames: false },
    ],
  };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  writeFileSync(
    join(dir, 'content.js'),
    `addEventListener('message', (e) => { chrome.runtime.sendMessage(e.data).catch(() => {}); });\n`,
  );
  const url = JSON.stringify(`${opts.crmOrigin}${opts.endpointPath}`);
  writeFileSync(
    join(dir, 'worker.js'),
    `chrome.runtime.onMessage.addListener((m) => {
  const p = (m && m.params) || {};
  const text = String(p.messageText);
  fetch(${url} + '?m=' + encodeURIComponent(text), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text, chat: String(p.chatId) }),
  }).catch(() => {});
});\n`,
  );
  writeFileSync(
    join(dir, 'page.html'),
    '<!doctype html><html><head><meta charset="utf-8"><title>bare page</title></head><body><div id="root"></div><script src="page.js"></script></body></html>\n',
  );
  writeFileSync(
    join(dir, 'page.js'),
    `const d = document.createElement('div'); d.dataset.testid = 'empty'; d.textContent = 'No events yet.'; document.getElementById('root').appendChild(d);\n`,
  );
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
