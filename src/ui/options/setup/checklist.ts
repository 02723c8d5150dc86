// The first-run checklist (issue 18): site → workspace → secret → rule → test, each done or not from
// the real settings, secrets and journal. Pure.
import type { Settings } from '../../../config/settings';
import type { JournalEntry } from '../../../journal/types';
import { getPlatform } from '../../../platforms';
import { checkRule, errorsOf } from '../../../rules/validate';

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
      title: 'Add your CRM as a site',
      detail: site
        ? 'Your CRM pages are set up.'
        : 'Open your CRM page, click the CRM Bridge button and choose “Add this site”, or add it on the Sites tab.',
      href: '#sites',
    },
    {
      id: 'workspace',
      done: workspace,
      title: 'Trust the agent workspace',
      detail: workspace
        ? 'A workspace platform is ticked and trusted.'
        : 'Tick the workspace your agents use on the site and the address (origin) it is served from.',
      href: '#sites',
    },
    {
      id: 'secret',
      done: secret,
      title: 'Store your CRM API key as a secret',
      detail: secret
        ? 'A secret is stored; rules use it as {{ secrets.name }}.'
        : 'Add the API key of your CRM on the Secrets tab: it is never shown again or exported.',
      href: '#secrets',
    },
    {
      id: 'rule',
      done: rule,
      title: 'Create a rule',
      detail: rule
        ? 'A rule is on and has no problems.'
        : 'Create a rule on the Rules tab, for example from the preset “Chat message → CRM note”.',
      href: '#rules',
    },
    {
      id: 'test',
      done: test,
      title: 'Test it with a real conversation',
      detail: test
        ? 'An event reached your CRM.'
        : 'Send a message in the workspace: the CRM Bridge button shows each event and what your CRM answered.',
      href: '#setup',
    },
  ];
}
