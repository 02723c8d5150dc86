// The first-run checklist (issue 18): site → workspace → secret → rule → test, each done or not from
// the real settings, secrets and journal. Pure.
import type { Settings } from '../../../config/settings';
import type { JournalEntry } from '../../../journal/types';
import { getPlatform } from '../../../platforms';
import { checkRule, errorsOf } from '../../../rules/validate';
import { t } from '../../../util/i18n';

export type StepId = 'site' | 'workspace' | 'secret' | 'rule' | 'test';
export interface SetupStep {
  id: StepId;
  done: boolean;
  title: string;
  /** What to do next (not done) or what is in place (done). */
  detail: string;
  /** Where to do it: an options tab hash. */
  href: string;
}

/** A site platform that can deliver: postMessage taps need a trusted origin, the others only a tick. */
function workspaceReady(settings: Settings): boolean {
  return settings.sites.some((s) =>
    Object.entries(s.platforms).some(([id, p]) => {
      if (!p?.enabled) return false;
      return getPlatform(id)?.tap.kind !== 'postMessage' || p.origins.length > 0;
    }),
  );
}

export function setupSteps(
  effective: Settings,
  secretNames: readonly string[],
  journal: readonly JournalEntry[],
): SetupStep[] {
  const site = effective.sites.length > 0;
  const workspace = workspaceReady(effective);
  const secret = secretNames.length > 0;
  const rule = effective.rules.some((r) => r.enabled && errorsOf(checkRule(r, { secretNames })).length === 0);
  const test = journal.some((e) => e.kind === 'event' && e.actions.some((a) => a.status === 'ok'));
  return [
    {
      id: 'site',
      done: site,
      title: t('options.setup.site.title'),
      detail: site ? t('options.setup.site.done') : t('options.setup.site.todo'),
      href: '#sites',
    },
    {
      id: 'workspace',
      done: workspace,
      title: t('options.setup.workspace.title'),
      detail: workspace ? t('options.setup.workspace.done') : t('options.setup.workspace.todo'),
      href: '#sites',
    },
    {
      id: 'secret',
      done: secret,
      title: t('options.setup.secret.title'),
      detail: secret
        ? t('options.setup.secret.done', { example: '{{ secrets.name }}' })
        : t('options.setup.secret.todo'),
      href: '#secrets',
    },
    {
      id: 'rule',
      done: rule,
      title: t('options.setup.rule.title'),
      detail: rule
        ? t('options.setup.rule.done')
        : t('options.setup.rule.todo', { preset: 'Chat message → CRM note' }),
      href: '#rules',
    },
    {
      id: 'test',
      done: test,
      title: t('options.setup.test.title'),
      detail: test ? t('options.setup.test.done') : t('options.setup.test.todo'),
      href: '#setup',
    },
  ];
}
