import { useEffect, useState } from 'react';
import type { TabStatus } from '../../protocol';
import { t } from '../../util/i18n';
import { request } from '../api';

/** The worker's pseudo-tab for OneChat direct mode (its own /cable connection). */
export const DIRECT_TAB = -1;

type Socket = TabStatus['sockets'][number];

const hostOf = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
};

/**
 * One line per OneChat connection: the current tab's dashboard socket(s) (`status`, kept live by the
 * inspector) and direct mode's own socket (the worker's pseudo-tab -1, polled while the popup is open).
 */
export function TabHeader({ status }: { status?: TabStatus }) {
  const [direct, setDirect] = useState<TabStatus>();
  useEffect(() => {
    let stopped = false;
    const load = () =>
      request({ type: 'tab.status', tabId: DIRECT_TAB })
        .then((s) => {
          if (!stopped && s && Array.isArray(s.sockets)) setDirect(s);
        })
        .catch(() => undefined);
    void load();
    const timer = setInterval(load, 2000);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, []);

  const rows: Array<Socket & { direct: boolean }> = [
    ...(status?.sockets ?? []).map((s) => ({ ...s, direct: false })),
    ...(direct?.sockets ?? []).map((s) => ({ ...s, direct: true })),
  ].filter((s) => s.platform === 'onechat');
  if (rows.length === 0) return null;
  return (
    <div className="tab-header" data-testid="tab-header">
      {rows.map((s) => (
        <div key={`${s.direct}-${s.frameId}-${s.url}`} data-testid="onechat-state" data-state={s.state}>
          {s.direct ? t('popup.onechat.direct') : t('popup.onechat.dashboard')}{' '}
          <strong className={CLASS[s.state] ?? 'muted'}>{s.state}</strong>{' '}
          <span className="muted" title={s.detail}>
            {hostOf(s.url)}
            {s.detail ? ` — ${s.detail}` : ''}
          </span>
        </div>
      ))}
    </div>
  );
}

const CLASS: Record<string, string> = {
  connecting: 'retrying',
  connected: 'ok',
  subscribed: 'ok',
  disconnected: 'failed',
  rejected: 'failed',
};
