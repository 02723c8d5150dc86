import { useState } from 'react';
import type { PolicyStatus } from '../../../config/policy';
import { type OnechatDirect, OnechatDirectSchema } from '../../../config/settings';
import { directOrigin } from '../../../platforms/onechat/direct-url';
import { t } from '../../../util/i18n';
import { requestHosts } from '../permissions';
import { isLocked, isSuggested, Suggested } from '../policy/markers';
import type { PanelProps } from '../types';
import { FieldErrors, Lock } from '../ui';
import type { SecretInfo } from '../useOptionsData';
import { RetryWindow } from './RetryWindow';

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

/** Capture on/off, journal size, retry time (delivery.maxAgeHours), OneChat direct mode. */
export function GeneralPanel({
  settings,
  effective,
  save,
  policy,
  secrets,
}: PanelProps & { policy: PolicyStatus; secrets: SecretInfo[] }) {
  const pausedLocked = isLocked(policy, 'paused');
  const journalLocked = isLocked(policy, 'journalLimit');
  const [limit, setLimit] = useState(String(settings.journalLimit));
  const [direct, setDirect] = useState<DirectForm>(() => toForm(settings.onechatDirect));
  const [problems, setProblems] = useState<string[]>([]);
  /** One plain sentence per wrong field (never zod's text). */
  const directProblem = (field: string) =>
    field === 'url'
      ? t('options.general.problemUrl')
      : field === 'pubsubTokenSecret'
        ? t('options.general.problemSecret')
        : field === 'accountId' || field === 'userId'
          ? t('options.general.problemIds')
          : t('options.general.problemOther');

  const saveDirect = () => {
    if (!direct.on && !direct.url)
      return void save({ ...settings, onechatDirect: undefined }, t('options.general.directOff'));
    const parsed = OnechatDirectSchema.safeParse({
      enabled: direct.on,
      url: direct.url.trim(),
      pubsubTokenSecret: direct.secret,
      ...(direct.accountId ? { accountId: Number(direct.accountId) } : {}),
      ...(direct.userId ? { userId: Number(direct.userId) } : {}),
      presence: direct.presence,
    });
    if (!parsed.success)
      return setProblems([
        ...new Set(parsed.error.issues.map((i) => directProblem(String(i.path[0] ?? '')))),
      ]);
    setProblems([]);
    // Direct mode connects only with host access to its server (issue 14 item 5): asked inside the click.
    if (parsed.data.enabled) void requestHosts([`${directOrigin(parsed.data.url)}/*`]);
    void save({ ...settings, onechatDirect: parsed.data }, t('options.general.directSaved'));
  };

  return (
    <section aria-labelledby="general-h">
      <div className="section-head">
        <h2 id="general-h">{t('options.tabs.general')}</h2>
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
                e.target.checked ? t('options.general.captureOn') : t('options.general.capturePaused'),
              )
            }
          />
          {t('options.general.capture')}
        </label>
        {pausedLocked ? <Lock /> : isSuggested(policy, 'settings', 'paused') ? <Suggested /> : null}
      </div>
      <div className="card">
        <label className="check">
          <input
            type="checkbox"
            checked={settings.integrator}
            onChange={(e) =>
              void save(
                { ...settings, integrator: e.target.checked },
                e.target.checked
                  ? t('options.general.integratorShown')
                  : t('options.general.integratorHidden'),
              )
            }
            data-testid="integrator"
          />
          {t('options.general.integrator')}
        </label>
      </div>
      <div className="card inline">
        <label>
          {t('options.general.journalBefore')}
          <input
            className="num"
            inputMode="numeric"
            value={journalLocked ? String(effective.journalLimit) : limit}
            disabled={journalLocked}
            onChange={(e) => setLimit(e.target.value)}
          />
          {t('options.general.journalAfter')}
        </label>
        {journalLocked ? (
          <Lock />
        ) : (
          <>
            {isSuggested(policy, 'settings', 'journalLimit') ? <Suggested /> : null}
            <button
              type="button"
              className="btn small"
              onClick={() =>
                void save({ ...settings, journalLimit: Number(limit) }, t('options.general.journalSaved'))
              }
            >
              {t('options.save')}
            </button>
          </>
        )}
      </div>
      <RetryWindow settings={settings} effective={effective} policy={policy} save={save} />
      <fieldset className="card" disabled={isLocked(policy, 'onechatDirect')}>
        <legend>
          {t('options.general.direct')} {isLocked(policy, 'onechatDirect') ? <Lock /> : null}
          {isSuggested(policy, 'settings', 'onechatDirect') ? <Suggested /> : null}
        </legend>
        <p className="muted">{t('options.general.directHint')}</p>
        <label className="check">
          <input
            type="checkbox"
            checked={direct.on}
            onChange={(e) => setDirect({ ...direct, on: e.target.checked })}
          />
          {t('options.general.on')}
        </label>
        <div className="grid-2">
          <label>
            {t('options.general.url')}
            <input
              value={direct.url}
              placeholder="https://chat.example.com"
              onChange={(e) => setDirect({ ...direct, url: e.target.value })}
            />
          </label>
          <label>
            {t('options.general.tokenSecret')}
            <select value={direct.secret} onChange={(e) => setDirect({ ...direct, secret: e.target.value })}>
              <option value="">{t('options.general.choose')}</option>
              {secrets.map((s) => (
                <option key={s.name}>{s.name}</option>
              ))}
            </select>
          </label>
          <label>
            {t('options.general.accountId')}
            <input
              inputMode="numeric"
              value={direct.accountId}
              onChange={(e) => setDirect({ ...direct, accountId: e.target.value })}
            />
          </label>
          <label>
            {t('options.general.userId')}
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
          {t('options.general.presence')}
        </label>
        <FieldErrors issues={problems.map((message) => ({ path: '', message }))} />
        <div className="actions">
          <button type="button" className="btn primary" onClick={saveDirect}>
            {t('options.general.saveDirect')}
          </button>
        </div>
      </fieldset>
    </section>
  );
}
