import { useMemo } from 'react';
import type { PlatformId } from '../../../events/types';
import { commandOptions, selectorOptions } from '../samples';
import { LIST_COMMANDS, LIST_PATHS, LIST_SELECTORS, LIST_TEMPLATES } from './context';

/** The editor's autocomplete lists: event paths, templates (paths and secrets), event selectors, commands. */
export function Datalists({
  paths,
  secretNames,
  platforms,
}: {
  paths: readonly string[];
  secretNames: readonly string[];
  platforms: readonly PlatformId[];
}) {
  const selectors = useMemo(selectorOptions, []);
  const commands = useMemo(() => commandOptions(platforms), [platforms]);
  return (
    <>
      <datalist id={LIST_PATHS}>
        {paths.map((p) => (
          <option key={p} value={p} />
        ))}
      </datalist>
      <datalist id={LIST_TEMPLATES}>
        {[...paths, ...secretNames.map((n) => `secrets.${n}`)].map((p) => (
          <option key={p} value={`{{ ${p} }}`} />
        ))}
      </datalist>
      <datalist id={LIST_SELECTORS}>
        {selectors.map((s) => (
          <option key={s.value} value={s.value} label={s.label} />
        ))}
      </datalist>
      <datalist id={LIST_COMMANDS}>
        {commands.map((c) => (
          <option key={`${c.platform}:${c.name}`} value={c.name} label={`${c.platform}: ${c.description}`} />
        ))}
      </datalist>
    </>
  );
}
