// A stand-in for the JivoChat widget script (shared/seeds/003_…txt, "JavaScript API"): defines
// window.jivo_api with the documented methods and return values, and calls the page's global
// `window.jivo_on*` callbacks when asked to (window.widgetSim.jivo.fire), as the widget does.
(() => {
  const query = new URLSearchParams(location.search);
  const sim = {
    loaded: false,
    /** Every jivo_api call: method, arguments, whether `this` was jivo_api, and what it returned. */
    calls: [],
    /** Every callback fired: name, arguments, what the page's function returned. */
    fired: [],
    /** The contacts form (getContactInfo). The widget names the visitor's name `client_name`. */
    contact: { client_name: null, email: null, phone: null, description: null },
    visitorNumber: Number(window.page?.visitor ?? 1),
    mode: 'online',
    callbackEnabled: true,
    state: 'label',
    customData: [],
    userToken: null,
    rules: null,
    failures: {},
    /** Makes the next call of `method` answer `{result:'fail', reason}` (sendOfflineMessage: `error`). */
    failNext(method, reason) {
      sim.failures[method] = reason;
    },
    /** Calls `window[name](...args)` like the widget (`this` is window); returns the page's return value. */
    fire(name, ...args) {
      const value = typeof window[name] === 'function' ? window[name](...args) : undefined;
      sim.fired.push({ name, args, value });
      return value;
    },
    /** The visitor fills the contacts form: the form's data, then jivo_onIntroduction(). */
    introduce(info) {
      Object.assign(sim.contact, { client_name: info.name, email: info.email, phone: info.phone });
      return sim.fire('jivo_onIntroduction');
    },
  };
  window.widgetSim = window.widgetSim || {};
  window.widgetSim.jivo = sim;

  const fail = (method, key = 'reason') => {
    const reason = sim.failures[method];
    if (reason === undefined) return undefined;
    delete sim.failures[method];
    return { result: 'fail', [key]: reason };
  };
  const api = {};
  /** Defines jivo_api[name]; every call is recorded with its `this` and its return value. */
  const method = (name, impl) => {
    api[name] = function (...args) {
      const value = impl(...args);
      sim.calls.push({ method: name, args, thisIsApi: this === api, value });
      return value;
    };
  };
  method('open', (opts) => {
    sim.state = opts?.start === 'call' ? 'chat/call' : 'chat';
  });
  method('close', () => {
    sim.state = 'label';
  });
  method('chatMode', () => sim.mode);
  method('getContactInfo', () => ({ ...sim.contact }));
  method('getVisitorNumber', (cb) => {
    cb(null, sim.visitorNumber);
  });
  method('setContactInfo', (info) => {
    Object.assign(sim.contact, {
      client_name: info.name ?? sim.contact.client_name,
      email: info.email ?? sim.contact.email,
      phone: info.phone ?? sim.contact.phone,
      description: info.description ?? sim.contact.description,
    });
  });
  method('setCustomData', (fields) => {
    if (!Array.isArray(fields)) return { result: 'fail', reason: 'Custom data must be array.' };
    const failed = fail('setCustomData');
    if (failed) return failed;
    sim.customData = fields;
    return { result: 'ok' };
  });
  method('setUserToken', (token) => {
    if (!token || sim.failures.setUserToken !== undefined) {
      delete sim.failures.setUserToken;
      return { result: 'fail', token: token || false };
    }
    sim.userToken = token;
    return { result: 'ok', token };
  });
  method('setRules', (rules) => {
    sim.rules = rules;
  });
  method('showProactiveInvitation', (text, departmentId) => {
    sim.state = 'chat';
    sim.invitation = { text, departmentId };
  });
  method('startCall', (phone) => {
    if (!sim.callbackEnabled) return { result: 'fail', reason: 'Callback disabled' };
    const failed = fail('startCall');
    if (failed) return failed;
    if (!/^\+?[\d ()-]{5,}$/.test(String(phone))) return { result: 'fail', reason: 'Invalid phone number' };
    return { result: 'ok' };
  });
  method('isCallbackEnabled', (cb) => {
    cb(sim.callbackEnabled ? { result: 'ok' } : { result: 'fail', reason: 'Callback disabled' });
  });
  method('sendOfflineMessage', (msg) => {
    const failed = fail('sendOfflineMessage', 'error');
    if (failed) return failed;
    if (!msg?.message) return { result: 'fail', error: 'message is required' };
    return { result: 'ok' };
  });

  window.jivo_api = api;
  sim.loaded = true;
  document.dispatchEvent(new Event('widget-sim:jivo-loaded'));
  if (query.get('auto') === '1') sim.fire('jivo_onLoadCallback');

  const box = document.getElementById('jivo-buttons');
  if (box) {
    const fires = {
      jivo_onLoadCallback: [],
      jivo_onOpen: [],
      jivo_onMessageSent: [],
      jivo_onAccept: [],
      jivo_onClose: [],
      jivo_onResizeCallback: [],
      jivo_onCallStart: [],
      jivo_onCallEnd: [{ result: 'ok' }],
      jivo_onChangeState: ['chat'],
    };
    for (const [name, args] of Object.entries(fires)) {
      const b = document.createElement('button');
      b.textContent = name;
      b.addEventListener('click', () => sim.fire(name, ...args));
      box.appendChild(b);
    }
    const intro = document.createElement('button');
    intro.textContent = 'jivo_onIntroduction (form)';
    intro.addEventListener('click', () =>
      sim.introduce({ name: 'John Smith', email: 'email@example.com', phone: '+14084987855' }),
    );
    box.appendChild(intro);
  }
})();
