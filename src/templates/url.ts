import { Output } from 'liquidjs';
import { parseTemplate, TemplateError } from './engine';

/**
 * Where a request goes is the rule's decision, never the event's (issue 14, item 8; SECURITY.md
 * "Event data … never chooses the scheme, host or port"). A URL template with interpolations must
 * start with fixed text holding the whole origin and the "/", "?" or "#" that ends it:
 * `https://crm.example.com/contacts/{{ id }}` is fine; `https://{{ sub }}.kommo.com`,
 * `https://crm.example.com{{ tail }}` and `https://crm.example.com:{{ port }}/` are not.
 */
const FIXED_ORIGIN = /^(https?:\/\/[^/?#\\\s]+)[/?#]/i;

/**
 * The origin the rule's fixed text sets, or undefined when the template has no interpolation (its
 * whole text is fixed). Throws a TemplateError, in plain words, when event data could choose it.
 */
export function fixedUrlOrigin(source: string): string | undefined {
  const { templates } = parseTemplate(source, 'url');
  const first = templates.findIndex((t) => t instanceof Output);
  if (first === -1) return undefined;
  // The text before the first interpolation, exactly as written (tokens keep their source offsets).
  const prefix = first === 0 ? '' : source.slice(0, templates[first]?.token.begin ?? 0);
  const m = FIXED_ORIGIN.exec(prefix);
  let origin: string | undefined;
  try {
    origin = m?.[1] ? new URL(m[1]).origin : undefined;
  } catch {
    origin = undefined;
  }
  if (!origin || origin === 'null') {
    throw new TemplateError(
      'the start of the URL (https://host/) must be fixed text: put {{ … }} only after the "/" that ends the host, so event data cannot choose where the request goes',
    );
  }
  return origin;
}

/** Save-time check (rule schema): the problem with a URL template in plain words, or undefined. */
export function urlTemplateIssue(source: string): string | undefined {
  try {
    fixedUrlOrigin(source);
    return undefined;
  } catch (e) {
    return e instanceof TemplateError ? e.message : String(e);
  }
}
