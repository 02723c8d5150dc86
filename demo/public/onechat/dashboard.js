// OneChat agent dashboard simulator: the real @rails/actioncable client (served from node_modules)
// subscribes RoomChannel with a pubsub_token, like Chatwoot's dashboard, and records what the page's own
// code receives so the tests can check that the extension's WebSocket tap changes nothing for the page.
// Query: ?cable=<ws url> (default: this origin's /cable) &token=<pubsub_token> &client=<id for the server>.
(() => {
  const q = new URLSearchParams(location.search);
  const base = q.get('cable') || `${location.origin.replace(/^http/, 'ws')}/cable`;
  const client = q.get('client');
  const url = client ? `${base}?client=${encodeURIComponent(client)}` : base;
  const token = q.get('token') || 'demo-agent-token';
  const AC = window.ActionCable;

  const sim = {
    /** What the subscription's received() callback got: {event, data} messages. */
    received: [],
    /** Raw frames, as the page's own socket handlers saw them (ActionCable's onmessage; a listener). */
    frames: { onmessage: [], listener: [] },
    state: 'connecting',
    checks: {},
    ready: false,
  };
  window.sim = sim;
  window.received = sim.received;

  const show = () => {
    document.getElementById('state').textContent = sim.state;
    document.getElementById('counts').textContent =
      `${sim.frames.onmessage.length} (onmessage) / ${sim.frames.listener.length} (addEventListener)`;
  };

  // ActionCable installs `webSocket.onmessage = events.message.bind(connection)` at open(): wrapping the
  // prototype's handlers counts exactly what the page's own onmessage gets; a listener added on open
  // (before any frame can arrive) counts what addEventListener('message') gets.
  const events = AC.Connection.prototype.events;
  const onMessage = events.message;
  events.message = function (e) {
    sim.frames.onmessage.push(e.data);
    show();
    return onMessage.call(this, e);
  };
  const onOpen = events.open;
  events.open = function (e) {
    const ws = this.webSocket;
    ws.addEventListener('message', (m) => sim.frames.listener.push(m.data));
    sim.checks = {
      instanceOfWebSocket: ws instanceof WebSocket,
      constructorIsWebSocket: ws.constructor === WebSocket,
      statics: [WebSocket.CONNECTING, WebSocket.OPEN, WebSocket.CLOSING, WebSocket.CLOSED],
      protocol: ws.protocol,
      binaryType: ws.binaryType,
      url: ws.url,
    };
    return onOpen.call(this, e);
  };

  document.getElementById('cable').textContent = url;
  const consumer = AC.createConsumer(url);
  sim.consumer = consumer;
  sim.subscription = consumer.subscriptions.create(
    { channel: 'RoomChannel', pubsub_token: token, account_id: 1, user_id: 1 },
    {
      connected() {
        sim.state = 'subscribed';
        sim.ready = true;
        show();
      },
      disconnected() {
        sim.state = 'disconnected';
        show();
      },
      rejected() {
        sim.state = 'rejected';
        show();
      },
      received(data) {
        sim.received.push(data);
        const li = document.createElement('li');
        li.textContent = `${data.event}: ${JSON.stringify(data.data).slice(0, 160)}`;
        document.getElementById('received').appendChild(li);
      },
    },
  );

  fetch('/fixtures/onechat.json')
    .then((r) => r.json())
    .then((list) => {
      const box = document.getElementById('buttons');
      for (const f of list) {
        if (!f.expectTypes.length || !f.raw.message) continue;
        const b = document.createElement('button');
        b.textContent = f.name;
        b.addEventListener('click', () =>
          fetch('/_cable/broadcast', { method: 'POST', body: JSON.stringify({ fixture: f.name }) }),
        );
        box.appendChild(b);
      }
    });
})();
