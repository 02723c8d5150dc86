import type { Site } from '../../../config/settings';
import type { PlatformId } from '../../../events/types';
import { getPlatform } from '../../../platforms';
import { t } from '../../../util/i18n';
import { Suggested } from '../policy/markers';
import { hostPermission } from '../site-form';
import { ConfirmButton, Lock } from '../ui';

/** One site: address, platforms and trusted origins, host access (with one-click grant). */
export function SiteCard({
  site,
  access,
  ignored,
  suggested,
  onGrant,
  onEdit,
  onRemove,
}: {
  site: Site;
  access: Record<string, boolean>;
  /** Why the policy ignores this user site, if it does. */
  ignored?: string;
  /** The organisation suggested it (policy `recommended`): still the user's to change or remove. */
  suggested?: boolean;
  onGrant(site: Site): void;
  onEdit?(site: Site): void;
  onRemove?(site: Site): void;
}) {
  const missing = [...new Set(site.matches.map(hostPermission))].filter((p) => access[p] === false);
  const platforms = Object.entries(site.platforms) as Array<[PlatformId, Site['platforms'][PlatformId]]>;
  return (
    <li className={`card site${site.managed ? ' managed' : ''}`} data-testid={`site-${site.id}`}>
      <div className="card-head">
        <h3>{site.name || site.id}</h3>
        {site.managed ? <Lock /> : null}
        {suggested ? <Suggested /> : null}
      </div>
      <ul className="patterns">
        {site.matches.map((m) => (
          <li key={m}>
            <code>{m}</code>
          </li>
        ))}
      </ul>
      <ul className="site-platforms">
        {platforms.map(([id, cfg]) =>
          cfg ? (
            <li key={id} className={cfg.enabled ? '' : 'muted'}>
              <span className="badge">{getPlatform(id)?.label ?? id}</span>
              {cfg.origins.length ? (
                <span className="muted">
                  {' '}
                  {t('options.site.trusts', { origins: cfg.origins.join(', ') })}
                </span>
              ) : getPlatform(id)?.tap.kind === 'postMessage' ? (
                <span className="warn"> {t('options.site.noOrigin')}</span>
              ) : null}
              {cfg.socketUrlSuffix ? (
                <span className="muted"> {t('options.site.sockets', { suffix: cfg.socketUrlSuffix })}</span>
              ) : null}
              {cfg.enabled ? null : <span> {t('options.site.off')}</span>}
            </li>
          ) : null,
        )}
      </ul>
      {ignored ? <p className="warn">{t('options.site.ignored', { reason: ignored })}</p> : null}
      <div className="card-foot">
        {missing.length ? (
          <p className="access bad" data-testid="site-no-access">
            {t('options.site.noAccess', { hosts: missing.join(', ') })}{' '}
            <button
              type="button"
              className="btn primary small"
              onClick={() => onGrant(site)}
              data-testid={`grant-${site.id}`}
            >
              {t('options.site.grant')}
            </button>
          </p>
        ) : (
          <p className="access ok" data-testid="site-access">
            {t('options.site.granted')}
          </p>
        )}
        {site.managed ? null : (
          <div className="actions">
            <button
              type="button"
              className="btn small"
              onClick={() => onEdit?.(site)}
              data-testid={`edit-site-${site.id}`}
            >
              {t('options.edit')}
            </button>
            <ConfirmButton
              label={t('options.remove')}
              confirm={t('options.site.confirmRemove', { name: site.name || site.id })}
              onConfirm={() => onRemove?.(site)}
              testId={`remove-site-${site.id}`}
            />
          </div>
        )}
      </div>
    </li>
  );
}
