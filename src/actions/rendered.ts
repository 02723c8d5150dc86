import type { RenderedRequest } from '../journal/types';
import { hash53, stableStringify } from '../util/hash';

/** Previews larger than this keep only their hash on the journal's outcome (bounded entries). */
export const RENDERED_PREVIEW_LIMIT = 16_000;

/**
 * The record of a rendered action kept on its journal outcome: the hash of the preview's deterministic
 * JSON (the replay diff compares it), and the preview itself when small enough to show side by side.
 * The preview names secrets (`[secret:name]`), never holds their values.
 */
export function renderedOf(preview: unknown): RenderedRequest {
  const text = stableStringify(preview);
  const hash = `${hash53(text)}${hash53(text, 7)}`;
  return text.length <= RENDERED_PREVIEW_LIMIT ? { hash, preview } : { hash };
}
