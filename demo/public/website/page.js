// The simulated website's OWN code: what a site owner writes around the JivoChat widget and the Kommo
// button. It defines the page's jivo_on* callbacks and registers its own crmPlugin callbacks, in the
// order the query asks for, and records every call of them in window.pageCalls (name, `this`, arguments).
//
// Query parameters:
//   define   before-assign | before-declare | after-assign | after-declare | none   (default before-assign)
//            before-*: in <head>, before the widget loads (parser-inserted inline <script>, via document.write);
//            after-*: once the widget has loaded (an injected inline <script>, or plain assignment);
//            declare: global `function jivo_onX(){}` declarations; assign: `window.jivo_onX = function…`;
//            none: the page defines no jivo_on* callback and registers no crmPlugin callback.
//   visitor  the Jivo visitor number (default: random), user  the Kommo user_id (default: 'web-' + visitor)
//   kommo    stub (default: the Kommo snippet defines a queueing crmPlugin stub at once) | late (nothing
//            until the button script loads); the button script (kommo-button.js) always loads 300 ms later
//   ksem     stack (default: every registered callback is kept) | last (the last registration wins)
//   auto     1: the widgets fire jivo_onLoadCallback / onChatReady by themselves once loaded (for the demo)
(() => {
  const query = new URLSearchParams(location.search);
  const define = query.get('define') || 'before-assign';
  const [when, style] = define.split('-');
  const visitor = query.get('visitor') || String(1000 + Math.floor(Math.random() * 9e6));
  const page = {
    define,
    visitor,
    user: query.get('user') || `web-${visitor}`,
    ready: false,
    /** Registers the page's own Kommo callbacks (called by the snippet below or once the button loaded). */
    registerKommo: null,
  };
  window.page = page;
  window.pageCalls = [];

  /** Every page callback ends here: records the call and returns a marker the widget gets back. */
  window.pageRecord = function pageRecord(name, self, args) {
    window.pageCalls.push({
      name,
      thisIsWindow: self === window,
      args: JSON.parse(JSON.stringify(Array.from(args), (_k, v) => (v === undefined ? null : v))),
    });
    const log = document.getElementById('page-log');
    if (log) log.textContent += `page ${name}(${Array.from(args).map(String).join(', ')})\n`;
    return `page:${name}`;
  };

  const JIVO = [
    'jivo_onLoadCallback',
    'jivo_onOpen',
    'jivo_onMessageSent',
    'jivo_onAccept',
    'jivo_onClose',
    'jivo_onIntroduction',
    'jivo_onResizeCallback',
    'jivo_onCallStart',
    'jivo_onCallEnd',
    'jivo_onChangeState',
  ];
  /** The page's callbacks as classic-script source: declarations or assignments. */
  const jivoSource = () =>
    JIVO.map((n) =>
      style === 'declare'
        ? `function ${n}() { return pageRecord('${n}', this, arguments); }`
        : `window.${n} = function () { return pageRecord('${n}', this, arguments); };`,
    ).join('\n');

  // ── JivoChat ─────────────────────────────────────────────────────────────────────────────────────
  if (when === 'before') {
    // A parser-inserted inline <script> in <head>, run before the widget script below it.
    document.write(`<script>${jivoSource()}</script>`);
  }
  const afterJivo = () => {
    if (when === 'after') {
      // After the widget: an inline script injected into the page (a declaration redefines the global).
      const s = document.createElement('script');
      s.textContent = jivoSource();
      document.head.appendChild(s);
    }
    jivoDone = true;
    settle();
  };
  let jivoDone = false;
  let kommoDone = false;
  const settle = () => {
    page.ready = jivoDone && kommoDone;
  };
  if (window.widgetSim?.jivo?.loaded) afterJivo();
  else document.addEventListener('widget-sim:jivo-loaded', afterJivo, { once: true });

  // ── Kommo ────────────────────────────────────────────────────────────────────────────────────────
  // Settings first, as the seed asks ("before including the code for the button itself").
  window.crmPluginConfig = { hidden: false, onlinechat: { mode: 'widget', user_id: page.user } };
  page.registerKommo = () => {
    if (define === 'none') return;
    for (const name of [
      'onChatReady',
      'onChatShow',
      'onChatHide',
      'onButtonClick',
      'onConversationsChange',
    ]) {
      window.crmPlugin(name, function (...args) {
        return pageRecord(`kommo:${name}`, this, args);
      });
    }
  };
  const loadButton = () => {
    const s = document.createElement('script');
    s.src = `kommo-button.js?ksem=${encodeURIComponent(query.get('ksem') || 'stack')}`;
    s.addEventListener('load', () => {
      if (query.get('kommo') === 'late') page.registerKommo();
      kommoDone = true;
      settle();
    });
    document.head.appendChild(s);
  };
  if (query.get('kommo') !== 'late') {
    // The button code copied from Kommo: crm_plugin with a queueing setMeta, a queueing crmPlugin stub.
    window.crm_plugin = {
      id: 'demo',
      setMeta(p) {
        this.params = (this.params || []).concat([p]);
      },
    };
    window.crmPlugin =
      window.crmPlugin ||
      ((...args) => {
        window.crmPlugin.q = window.crmPlugin.q || [];
        window.crmPlugin.q.push(args);
      });
    page.registerKommo();
  }
  // The button script arrives later (a slow CDN): 300 ms.
  setTimeout(loadButton, 300);
})();
