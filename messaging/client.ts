// Sending a request to the background: the one way other contexts reach it.

import { browser } from 'wxt/browser';
import type { Envelope, MessageType, Reply, Request, Response } from './protocol';

export class BackgroundError extends Error {}

export async function send<T extends MessageType>(type: T, payload: Request<T>): Promise<Response<T>> {
  const envelope: Envelope<T> = { type, payload };
  const reply = (await browser.runtime.sendMessage(envelope)) as Reply<T> | undefined;
  if (!reply) throw new BackgroundError(`no answer to ${type}`);
  if (!reply.ok) throw new BackgroundError(reply.error);
  return reply.result;
}
