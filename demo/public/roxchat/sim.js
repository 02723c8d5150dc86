// Rox.Chat Agent Workspace simulator: emits the events of the Rox.Chat CRM postMessage interface
// (shared/seeds/000_…txt) to the parent CRM window and answers start_outgoing_chat, including its
// documented error codes. The parent origin plays the role of operator_iframe_allowed_parent_origin.
(() => {
  const query = new URLSearchParams(location.search);
  const parentOrigin = query.get('parent') || '*';
  // ?target=top posts to the top window instead of the parent (hostile-frame tests: a nested frame).
  const target = () => (query.get('target') === 'top' ? window.top : window.parent);
  const sim = {
    received: [],
    /** Set to one of the five documented codes to make the next start_outgoing_chat fail. */
    nextError: null,
    fixtures: {},
    emit(event, params) {
      target().postMessage({ source: 'roxchat', event, params }, parentOrigin);
    },
    emitRaw(data) {
      target().postMessage(data, parentOrigin);
    },
    emitFixture(name) {
      const f = sim.fixtures[name];
      if (!f) throw new Error(`no fixture ${name}`);
      target().postMessage(f.raw, parentOrigin);
    },
  };
  window.sim = sim;

  window.addEventListener('message', (e) => {
    if (parentOrigin !== '*' && e.origin !== parentOrigin) return;
    const data = e.data || {};
    if (data.action !== 'start_outgoing_chat') return;
    sim.received.push({ origin: e.origin, data });
    const li = document.createElement('li');
    li.textContent = JSON.stringify(data);
    document.getElementById('received').appendChild(li);
    if (sim.nextError) {
      const code = sim.nextError;
      sim.nextError = null;
      window.parent.postMessage(
        { source: 'roxchat', event: 'startOutgoingChatFailed', params: { error: code, ...data.params } },
        e.origin,
      );
    }
  });

  fetch('/fixtures/roxchat.json')
    .then((r) => r.json())
    .then((list) => {
      const box = document.getElementById('buttons');
      for (const f of list) {
        sim.fixtures[f.name] = f;
        if (!f.expectTypes.length) continue;
        const b = document.createElement('button');
        b.textContent = f.name;
        b.addEventListener('click', () => sim.emitFixture(f.name));
        box.appendChild(b);
      }
      sim.ready = true;
    });
})();
