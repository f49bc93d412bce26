// Runs the app on a port until asked to stop. Stopping refuses new connections, lets
// requests in flight finish (a push in flight commits or rolls back whole either way),
// then closes the database.

import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { createApp } from './app';
import type { Store } from './store/store';

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

export interface ServeOptions {
  store: Store;
  host: string;
  port: number;
  rate: number;
}

/** How long requests in flight get to finish when the server stops. */
const DRAIN_MS = 10_000;

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const app = createApp({ store: options.store, rate: options.rate });
  const { server, address } = await new Promise<{ server: Server; address: AddressInfo }>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: options.port, hostname: options.host }, (info) => resolve({ server: s as Server, address: info }));
    s.once('error', reject);
  });
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const timer = setTimeout(() => server.closeAllConnections(), DRAIN_MS);
      await closed;
      clearTimeout(timer);
      await options.store.close();
    },
  };
}
