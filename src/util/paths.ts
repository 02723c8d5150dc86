/**
 * Reads a dotted path, own properties only: `constructor`, `__proto__` and inherited members are never
 * reachable, whatever the event data contains.
 */
export function getPath(root: unknown, path: string): unknown {
  let cur: unknown = root;
  for (const key of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    if (!Object.hasOwn(cur, key)) return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}
