import { useState } from 'react';
import type { PolicyStatus } from '../../../config/policy';
import { type OnechatDirect, OnechatDirectSchema } from '../../../config/settings';
import { directOrigin } from '../../../platforms/onechat/direct-url';
import { requestHosts } from '../permissions';
import type { PanelProps } from '../types';
import { FieldErrors, Lock } from '../ui';
import type { SecretInfo } from '../useOptionsData';

interface DirectForm {
  on: boolean;
  url: string;
  secret: string;
  accountId: string;
  userId: string;
  presence: boolean;
}

const toForm = (d?: OnechatDirect): DirectForm => ({
  on: !!d?.enabled,
  url: d?.url ?? '',
  secret: d?.pubsubTokenSecret ?? '',
  accountId: d?.accountId?.toString() ?? '',
  userId: d?.userId?.toString() ?? '',
  presence: d?.presence ?? false,
});

/** Capture on/off, journal size, OneChat direct mode. */
export function GeneralPanel({
  settings,
  effective,
  save,
  policy,
  secrets,
}: PanelProps & { policy: PolicyStatus; secrets: SecretInfo[] }) {
  const pausedLocked = policy.keysReceived.includes('lockedSettings');
  const journalLocked = policy.keysReceived.includes('journalRetention');
  const [limit, setLimit] = useState(String(settings.journalLimit));
  const [direct, setDirect] = useState<DirectForm>(() => toForm(settings.onechatDirect));
  const [problems, setProblems] = useState<string[]>([]);

  const saveDirect = () => {
    if (!direct.on && !direct.url)
      return void save({ ...settings, onechatDirect: undefined }, 'OneChat direct mode off.');
    const parsed = OnechatDirectSchema.safeParse({
      enabled: direct.on,
      url: direct.url.trim(),
      pubsubTokenSecret: direct.secret,
      ...(direct.accountId ? { accountId: Number(direct.accountId) } : {}),
      ...(direct.userId ? { userId: Number(direct.userId) } : {}),
      presence: direct.presence,
    });
    if (!parsed.success)
      return setProblems(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
    setProblems([]);
    // Direct mode connects only with host access to its server (issue 14 item 5): asked inside the click.
    if (parsed.data.enabled) void requestHosts([`${directOrigin(parsed.data.url)}/*`]);
    void save({ ...settings, onechatDirect: parsed.data }, 'OneChat direct mode saved.');
  };

  return (
    <section aria-labelledby="general-h">
      <div className="section-head">
        <h2 id="general-h">General</h2>
      </div>
      <div className="card">
        <label className="check">
          <input
            type="checkbox"
            checked={!effective.paused}
            disabled={pausedLocked}
            onChange={(e) =>
              void save(
                { ...settings, paused: !e.target.checked },
                e.target.checked ? 'Capture on.' : 'Capture paused.',
              )
            }
          />
          Capture events (off: nothing is journaled or routed)
        </label>
        {pausedLocked ? <Lock /> : null}
      </div>
      <div className="card">
        <label className="check">
          <input
            type="checkbox"
            checked={settings.integrator}
            onChange={(e) =>
              void save(
                { ...settings, integrator: e.target.checked },
                e.target.checked ? 'Integrator tools shown.' : 'Integrator tools hidden.',
              )
            }
            data-testid="integrator"
          />
          Show integrator tools in the popup (copy an event as a test fixture, tab, frame and event ids)
        </label>
      </div>
      <div className="card inline">
        <label>
          Journal keeps the last
          <input
            className="num"
            inputMode="numeric"
            value={journalLocked ? String(effective.journalLimit) : limit}
            disabled={journalLocked}
            onChange={(e) => setLimit(e.target.value)}
          />
          events
        </label>
        {journalLocked ? (
          <Lock />
        ) : (
          <button
            type="button"
            className="btn small"
            onClick={() => void save({ ...settings, journalLimit: Number(limit) }, 'Journal size saved.')}
          >
            Save
          </button>
        )}
      </div>
      <fieldset className="card">
        <legend>OneChat direct mode</legend>
        <p className="muted">
          The extension subscribes to OneChat’s <code>/cable</code> itself, so events arrive even without the
          dashboard open. The agent’s pubsub token is a secret, referenced by name.
        </p>
        <label className="check">
          <input
            type="checkbox"
            checked={direct.on}
            onChange={(e) => setDirect({ ...direct, on: e.target.checked })}
          />
          On
        </label>
        <div className="grid-2">
          <label>
            OneChat URL
            <input
              value={direct.url}
              placeholder="https://chat.example.com"
              onChange={(e) => setDirect({ ...direct, url: e.target.value })}
            />
          </label>
          <label>
            Secret with the pubsub token
            <select value={direct.secret} onChange={(e) => setDirect({ ...direct, secret: e.target.value })}>
              <option value="">choose…</option>
              {secrets.map((s) => (
                <option key={s.name}>{s.name}</option>
              ))}
            </select>
          </label>
          <label>
            Account id (optional)
            <input
              inputMode="numeric"
              value={direct.accountId}
              onChange={(e) => setDirect({ ...direct, accountId: e.target.value })}
            />
          </label>
          <label>
            User id (optional)
            <input
              inputMode="numeric"
              value={direct.userId}
              onChange={(e) => setDirect({ ...direct, userId: e.target.value })}
            />
          </label>
        </div>
        <label className="check">
          <input
            type="checkbox"
            checked={direct.presence}
            onChange={(e) => setDirect({ ...direct, presence: e.target.checked })}
          />
          Keep the agent shown online (update_presence every 30 s)
        </label>
        <FieldErrors issues={problems.map((message) => ({ path: '', message }))} />
        <div className="actions">
          <button type="button" className="btn primary" onClick={saveDirect}>
            Save direct mode
          </button>
        </div>
      </fieldset>
    </section>
  );
}
