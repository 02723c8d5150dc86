import { useEffect, useState } from 'react';
import { request } from '../api';

/**
 * Settings as raw JSON, validated by the worker with the same zod schema it runs on. The full
 * form-based editor (sites, rule builder, presets, secrets) is the options-page issue.
 */
export function Options() {
  const [text, setText] = useState('');
  const [status, setStatus] = useState('');

  useEffect(() => {
    void request<{ settings: unknown; error?: string }>({ type: 'settings.get' }).then((r) => {
      setText(JSON.stringify(r.settings, null, 2));
      if (r.error) setStatus(`Stored settings were invalid and defaults are in use: ${r.error}`);
    });
  }, []);

  const save = async () => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      setStatus(`Not valid JSON: ${(e as Error).message}`);
      return;
    }
    const r = await request<{ ok: boolean; error?: string }>({ type: 'settings.save', settings: parsed });
    setStatus(r.ok ? 'Saved.' : `Not saved: ${r.error}`);
  };

  return (
    <main style={{ padding: 16, maxWidth: 900 }}>
      <h1>CRM Bridge settings</h1>
      <textarea
        data-testid="settings-json"
        value={text}
        onChange={(e) => setText(e.target.value)}
        rows={30}
        style={{ width: '100%', fontFamily: 'monospace' }}
      />
      <p>
        <button type="button" onClick={save}>
          Save
        </button>{' '}
        <span data-testid="status">{status}</span>
      </p>
    </main>
  );
}
