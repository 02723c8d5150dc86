import type { Settings } from '../../config/settings';

export interface Notice {
  kind: 'ok' | 'warn' | 'bad';
  text: string;
}

/** What every panel gets: the data, a way to store user settings, and the page's status line. */
export interface PanelProps {
  /** User settings (never managed entries). */
  settings: Settings;
  /** What runs: defaults < user < policy (managed entries flagged). */
  effective: Settings;
  /** Stores user settings; reports the outcome on the status line; resolves to success. */
  save(next: Settings, done?: string): Promise<boolean>;
  notify(n: Notice): void;
}
