// The background's side of the protocol: classify the sender, check that it may send
// this request, validate the payload, then call the handler. Anything else is refused
// with a reason and never reaches a handler. Pure: no browser globals, so it is unit
// tested directly.

import * as v from 'valibot';
import type { MessageType, Reply, Request, Response } from './protocol';
import { requestSchemas, requestSenders } from './schemas';

/** The parts of runtime.MessageSender the router relies on. */
export interface SenderInfo {
  id?: string;
  url?: string;
  tab?: { id?: number; incognito?: boolean };
  frameId?: number;
}

export type Caller = { kind: 'page'; tabId: number; url: string; frameId: number; incognito: boolean } | { kind: 'extension'; url: string };

export type Handlers = { [T in MessageType]: (payload: Request<T>, caller: Caller) => Promise<Response<T>> };

export function classifySender(sender: SenderInfo, runtimeId: string, extensionOrigin: string): Caller | undefined {
  if (sender.id !== runtimeId || typeof sender.url !== 'string') return undefined;
  let url: URL;
  try {
    url = new URL(sender.url);
  } catch {
    return undefined;
  }
  if (originOf(url) === extensionOrigin) return { kind: 'extension', url: sender.url };
  if (sender.tab?.id !== undefined && (url.protocol === 'https:' || url.protocol === 'http:')) {
    return { kind: 'page', tabId: sender.tab.id, url: sender.url, frameId: sender.frameId ?? 0, incognito: sender.tab.incognito === true };
  }
  return undefined;
}

/**
 * scheme://host, also for extension schemes, whose URL.origin is "null" outside the
 * browser that owns them.
 */
export function originOf(url: URL | string): string {
  const u = typeof url === 'string' ? new URL(url) : url;
  return `${u.protocol}//${u.host}`;
}

export function createRouter(handlers: Handlers, runtimeId: string, extensionOrigin: string) {
  return async (message: unknown, sender: SenderInfo): Promise<Reply> => {
    const type = (message as { type?: unknown } | null)?.type;
    if (typeof type !== 'string' || !Object.hasOwn(requestSchemas, type)) return { ok: false, error: 'unknown request' };
    const t = type as MessageType;
    const caller = classifySender(sender, runtimeId, extensionOrigin);
    if (!caller) return { ok: false, error: `${t}: sender not recognised` };
    if (requestSenders[t] !== caller.kind) return { ok: false, error: `${t}: not allowed from ${caller.kind === 'page' ? 'a web page' : 'an extension page'}` };
    const parsed = v.safeParse(requestSchemas[t], (message as { payload?: unknown }).payload);
    if (!parsed.success) {
      const issue = parsed.issues[0];
      const where = issue.path?.map((p) => String(p.key)).join('.') ?? '';
      return { ok: false, error: `${t}: invalid request${where ? ` at ${where}` : ''}: ${issue.message}` };
    }
    try {
      const handler = handlers[t] as (payload: unknown, caller: Caller) => Promise<unknown>;
      return { ok: true, result: (await handler(parsed.output, caller)) as Response<MessageType> };
    } catch (e) {
      return { ok: false, error: `${t}: ${e instanceof Error ? e.message : String(e)}` };
    }
  };
}
