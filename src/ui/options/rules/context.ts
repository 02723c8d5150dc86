import { createContext, useContext } from 'react';
import type { BridgeEvent } from '../../../events/model';
import type { Issue } from '../rule-form-parts';

/** What every field of the rule editor needs: the problems by path, and the sample for autocomplete. */
export interface EditorContext {
  issues: readonly Issue[];
  /** Dotted paths of the sample event (autocomplete). */
  paths: readonly string[];
  secretNames: readonly string[];
  event?: BridgeEvent;
}

export const EditorCtx = createContext<EditorContext>({ issues: [], paths: [], secretNames: [] });
export const useEditor = () => useContext(EditorCtx);

/** Datalist ids rendered once by the editor. */
export const LIST_PATHS = 'dl-event-paths';
export const LIST_TEMPLATES = 'dl-template-paths';
export const LIST_SELECTORS = 'dl-event-selectors';
export const LIST_COMMANDS = 'dl-commands';
