// uContact agent workspace simulator: emits the five events of the uContact Events API
// (shared/seeds/002_…txt) to the embedding window as `{event, data}` postMessages, from the committed
// fixtures, and records every message the embedding window posts in (startInteraction or any other
// action), with the origin it came from.
(() => {
  const query = new URLSearchParams(location.search);
  // The embedding CRM's origin (uContact's frame-ancestors); '*' when opened standalone.
  const parentOrigin = query.get('parent') || '*';
  const sim = {
    /** Messages from the parent window: {origin, data}. */
    received: [],
    fixtures: {},
    /** The five documented events, in the seed's order. */
    documented: [
      'assignedInteraction',
      'finishedInteraction',
      'sentDisposition',
      'changedTheme',
      'changedLanguage',
    ],
    emit(event, data) {
      window.parent.postMessage({ event, data }, parentOrigin);
    },
    emitRaw(message) {
      window.parent.postMessage(message, parentOrigin);
    },
    emitFixture(name) {
      const f = sim.fixtures[name];
      if (!f) throw new Error(`no fixture ${name}`);
      window.parent.postMessage(f.raw, parentOrigin);
    },
  };
  window.sim = sim;

  window.addEventListener('message', (e) => {
    if (e.source !== window.parent) return;
    sim.received.push({ origin: e.origin, data: e.data });
    const li = document.createElement('li');
    li.textContent = `${e.origin}: ${JSON.stringify(e.data)}`;
    document.getElementById('received').appendChild(li);
  });

  fetch('/fixtures/ucontact.json')
    .then((r) => r.json())
    .then((list) => {
      const box = document.getElementById('buttons');
      for (const f of list) {
        sim.fixtures[f.name] = f;
        if (!sim.documented.includes(f.name)) continue;
        const b = document.createElement('button');
        b.textContent = f.name;
        b.addEventListener('click', () => sim.emitFixture(f.name));
        box.appendChild(b);
      }
      sim.ready = true;
    });
})();
