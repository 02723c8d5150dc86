import { useState } from 'react';
import type { Site } from '../../../config/settings';
import type { PlatformId } from '../../../events/types';
import { PLATFORMS } from '../../../platforms';
import { t } from '../../../util/i18n';
import type { Issue } from '../rule-form-parts';
import { SuggestList } from '../SuggestList';
import {
  type SiteForm,
  siteFromForm,
  siteToForm,
  suggestMatchPattern,
  suggestOrigin,
  uniqueId,
} from '../site-form';
import { Field, FieldErrors, fieldId } from '../ui';

const TAP_HINT: Record<string, string> = {
  postMessage: 'its agent workspace runs in an iframe that posts messages to the page',
  websocket: 'its dashboard’s WebSocket (ActionCable) is observed',
  'page-api': 'its widget’s JavaScript API on the page is observed',
};

/** Add or edit a site: address (match patterns), platforms to look for, trusted workspace origins. */
export function SiteEditor({
  site,
  initial,
  takenIds,
  onSubmit,
  onCancel,
}: {
  site?: Site;
  /** A new site's name and address filled in (the popup's "Configure…" link). */
  initial?: { name: string; matches: string[] };
  takenIds: string[];
  /** Called straight from the click (host permission is requested inside the user gesture). */
  onSubmit(site: Site): void;
  onCancel(): void;
}) {
  const [form, setForm] = useState<SiteForm>(() =>
    site
      ? siteToForm(site)
      : { id: '', name: initial?.name ?? '', matches: initial?.matches ?? [''], platforms: {} },
  );
  const [issues, setIssues] = useState<Issue[]>([]);
  const togglePlatform = (id: PlatformId, on: boolean) => {
    const p = PLATFORMS.find((x) => x.id === id);
    const platforms = { ...form.platforms };
    if (on)
      platforms[id] = {
        origins: p?.tap.kind === 'postMessage' ? [...p.tap.defaultOrigins] : [],
        socketUrlSuffix: '',
      };
    else delete platforms[id];
    setForm({ ...form, platforms });
  };
  const setPlatform = (id: PlatformId, patch: Partial<{ origins: string[]; socketUrlSuffix: string }>) => {
    const cur = form.platforms[id] ?? { origins: [], socketUrlSuffix: '' };
    setForm({ ...form, platforms: { ...form.platforms, [id]: { ...cur, ...patch } } });
  };

  const submit = () => {
    const id = form.id || uniqueId(form.name || form.matches[0] || 'site', takenIds, 'site');
    const r = siteFromForm({ ...form, id });
    setIssues(r.issues);
    if (r.site) onSubmit(r.site);
  };

  return (
    <form
      className="card editor"
      aria-label={site ? t('options.site.editAria', { name: site.name || site.id }) : t('options.sites.add')}
      onSubmit={(e) => e.preventDefault()}
    >
      <h3>
        {site ? t('options.site.editTitle', { name: site.name || site.id }) : t('options.site.addTitle')}
      </h3>
      <Field label={t('options.site.name')} path="name" issues={issues.filter((i) => i.path === 'name')}>
        <input
          id={fieldId('name')}
          value={form.name}
          placeholder={t('options.site.namePlaceholder')}
          onChange={(e) => setForm({ ...form, name: e.target.value })}
          data-testid="site-name"
        />
      </Field>
      <SuggestList
        label={t('options.site.address')}
        path="matches"
        values={form.matches}
        onChange={(matches) => setForm({ ...form, matches })}
        suggest={suggestMatchPattern}
        issues={issues}
        placeholder="https://crm.example.com/*"
        addLabel={t('options.site.addAddress')}
        hint={t('options.site.addressHint')}
        testId="site-match"
      />
      <FieldErrors issues={issues.filter((i) => i.path === 'matches')} />
      <fieldset className="platforms">
        <legend>{t('options.site.platforms')}</legend>
        {PLATFORMS.map((p) => {
          const cfg = form.platforms[p.id];
          return (
            <div key={p.id} className="platform-choice">
              <label className="check">
                <input
                  type="checkbox"
                  checked={!!cfg}
                  onChange={(e) => togglePlatform(p.id, e.target.checked)}
                  data-testid={`site-platform-${p.id}`}
                />
                <strong>{p.label}</strong> <span className="muted">— {TAP_HINT[p.tap.kind]}</span>
              </label>
              {cfg && p.tap.kind === 'postMessage' ? (
                <SuggestList
                  label={t('options.site.trustedOrigins', { platform: p.label })}
                  path={`platforms.${p.id}.origins`}
                  values={cfg.origins}
                  onChange={(origins) => setPlatform(p.id, { origins })}
                  suggest={suggestOrigin}
                  issues={issues}
                  placeholder="https://acme.example.com"
                  addLabel={t('options.site.addOrigin')}
                  hint={t('options.site.originsHint')}
                  testId={`site-origin-${p.id}`}
                />
              ) : null}
              {cfg && p.tap.kind === 'websocket' ? (
                <Field
                  label={t('options.site.socketSuffix')}
                  path={`platforms.${p.id}.socketUrlSuffix`}
                  issues={issues.filter((i) => i.path.startsWith(`platforms.${p.id}.socketUrlSuffix`))}
                >
                  <input
                    id={fieldId(`platforms.${p.id}.socketUrlSuffix`)}
                    value={cfg.socketUrlSuffix}
                    placeholder={p.tap.defaultUrlSuffix}
                    onChange={(e) => setPlatform(p.id, { socketUrlSuffix: e.target.value })}
                  />
                </Field>
              ) : null}
            </div>
          );
        })}
        <FieldErrors issues={issues.filter((i) => i.path === 'platforms')} />
      </fieldset>
      <div className="actions">
        <button type="button" className="btn primary" onClick={submit} data-testid="site-submit">
          {site ? t('options.site.save') : t('options.site.add')}
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          {t('options.cancel')}
        </button>
      </div>
    </form>
  );
}
