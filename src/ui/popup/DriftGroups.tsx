import { useMemo } from 'react';
import { type DriftGroup, driftGroups } from '../../journal/drift';
import type { JournalEntry } from '../../journal/types';
import { platformLabel } from '../../platforms/agent';
import { t, tn } from '../../util/i18n';
import { formatTime } from '../shared/format';

/** One sentence per group: what, how many since when, and which field changed how. */
export function describeDrift(g: DriftGroup): string {
  const subs = { platform: platformLabel(g.platform), event: g.sourceEvent, time: formatTime(g.since) };
  if (g.kind === 'new-type') return tn('replay.drift.newType', g.count, subs);
  const head = tn('replay.drift.rejected', g.count, subs);
  const field = g.field ?? '';
  const why =
    g.problem === 'type' && g.received
      ? t('replay.drift.nowType', { field, type: g.received })
      : g.problem === 'missing'
        ? t('replay.drift.missing', { field })
        : g.field
          ? t('replay.drift.other', { field })
          : '';
  return why ? `${head} — ${why}` : head;
}

/**
 * Capture drift (issue 20): schema refusals from trusted sources and never-seen event types, grouped by
 * platform, event and field (src/journal/drift.ts), so a platform change reads as one line.
 */
export function DriftGroups({ entries }: { entries: readonly JournalEntry[] }) {
  const groups = useMemo(() => driftGroups(entries), [entries]);
  if (groups.length === 0) return null;
  return (
    <div className="banner" role="note" data-testid="drift">
      <strong>{t('replay.drift.title')}</strong>
      <ul className="drift">
        {groups.slice(0, 5).map((g) => (
          <li key={g.key} data-testid="drift-group">
            {describeDrift(g)}
          </li>
        ))}
      </ul>
    </div>
  );
}
