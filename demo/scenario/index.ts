// The demo's chat scenario, one step list per place: the CRM page (Rox.Chat + uContact iframes), the
// OneChat dashboard (ActionCable), and a website with the JivoChat widget and the Kommo button.
import type { Frame, Page } from 'playwright-core';
import type { Launched } from '../../test/harness/browser';
import { waitFor } from '../../test/harness/browser';
import type { DemoServers } from '../../test/harness/servers';

type Sim = {
  sim: { ready?: boolean; state?: string; emit(e: string, p: unknown): void; emitFixture(n: string): void };
};
type SiteWin = {
  page?: { ready?: boolean };
  widgetSim: {
    jivo: {
      loaded?: boolean;
      fire(name: string, ...args: unknown[]): unknown;
      introduce(info: Record<string, string>): unknown;
    };
    kommo: { loaded?: boolean; fire(name: string, ...args: unknown[]): unknown };
  };
};

export type Step = (label: string, fn: () => Promise<unknown>) => Promise<void>;

async function simFrame(page: Page, path: string): Promise<Frame> {
  return waitFor(async () => {
    const f = page.frames().find((x) => x.url().includes(path));
    return f && (await f.evaluate(() => (window as unknown as Partial<Sim>).sim?.ready === true))
      ? f
      : undefined;
  }, `simulator ${path}`);
}

const emit = (f: Frame, e: string, p: unknown) =>
  f.evaluate(([ev, pa]) => (window as unknown as Sim).sim.emit(ev as string, pa), [e, p] as const);
const fixture = (f: Frame, n: string) =>
  f.evaluate((name) => (window as unknown as Sim).sim.emitFixture(name), n);

export async function crmScenario(browser: Launched, servers: DemoServers, step: Step): Promise<Page> {
  const page = await browser.ctx.newPage();
  await page.goto(`${servers.crm.origin}/?embed=roxchat,ucontact`);
  const rox = await simFrame(page, '/roxchat/workspace.html');
  const uc = await simFrame(page, '/ucontact/workspace.html');
  await page.waitForTimeout(300); // the bridge detects the workspace frames
  const visitor = {
    roxchatVisitorId: 'c3fa5841c772895f8645b33ac784f694',
    providedVisitorId: '12345',
    chatId: 483,
    sessionId: 'c9905a4eab2a4148add9b1c8ac97ad7d',
    siebelId: '4-1GQDLH42',
  };
  await step('Rox.Chat: the agent opens the chat (visitorSelected → screen pop)', () =>
    fixture(rox, 'visitorSelected'),
  );
  await step('Rox.Chat: the visitor writes "Greetings!" (newMessageAdded)', () =>
    fixture(rox, 'newMessageAdded'),
  );
  await step('Rox.Chat: the agent answers (newMessageAdded, kind operator)', () =>
    emit(rox, 'newMessageAdded', { ...visitor, kind: 'operator', messageText: 'Hello! How can I help?' }),
  );
  await step('Rox.Chat: the visitor authorises (visitorAuthorized)', () => fixture(rox, 'visitorAuthorized'));
  await step('Rox.Chat: the agent closes the chat (chatClosedByOperator)', () =>
    fixture(rox, 'chatClosedByOperator-skype'),
  );
  const interaction = {
    guid: 'f3a1c2d4-0001',
    campaign: 'Support',
    channel: 'voice',
    clientId: '+34600000111',
  };
  await step('uContact: a call is assigned to the agent (assignedInteraction → fill the CRM form)', () =>
    emit(uc, 'assignedInteraction', interaction),
  );
  await step('uContact: the agent sends a disposition (sentDisposition)', () =>
    emit(uc, 'sentDisposition', {
      ...interaction,
      comment: 'Customer will call back',
      levelsId: [1, 4],
      levelsValue: ['Sales', 'Callback'],
    }),
  );
  await step('uContact: the interaction ends (finishedInteraction)', () =>
    emit(uc, 'finishedInteraction', { guid: interaction.guid, finishDate: new Date().toISOString() }),
  );
  return page;
}

export async function onechatScenario(browser: Launched, servers: DemoServers, step: Step): Promise<Page> {
  const page = await browser.ctx.newPage();
  await page.goto(`${servers.workspace.origin}/onechat/dashboard.html?client=demo`);
  await waitFor(
    () => page.evaluate(() => (window as unknown as Sim).sim.state === 'subscribed') || undefined,
    'OneChat dashboard subscribed',
  );
  await step('OneChat: a conversation starts (conversation.created)', () =>
    servers.cable.broadcastFixture('conversation_created'),
  );
  await step('OneChat: the visitor writes (message.created)', () =>
    servers.cable.broadcastFixture('message_created'),
  );
  await step('OneChat: the agent resolves the conversation (conversation.status_changed → resolved)', () =>
    servers.cable.broadcastFixture('conversation_status_changed-resolved'),
  );
  return page;
}

export async function websiteScenario(browser: Launched, servers: DemoServers, step: Step): Promise<Page> {
  const page = await browser.ctx.newPage();
  await page.goto(`${servers.workspace.origin}/website/?visitor=demo&user=demo`);
  await waitFor(
    () =>
      page.evaluate(
        () =>
          (window as unknown as SiteWin).widgetSim?.jivo?.loaded === true &&
          (window as unknown as SiteWin).widgetSim?.kommo?.loaded === true,
      ) || undefined,
    'website widgets loaded',
  );
  const jivo = (name: string, ...args: unknown[]) =>
    page.evaluate(
      ([n, a]) => (window as unknown as SiteWin).widgetSim.jivo.fire(n as string, ...(a as unknown[])),
      [name, args] as const,
    );
  const kommo = (name: string, ...args: unknown[]) =>
    page.evaluate(
      ([n, a]) => (window as unknown as SiteWin).widgetSim.kommo.fire(n as string, ...(a as unknown[])),
      [name, args] as const,
    );
  await step('JivoChat: the widget opens (jivo_onOpen)', () => jivo('jivo_onOpen'));
  await step('JivoChat: an agent accepts the chat (jivo_onAccept)', () => jivo('jivo_onAccept'));
  await step('JivoChat: the visitor introduces themself (jivo_onIntroduction → CRM contact)', () =>
    page.evaluate(() =>
      (window as unknown as SiteWin).widgetSim.jivo.introduce({
        name: 'Ana Souza',
        email: 'Ana.Souza@Example.com',
        phone: '+55 11 91234-5678',
      }),
    ),
  );
  const at = Date.now();
  const chat = (last: object, closed = false) => [
    { name: 'Website chat #7', is_closed: closed, last_message: last },
  ];
  await step('Kommo: the visitor writes in the online chat (onConversationsChange)', () =>
    kommo(
      'onConversationsChange',
      chat({ created_at: at, is_out: true, text: 'Do you ship to Spain?', type: 'text' }),
    ),
  );
  await step('Kommo: the agent answers and closes the conversation (onConversationsChange)', () =>
    kommo(
      'onConversationsChange',
      chat(
        {
          created_at: at + 5000,
          is_out: false,
          text: 'Yes, in 3 days.',
          type: 'text',
          author: { name: 'Anna' },
        },
        true,
      ),
    ),
  );
  return page;
}
