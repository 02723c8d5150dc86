// Chat connections opened before CRM Bridge was attached (issue 18). The popup's probe reads iframes
// and page globals, but a WebSocket (OneChat's ActionCable) is only seen by the hook injected at
// document_start on a configured site: one the page opened before cannot be found by looking, now or
// later. What is true and useful then: say so, and offer to reload the page, after which the hook
// sees the connection from its start.
import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { matchesPattern } from '../../config/match-pattern';
import type { PlatformId } from '../../events/types';
import { platformLabel } from '../../platforms/agent';
import type { TabStatus } from '../../protocol';
import { t } from '../../util/i18n';
import { request } from '../api';
import { plainError } from '../shared/errors';
import { hostOf } from './format';
import { SOCKET_PLATFORMS } from './probe';

/** A button reloading the tab, with what happened in words. */
export function ReloadButton({ tabId, url }: { tabId: number; url?: string }) {
  const [note, setNote] = useState<{ ok: boolean; text: string }>();
  const reload = () => {
    setNote(undefined);
    browser.tabs
      .reload(tabId)
      .then(() => setNote({ ok: true, text: t('popup.attach.reloaded') }))
      .catch((e: unknown) =>
        setNote({
          ok: false,
          text: t('popup.attach.reloadFailed', { error: plainError(String((e as Error).message ?? e)) }),
        }),
      );
  };
  return (
    <>
      <button
        type="button"
        className="small"
        onClick={reload}
        aria-label={t('popup.attach.reloadAria', { host: hostOf(url ?? '') || String(tabId) })}
        data-testid="reload-tab"
      >
        {t('popup.attach.reload')}
      </button>{' '}
      {note && (
        <span role="status" className={note.ok ? 'ok' : 'bad'} data-testid="reload-status">
          {note.text}
        </span>
      )}
    </>
  );
}

/** The WebSocket platforms the sites covering `url` enable. */
function enabledSocketPlatforms(
  sites: Awaited<ReturnType<typeof loadSites>>,
  url: string,
  socketIds: readonly PlatformId[],
): PlatformId[] {
  const out = new Set<PlatformId>();
  for (const s of sites)
    if (s.matches.some((p) => matchesPattern(p, url)))
      for (const id of socketIds) if (s.platforms[id]?.enabled !== false && s.platforms[id]) out.add(id);
  return [...out];
}

const loadSites = () => request({ type: 'settings.get' }).then((r) => r.effective.sites);

/**
 * On a configured page whose site expects a WebSocket platform but no connection of it was seen: the
 * connection may predate the hook; reloading attaches it from the start.
 */
export function MissingSocketHint({ status }: { status: TabStatus }) {
  const [expected, setExpected] = useState<PlatformId[]>([]);
  const url = status.url;
  useEffect(() => {
    if (!url) return;
    loadSites()
      .then((sites) => setExpected(enabledSocketPlatforms(sites, url, SOCKET_PLATFORMS)))
      .catch(() => setExpected([]));
  }, [url]);
  const missing = expected.filter((id) => !status.sockets.some((s) => s.platform === id));
  if (!status.configured || missing.length === 0) return null;
  return (
    <div className="banner warn" role="note" data-testid="attach-hint">
      <span>
        {missing.map((id) => t('popup.attach.noSocket', { platform: platformLabel(id) })).join(' ')}
      </span>{' '}
      <ReloadButton tabId={status.tabId} url={url} />
    </div>
  );
}
