// Demo CRM page script. Renders only with textContent (event data is never HTML).
(() => {
  const cfg = window.DEMO || {};
  const params = new URLSearchParams(location.search);
  const embeds = (params.get('embed') || 'roxchat').split(',').filter(Boolean);

  const el = (tag, text, attrs) => {
    const e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    return e;
  };

  // Agent workspaces embedded from a second origin.
  const box = document.getElementById('workspaces');
  const parent = encodeURIComponent(location.origin);
  const paths = cfg.workspacePaths || {};
  for (const name of embeds) {
    const path = paths[name];
    if (!path) continue;
    const iframe = el('iframe', undefined, {
      id: `ws-${name}`,
      title: `${name} agent workspace`,
      src: `${cfg.workspaceOrigin}${path}?parent=${parent}`,
    });
    box.appendChild(iframe);
  }

  async function refresh() {
    try {
      const [contacts, notes] = await Promise.all([
        fetch('/api/contacts').then((r) => r.json()),
        fetch('/api/notes').then((r) => r.json()),
      ]);
      const tbody = document.querySelector('#contacts tbody');
      tbody.replaceChildren(
        ...contacts.map((c) => {
          const tr = el('tr');
          for (const v of [c.id, c.name, c.phone, c.email])
            tr.appendChild(el('td', v == null ? '' : String(v)));
          return tr;
        }),
      );
      const ol = document.getElementById('notes');
      ol.replaceChildren(
        ...notes.map((n) => el('li', `${n.title ? `${n.title}: ` : ''}${n.text ?? JSON.stringify(n)}`)),
      );
      document.getElementById('note-count').textContent = `(${notes.length})`;
    } catch (_e) {
      /* server restarting */
    }
  }
  refresh();
  setInterval(refresh, 700);
})();
