// Links into the Sites tab (issue 18): `#sites?edit=<site id>` opens that site's editor, scrolled into
// view and focused; `#sites?add=<origin>` opens a new site with that page's address filled in. The
// popup builds them ("Open settings…" on a rejection, "Configure…" on an unconfigured page).

export type SitesLink = { edit: string } | { add: string };

/** The options page hash for a link (the tab part is `sites`; Options.tsx ignores what follows `?`). */
export function sitesLinkHash(link: SitesLink): string {
  const q = new URLSearchParams('edit' in link ? { edit: link.edit } : { add: link.add });
  return `#sites?${q.toString()}`;
}

/** A Sites link in a hash, or undefined (an `add` must be an http(s) origin: anything else is ignored). */
export function parseSitesLink(hash: string): SitesLink | undefined {
  const m = /^#?sites\?(.*)$/.exec(hash);
  if (!m) return undefined;
  const q = new URLSearchParams(m[1]);
  const edit = q.get('edit');
  if (edit) return { edit: edit.slice(0, 200) };
  const add = q.get('add');
  if (!add) return undefined;
  try {
    const u = new URL(add);
    return u.protocol === 'https:' || u.protocol === 'http:' ? { add: u.origin } : undefined;
  } catch {
    return undefined;
  }
}
