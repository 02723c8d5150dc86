import type { z } from 'zod';
import type { BridgeEvent, CaptureContext } from '../events/model';
import type { PlatformId } from '../events/types';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Why a raw payload did not become an event. Shown in the inspector; never thrown. */
export interface Rejection {
  ok: false;
  reason: string;
  /** zod issues, as `path: message` lines. */
  issues?: string[];
  sourceEvent?: string;
}

/** A payload can yield several events (OneChat status_changed to resolved also yields conversation.closed). */
export type NormalizeResult = { ok: true; events: BridgeEvent[] } | Rejection;

/**
 * The cheap envelope check the bridge content script runs on every `message` event, as data so that
 * the content script carries no per-platform code and no zod. Full validation happens in the worker.
 */
export interface EnvelopeSpec {
  /** Key holding the platform's event name (a string). */
  eventKey: string;
  /** A marker key/value the envelope must carry, e.g. ['source', 'roxchat']. */
  marker?: [key: string, value: string];
  /** Keys that must be present (any value). */
  requireKeys?: string[];
}

/** How the extension reaches the platform. */
export type Tap =
  | {
      kind: 'postMessage';
      envelope: EnvelopeSpec;
      /** Workspace origins trusted when a site does not list its own (usually none: the admin/user must say). */
      defaultOrigins: string[];
      /** Optional path hint: an iframe from a trusted origin counts as the workspace only if its path contains it. */
      framePathHint?: string;
    }
  | { kind: 'websocket'; defaultUrlSuffix: string }
  | { kind: 'page-api'; globals: string[] };

/** What the content side executes for a command, built by the worker from validated params. */
export type WorkspaceCommand =
  | { via: 'postMessage'; message: JsonValue; awaitReplyMs: number }
  | { via: 'page-api'; target: string; method: string; args: JsonValue[]; awaitReplyMs: number };

/** What the content side reports back: replies are raw messages the workspace sent in the reply window. */
export interface CommandOutcome {
  delivered: boolean;
  error?: string;
  replies: unknown[];
}

export type CommandResult = { ok: true; detail?: string } | { ok: false; error: string };

/**
 * A command carried out through the workspace's own REST API by the worker, through the outbox (OneChat:
 * the Chatwoot dashboard accepts nothing from the page). The host is always the event's trusted origin.
 */
export interface RestCall {
  method: 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Absolute path on the event's origin, e.g. /api/v1/accounts/1/conversations/7/messages. */
  path: string;
  body?: JsonValue;
  /** The header that carries the secret named by the command's `secretParam` (e.g. api_access_token). */
  authHeader: string;
  /**
   * Read-modify-write (an API that can only replace a list): at each attempt GET `readPath`, take the
   * list at `list` of its answer, add or remove the body's `field` and send the merged list
   * (src/actions/list-merge.ts).
   */
  merge?: { readPath: string; list: string; field: string; op: 'add' | 'remove' };
}

/** A command the workspace accepts. `build` receives params already validated by `params`. */
export interface CommandSpec {
  description: string;
  params: z.ZodType;
  build(params: unknown): WorkspaceCommand;
  /** Turns the workspace's replies into a result (e.g. Rox.Chat error codes into readable errors). */
  interpret?(outcome: CommandOutcome): CommandResult;
  /**
   * REST commands (src/actions/rest-command.ts): `call` replaces `build`. `secretParam` names the param
   * holding the name of the secret to send; it must be literal text in the rule, never a template.
   */
  rest?: { secretParam: string; call(params: unknown): RestCall };
}

/** Typed construction of a CommandSpec: `build` sees the schema's output type. */
export function defineCommand<S extends z.ZodType>(spec: {
  description: string;
  params: S;
  build(params: z.output<S>): WorkspaceCommand;
  interpret?(outcome: CommandOutcome): CommandResult;
}): CommandSpec {
  return { ...spec, build: (params) => spec.build(params as z.output<S>) };
}

/** Typed construction of a REST CommandSpec (its `build` is never called: the worker queues `call`). */
export function defineRestCommand<S extends z.ZodType>(spec: {
  description: string;
  params: S;
  secretParam: string;
  call(params: z.output<S>): RestCall;
}): CommandSpec {
  return {
    description: spec.description,
    params: spec.params,
    build: () => {
      throw new Error('a REST command is sent by the worker through the outbox, not by the page');
    },
    rest: { secretParam: spec.secretParam, call: (params) => spec.call(params as z.output<S>) },
  };
}

/** A payload from the platform's own documentation, committed under fixtures/. */
export interface Fixture {
  name: string;
  /** The raw payload exactly as the wire carries it. */
  raw: unknown;
  /** Expected canonical types, in order. Empty for payloads that must be rejected. */
  expectTypes: string[];
}

export interface Platform {
  id: PlatformId;
  label: string;
  /** File name of the platform's own documentation in shared/seeds/. */
  seed: string;
  tap: Tap;
  /** Every source event the documentation defines, with its raw schema. */
  schemas: Record<string, z.ZodType>;
  normalize(raw: unknown, ctx: CaptureContext): NormalizeResult;
  commands: Record<string, CommandSpec>;
  fixtures: Fixture[];
}
