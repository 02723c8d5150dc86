import type { BridgeEvent } from '../events/model';
import type { ActionOutcome } from '../journal/types';
import type { WorkerToContent } from '../messaging/protocol';
import type { Outbox } from '../outbox/outbox';
import type { OutboxItem } from '../outbox/types';
import { getPlatform } from '../platforms';
import { formatIssues, sourceOf } from '../platforms/kit';
import type { CommandOutcome, CommandResult } from '../platforms/types';
import type { Action, Rule } from '../rules/schema';
import { copy } from './copy';
import { previewRequest } from './dry-run';
import { type HttpRequestSpec, idempotencyKey, renderHttp } from './http';
import { notify } from './notify';
import { isDocumentGone, NAVIGATED_AWAY, runPageAction } from './page';
import { type ActionOf, eventScope, renderHttpUrl, renderJson, renderString } from './render';
import { renderedOf } from './rendered';
import { renderRestCommand } from './rest-command';
import { openUrl, sendToBridge } from './tabs';

export interface RunContext {
  event: BridgeEvent;
  rule: Rule;
  index: number;
  journalSeq: number;
  outbox: Outbox;
  secretNames: string[];
  /** Secrets set by the organisation: only its own rules (rule.managed) may use them (issue 14, item 7). */
  managedSecrets: string[];
}

export type Outcome = Pick<
  ActionOutcome,
  'status' | 'detail' | 'error' | 'outboxId' | 'attempts' | 'nextAttemptAt' | 'rendered'
>;

/** Runs one action. Never throws: every failure becomes an outcome with a readable error. */
export async function runAction(action: Action, ctx: RunContext): Promise<Outcome> {
  try {
    switch (action.kind) {
      case 'http':
        return await queueHttp(action, ctx);
      case 'open-url': {
        const { value } = renderHttpUrl(action.url, eventScope(ctx.event));
        const detail = await openUrl(value.href, action.target, {
          reusePattern: action.reusePattern,
          navigate: action.navigate,
          sourceTabId: ctx.event.tabId,
        });
        return { status: 'ok', detail: `${detail}: ${value.href}` };
      }
      case 'agent-command':
        return await agentCommand(action, ctx);
      case 'fill':
      case 'click':
        return await runPageAction(action, ctx.event);
      case 'notify':
        return { status: 'ok', detail: await notify(action, ctx.event) };
      case 'copy':
        return { status: 'ok', detail: await copy(action, ctx.event) };
      case 'ask-agent':
        return {
          status: 'failed',
          error: 'ask-agent runs only as a step of a workflow: give the rule’s actions step ids',
        };
      case 'log':
        return {
          status: 'ok',
          detail: renderString(action.message, eventScope(ctx.event), 'text').value.slice(0, 1000),
        };
    }
  } catch (e) {
    return { status: 'failed', error: (e as Error).message };
  }
}

async function queueHttp(action: ActionOf<'http'>, ctx: RunContext): Promise<Outcome> {
  const { item, outcome } = httpItem(action, ctx);
  await ctx.outbox.enqueue(item);
  return outcome;
}

/**
 * Renders an http action into its outbox item and the outcome journaled for it, without waiting (the
 * action stage renders in the capture's own turn, src/background/pipeline/actions.ts). Throws a
 * template error as runAction's caller would see it.
 */
export function httpItem(
  action: ActionOf<'http'>,
  ctx: Omit<RunContext, 'outbox'>,
): { item: OutboxItem; outcome: Outcome } {
  const { request, missing } = renderHttp(action, ctx.event, {
    names: ctx.secretNames,
    managed: ctx.managedSecrets,
    ruleManaged: ctx.rule.managed,
  });
  return itemFor(request, ctx, missing);
}

/** A rendered request as its outbox item and journaled outcome (http actions and REST agent-commands alike). */
function itemFor(
  request: HttpRequestSpec,
  ctx: Omit<RunContext, 'outbox'>,
  missing: string[],
): { item: OutboxItem; outcome: Outcome } {
  const id = idempotencyKey(ctx.rule.id, ctx.event, ctx.index);
  const now = Date.now();
  const item: OutboxItem = {
    id,
    journalSeq: ctx.journalSeq,
    ruleId: ctx.rule.id,
    ruleName: ctx.rule.name,
    actionIndex: ctx.index,
    eventId: ctx.event.id,
    // Per source too: a forged event's retries never hold up the genuine conversation's deliveries.
    orderKey: `${ctx.rule.id}|${sourceOf(ctx.event)}|${ctx.event.conversation?.id ?? ctx.event.id}`,
    createdAt: now,
    attempts: 0,
    nextAttemptAt: now,
    ruleManaged: ctx.rule.managed,
    status: 'pending',
    request,
  };
  const note = missing.length ? ` (empty: ${[...new Set(missing)].join(', ')})` : '';
  // What was sent, secrets by name: a replay (src/replay/) diffs the current rules against it.
  const rendered = renderedOf(previewRequest(request));
  return {
    item,
    outcome: {
      status: 'queued',
      outboxId: id,
      detail: `${request.method} ${request.url}${note}`,
      rendered,
    },
  };
}

async function agentCommand(action: ActionOf<'agent-command'>, ctx: RunContext): Promise<Outcome> {
  const { event } = ctx;
  // A command through the workspace's REST API (OneChat) is an outbox item, like an http action.
  const commands = getPlatform(event.platform)?.commands;
  const spec = commands && Object.hasOwn(commands, action.command) ? commands[action.command] : undefined;
  if (spec?.rest) {
    const r = renderRestCommand(action, { ...spec, rest: spec.rest }, event, {
      names: ctx.secretNames,
      managed: ctx.managedSecrets,
      ruleManaged: ctx.rule.managed,
    });
    if (!r.ok) return { status: 'failed', error: r.error };
    const { item, outcome } = itemFor(r.request, ctx, []);
    await ctx.outbox.enqueue(item);
    return outcome;
  }
  // Params are rendered from the event (never with secrets) and validated by the command's schema.
  const rendered = renderJson(action.params, eventScope(event)).value;
  return sendAgentCommand(event.platform, action.command, rendered, event);
}

/**
 * Sends `command` of `platform` with `params` (validated here by the command's schema) to the document
 * that hosts the workspace: the emitting document of an event, or the page the agent right-clicked
 * (src/background/context-menu.ts). Never throws.
 */
export async function sendAgentCommand(
  platformId: string,
  command: string,
  params: unknown,
  to: { tabId: number; frameId: number; documentId?: string },
): Promise<Outcome> {
  const platform = getPlatform(platformId);
  const spec = platform && Object.hasOwn(platform.commands, command) ? platform.commands[command] : undefined;
  if (!platform || !spec) {
    const known = platform ? Object.keys(platform.commands).join(', ') || 'none' : 'none';
    return {
      status: 'failed',
      error: `${platformId} has no command "${command}" (available: ${known})`,
    };
  }
  const parsed = spec.params.safeParse(params);
  if (!parsed.success)
    return {
      status: 'failed',
      error: `invalid ${command} params: ${formatIssues(parsed.error).join('; ')}`,
    };
  const message: WorkerToContent = {
    type: 'command',
    platform: platform.id,
    command: spec.build(parsed.data),
  };
  let outcome: CommandOutcome;
  try {
    // To the emitting document itself (issue 14 item 11): a page loaded since in that tab or frame
    // never receives a command meant for the one that sent the event.
    const target = to.documentId ? { documentId: to.documentId } : { frameId: to.frameId };
    outcome = await sendToBridge(to.tabId, message, target);
  } catch (e) {
    const error =
      to.documentId && isDocumentGone(e)
        ? `${NAVIGATED_AWAY} (${(e as Error).message})`
        : `the page that emitted the event is gone: ${(e as Error).message}`;
    outcome = { delivered: false, error, replies: [] };
  }
  const result: CommandResult = spec.interpret
    ? spec.interpret(outcome)
    : outcome.delivered
      ? { ok: true }
      : { ok: false, error: outcome.error ?? 'not delivered' };
  return result.ok
    ? { status: 'ok', detail: result.detail ?? `${command} delivered` }
    : { status: 'failed', error: result.error };
}
