import { useEffect, useRef, useState } from 'react';
import type { PolicyStatus } from '../../../config/policy';
import type { Site } from '../../../config/settings';
import { t } from '../../../util/i18n';
import { requestHosts, revokeHosts, useHostAccess } from '../permissions';
import { isSuggested } from '../policy/markers';
import { hostPermission, permissionsToRevoke } from '../site-form';
import type { PanelProps } from '../types';
import { Empty } from '../ui';
import { parseSitesLink } from './deep-link';
import { SiteCard } from './SiteCard';
import { SiteEditor } from './SiteEditor';

/** Sites: where CRM Bridge works, which platforms it looks for there, which workspace origins it trusts. */
export function SitesPanel({
  settings,
  effective,
  save,
  notify,
  policy,
}: PanelProps & { policy: PolicyStatus }) {
  const [editing, setEditing] = useState<{ site?: Site; initial?: { name: string; matches: string[] } }>();
  const managed = effective.sites.filter((s) => s.managed);
  const user = settings.sites;

  // A link from the popup (sites/deep-link.ts): open that site's editor, or a new one for that page.
  const latest = useRef({ user, managed, notify });
  latest.current = { user, managed, notify };
  useEffect(() => {
    const follow = () => {
      const { user, managed, notify } = latest.current;
      const link = parseSitesLink(location.hash);
      if (!link) return;
      history.replaceState(null, '', '#sites');
      const add = 'add' in link ? link.add : undefined;
      const covers = (s: Site) => add !== undefined && s.matches.includes(`${add}/*`);
      const site = 'edit' in link ? user.find((s) => s.id === link.edit) : user.find(covers);
      const locked = managed.find((s) => ('edit' in link ? s.id === link.edit : covers(s)));
      if (site) setEditing({ site });
      else if (locked) {
        notify({ kind: 'warn', text: t('options.siteLink.managed') });
        return reveal(`[data-testid="site-${CSS.escape(locked.id)}"]`);
      } else if (add) setEditing({ initial: { name: new URL(add).host, matches: [`${add}/*`] } });
      else return notify({ kind: 'warn', text: t('options.siteLink.missing') });
      reveal('form.editor');
    };
    follow();
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  const access = useHostAccess([...managed, ...user].flatMap((s) => s.matches.map(hostPermission)));
  const sitesDisallowed = policy.ignored.some((x) => x.includes('does not allow user sites'));
  const ignoredWhy = (s: Site) => policy.ignored.find((x) => x.includes(`site "${s.id}"`));

  const grant = (site: Site) => {
    void requestHosts(site.matches.map(hostPermission)).then((ok) =>
      notify(
        ok
          ? { kind: 'ok', text: t('options.sites.accessGranted', { name: site.name || site.id }) }
          : { kind: 'warn', text: t('popup.tab.notGranted') },
      ),
    );
  };

  const submit = (site: Site) => {
    // First, inside the click: the permission prompt needs the user gesture.
    const granted = requestHosts(site.matches.map(hostPermission));
    const previous = editing?.site;
    void (async () => {
      const ok = await granted;
      const sites = previous ? user.map((s) => (s.id === previous.id ? site : s)) : [...user, site];
      const name = site.name || site.id;
      const saved = await save(
        { ...settings, sites },
        ok ? t('options.sites.savedWorks', { name }) : t('options.sites.savedNoAccess', { name }),
      );
      if (!saved) return;
      setEditing(undefined);
      if (previous) {
        const rest = [...managed, ...sites];
        await revokeHosts(
          permissionsToRevoke(
            { ...previous, matches: previous.matches.filter((m) => !site.matches.includes(m)) },
            rest,
            effective.rules,
          ),
        );
      }
    })();
  };

  const remove = async (site: Site) => {
    const sites = user.filter((s) => s.id !== site.id);
    if (await save({ ...settings, sites }, t('options.sites.removed', { name: site.name || site.id })))
      await revokeHosts(permissionsToRevoke(site, [...managed, ...sites], effective.rules));
  };

  const takenIds = [...managed, ...user].map((s) => s.id);
  return (
    <section aria-labelledby="sites-h">
      <div className="section-head">
        <h2 id="sites-h">{t('options.tabs.sites')}</h2>
        <span className="spacer" />
        {editing ? null : (
          <button type="button" className="btn primary" onClick={() => setEditing({})} data-testid="add-site">
            {t('options.sites.add')}
          </button>
        )}
      </div>
      <p className="lead">{t('options.sites.lead')}</p>
      {sitesDisallowed ? <p className="banner warn">{t('options.sites.disallowed')}</p> : null}
      {editing ? (
        <SiteEditor
          key={editing.site?.id ?? 'new'}
          site={editing.site}
          initial={editing.initial}
          takenIds={takenIds.filter((id) => id !== editing.site?.id)}
          onSubmit={submit}
          onCancel={() => setEditing(undefined)}
        />
      ) : null}
      {managed.length + user.length === 0 && !editing ? (
        <Empty>{t('options.sites.empty')}</Empty>
      ) : (
        <ul className="cards" aria-label={t('options.tabs.sites')}>
          {managed.map((s) => (
            <SiteCard key={`m-${s.id}`} site={s} access={access} onGrant={grant} />
          ))}
          {user.map((s) => (
            <SiteCard
              key={`u-${s.id}`}
              site={s}
              access={access}
              ignored={ignoredWhy(s)}
              suggested={isSuggested(policy, 'sites', s.id)}
              onGrant={grant}
              onEdit={(site) => setEditing({ site })}
              onRemove={(site) => void remove(site)}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * Once rendered: scrolls the element into view and focuses it (or its first field). Timers, not
 * requestAnimationFrame: the options tab may open in the background, where frames do not run; tried
 * again for a moment while React has not rendered it yet.
 */
function reveal(selector: string, tries = 50): void {
  setTimeout(() => {
    const el = document.querySelector<HTMLElement>(selector);
    if (!el) {
      if (tries > 0) reveal(selector, tries - 1);
      return;
    }
    el.scrollIntoView({ block: 'start' });
    const field = el.querySelector<HTMLElement>('input, select, textarea') ?? el.querySelector('button');
    (el.matches('form') && field ? field : el).focus();
  }, 20);
}
