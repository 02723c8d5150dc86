import { t } from '../../util/i18n';
import { request } from '../api';

/** File name for an export taken at `at`: crm-bridge-journal-20240501-140307.json. */
export function exportFileName(at: number): string {
  const d = new Date(at);
  const p = (n: number) => String(n).padStart(2, '0');
  return `crm-bridge-journal-${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}.json`;
}

/**
 * Downloads the journal as JSON. The worker redacts secret values before the entries leave it
 * ('journal.export'); the page only wraps them and hands a Blob to an <a download>.
 */
export async function exportJournal(): Promise<number> {
  const r = await request({ type: 'journal.export' });
  if (!r?.entries) throw new Error(r?.error ?? t('popup.header.exportFailed'));
  const now = Date.now();
  const body = JSON.stringify(
    { format: 'crm-bridge-journal', version: 1, exportedAt: new Date(now).toISOString(), entries: r.entries },
    null,
    2,
  );
  const url = URL.createObjectURL(new Blob([body], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = exportFileName(now);
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
  return r.entries.length;
}
