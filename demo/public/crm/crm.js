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

  // A "framework-controlled" input: like React, it keeps its own state and re-renders the DOM value from
  // it, so a plain `.value =` assignment is undone unless the input event reaches the handler.
  const quick = document.getElementById('quick-note');
  const state = { phone: '', name: '' };
  for (const field of ['phone', 'name']) {
    const label = el('label', field === 'phone' ? 'Phone ' : 'Name ');
    const input = el('input', undefined, { type: 'text', id: `quick-${field}`, name: field });
    input.addEventListener('input', () => {
      state[field] = input.value;
      render();
    });
    label.appendChild(input);
    quick.appendChild(label);
  }
  const echo = el('div', '', { id: 'quick-state', class: 'muted' });
  quick.appendChild(echo);
  function render() {
    echo.textContent = `state: ${JSON.stringify(state)}`;
  }
  render();
})();
