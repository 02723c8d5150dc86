/**
 * The origin of an http(s) URL (scheme, host, port), or undefined for anything else: not a URL, or
 * another scheme (`blob:https://site/…` has the site's origin too, and is not a page on it).
 */
export function webOrigin(url: string): string | undefined {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.origin : undefined;
  } catch {
    return undefined;
  }
}
