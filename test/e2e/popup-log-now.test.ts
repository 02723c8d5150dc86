// "Log this conversation now" (issue 18): from an event of a conversation in the popup, the worker runs
// the rules that log the conversation at its close right away, with the transcript so far; the CRM API
// receives the note, the popup says how many rules ran and follows their outcome. Refusals are told.
import { describe, expect, it } from 'vitest';
import { BEARER_CRM, noteRule as baseNoteRule } from './fixtures';
import { message, noteRule, popupSuite, rowWith, SECRET, settings } from './popup-driver';
import { configure, emit, waitFor } from './setup';

const p = popupSuite();

const transcriptRule = (crm: string) =>
  baseNoteRule(crm, {
    id: 'transcript',
    name: 'Conversation → CRM transcript',
    events: ['conversation.closed'],
    method: 'POST',
    headers: BEARER_CRM,
    body: { title: 'Transcript {{ conversation.id }}', text: '{{ conversation.transcript }}' },
  });

const transcripts = () =>
  p.env.servers.api.received.filter(
    (r) => r.path === '/api/notes' && String((r.body as { title?: string })?.title).startsWith('Transcript'),
  );

describe('popup: log this conversation now', () => {
  it('runs the conversation-close rules now and the CRM receives the transcript so far', async () => {
    const { env, crm } = p;
    const api = env.servers.crm.origin;
    await configure(env, settings(env, [noteRule(api), transcriptRule(api)]));
    env.servers.api.reset();
    await emit(crm.frame, 'newMessageAdded', message('Hola, necesito ayuda', 41));
    await emit(crm.frame, 'newMessageAdded', message('Mi pedido no llegó', 41));
    await waitFor(() => env.servers.api.notes.length >= 2 || undefined, 'message notes delivered');
    expect(transcripts()).toHaveLength(0);

    const popup = await p.openPopup();
    await rowWith(popup, 'Mi pedido no llegó').first().click();
    const box = popup.getByTestId('log-now-box');
    await box.getByTestId('log-now').click();
    const status = box.getByTestId('log-now-status');
    await expect.poll(() => status.getAttribute('data-kind'), { timeout: 15_000 }).toBe('started');
    expect(await status.textContent()).toContain('1 rule runs');

    const [sent] = await waitFor(() => (transcripts().length > 0 ? transcripts() : undefined), 'transcript');
    expect(sent?.body).toMatchObject({ title: 'Transcript 41' });
    const text = String((sent?.body as { text: string }).text);
    expect(text).toContain('Hola, necesito ayuda');
    expect(text).toContain('Mi pedido no llegó');
    // The secret is filled in by the worker, the page only ever sent a journal sequence number.
    expect(sent?.headers.authorization).toBe(`Bearer ${SECRET}`);
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toContain('delivered');

    // "Show the entry" opens the on-demand run: a conversation close from "log-now".
    await box.getByTestId('log-now-open').click();
    await expect
      .poll(() => popup.getByTestId('detail').locator('.detail-bar').textContent())
      .toContain('log-now');
    expect(transcripts()).toHaveLength(1);
    await popup.close();
  });

  it('says so when no rule logs a conversation, and sends nothing', async () => {
    const { env, crm } = p;
    await configure(env, settings(env, [noteRule(env.servers.crm.origin)]));
    await emit(crm.frame, 'newMessageAdded', message('Sin regla de cierre', 42));
    await waitFor(
      () => env.servers.api.notes.some((n) => n.text === 'Sin regla de cierre') || undefined,
      'message note',
    );
    env.servers.api.reset();
    const popup = await p.openPopup();
    await rowWith(popup, 'Sin regla de cierre').first().click();
    await popup.getByTestId('log-now').click();
    const status = popup.getByTestId('log-now-status');
    await expect.poll(() => status.getAttribute('data-kind'), { timeout: 15_000 }).toBe('refused');
    expect(await status.textContent()).toContain('No rule logs a conversation when it closes');
    expect(env.servers.api.received.filter((r) => r.method !== 'GET')).toHaveLength(0);
    await popup.close();
  });
});
