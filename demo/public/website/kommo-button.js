// A stand-in for Kommo's button.js (shared/seeds/004_…txt): takes over window.crmPlugin from the
// snippet's queueing stub (or defines it when there was none), drains the queue, replaces
// crm_plugin.setMeta, runs the documented methods and calls the registered callbacks when asked to
// (window.widgetSim.kommo.fire). `?ksem=last` on this script's URL: a later registration of the same
// event replaces the earlier one (the seed does not say whether callbacks stack or replace).
(() => {
  const own = new URL(document.currentScript?.src || location.href);
  const lastWins = own.searchParams.get('ksem') === 'last';
  const auto = new URLSearchParams(location.search).get('auto') === '1';
  /** event name → callbacks, in registration order. */
  const listeners = {};
  const sim = {
    loaded: false,
    lastWins,
    listeners,
    /** runChatShow / runChatHide / runDestroy / sendKeyActionHook / anything else: method, args, `this`. */
    calls: [],
    /** crm_plugin.setMeta calls, queued ones included: the params and whether `this` was crm_plugin. */
    meta: [],
    shown: false,
    destroyed: false,
    /** Calls every callback kept for `name` with the same arguments, `this` = window; returns their results. */
    fire(name, ...args) {
      return (listeners[name] || []).map((cb) => cb.apply(window, args));
    },
    count(name) {
      return (listeners[name] || []).length;
    },
  };
  window.widgetSim = window.widgetSim || {};
  window.widgetSim.kommo = sim;

  function crmPlugin(name, ...rest) {
    const cb = rest[0];
    if (typeof name === 'string' && name.startsWith('on') && typeof cb === 'function') {
      // 'onChatShow|onChatHide' registers the callback for both events (seed "Callbacks").
      for (const n of name.split('|')) listeners[n] = lastWins ? [cb] : [...(listeners[n] || []), cb];
      return undefined;
    }
    sim.calls.push({ method: name, args: rest, thisIsWindow: this === window });
    if (name === 'runChatShow') sim.shown = true;
    if (name === 'runChatHide') sim.shown = false;
    if (name === 'runDestroy') sim.destroyed = true;
    return undefined;
  }

  // Take over first, then drain what the stub queued (the hook's registrations and the page's).
  const queue = window.crmPlugin?.q || [];
  window.crmPlugin = crmPlugin;
  for (const args of Array.from(queue)) crmPlugin.apply(window, Array.from(args));

  const plugin = window.crm_plugin || { id: 'demo' };
  const queuedMeta = plugin.params || [];
  plugin.setMeta = function (params) {
    sim.meta.push({ params, thisIsPlugin: this === window.crm_plugin });
  };
  window.crm_plugin = plugin;
  for (const p of queuedMeta) plugin.setMeta(p);

  sim.loaded = true;
  if (auto) sim.fire('onChatReady');

  const box = document.getElementById('kommo-buttons');
  if (box) {
    const fires = {
      onChatReady: [],
      onChatShow: [],
      onChatHide: [],
      onButtonClick: ['telegram', 'https://t.me/demo'],
      onConversationsChange: [
        [
          {
            name: 'A123',
            is_closed: false,
            last_message: { created_at: Date.now(), is_out: true, text: 'Hello', type: 'text' },
          },
        ],
      ],
    };
    for (const [name, args] of Object.entries(fires)) {
      const b = document.createElement('button');
      b.textContent = name;
      b.addEventListener('click', () => sim.fire(name, ...args));
      box.appendChild(b);
    }
  }
})();
