// OneChat direct mode: which URLs the worker may open its ActionCable socket to. The first frame
// carries the agent's pubsub_token (a secret), so this decides where a secret may go (issue 14 item 5).

/** localhost, 127.0.0.0/8 and [::1]: the only hosts a token may be sent to without TLS. */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/**
 * Why direct mode must not connect to `installUrl` (undefined: it may). The first frame carries the
 * agent's pubsub_token, so the socket must be TLS (wss:, from an https: URL); plain ws: only to a
 * loopback host (issue 14 item 5).
 */
export function directUrlProblem(installUrl: string): string | undefined {
  let u: URL;
  try {
    u = new URL(installUrl);
  } catch {
    return 'not a URL: enter one like https://chat.example.com';
  }
  if (u.protocol === 'https:' || u.protocol === 'wss:') return undefined;
  if (u.protocol === 'http:' || u.protocol === 'ws:')
    return isLoopbackHost(u.hostname)
      ? undefined
      : `${u.protocol.slice(0, -1)}: would send the pubsub token unencrypted: use https:// (plain http/ws only for localhost, 127.x or [::1])`;
  return `not an https URL (${u.protocol}): enter one like https://chat.example.com`;
}

/** The http(s) origin whose host permission direct mode needs (wss://h → https://h, ws://h → http://h). */
export function directOrigin(installUrl: string): string {
  const u = new URL(installUrl);
  if (u.protocol === 'wss:') u.protocol = 'https:';
  else if (u.protocol === 'ws:') u.protocol = 'http:';
  return u.origin;
}

/** `https://chat.example.com` → `wss://chat.example.com/cable` (a URL already ending in /cable is kept). */
export function cableUrl(installUrl: string): string {
  const problem = directUrlProblem(installUrl);
  if (problem) throw new Error(problem);
  const u = new URL(installUrl);
  if (u.protocol === 'http:' || u.protocol === 'https:')
    u.protocol = u.protocol === 'https:' ? 'wss:' : 'ws:';
  const path = u.pathname.replace(/\/+$/, '');
  u.pathname = path.endsWith('/cable') ? path : `${path}/cable`;
  u.search = '';
  u.hash = '';
  return u.href;
}
