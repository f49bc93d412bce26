// Test support for the sync server: real server processes over real HTTP, a real SQLite
// file in a fresh temporary folder or a fresh PostgreSQL database on this machine, one
// per place, dropped afterwards so runs never collide.

import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { formatHlc, newId, type Change, type Mutation, type PullResponse, type PushResponse } from '../../model';
import { hashToken, newToken } from '../../server/src/auth';
import { openStore } from '../../server/src/store/open';

export const ROOT = resolve(import.meta.dirname, '../..');
const CLI = join(ROOT, 'server/src/cli.ts');
export const PG_ADMIN_URL = process.env.GLOSS_TEST_PG_ADMIN ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export type BackendName = 'sqlite' | 'postgres';
export const BACKENDS: BackendName[] = ['sqlite', 'postgres'];

/** Where one test's data lives: a temporary folder, and with PostgreSQL a database of its own. */
export interface Place {
  backend: BackendName;
  dataDir: string;
  databaseUrl: string | undefined;
  drop(): Promise<void>;
}

export async function createPlace(backend: BackendName): Promise<Place> {
  const dataDir = mkdtempSync(join(tmpdir(), 'gloss-sync-test-'));
  if (backend === 'sqlite') {
    return { backend, dataDir, databaseUrl: undefined, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const name = `gloss_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    backend,
    dataDir,
    databaseUrl: url.toString(),
    async drop() {
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `the server tests need PostgreSQL at ${PG_ADMIN_URL} (set GLOSS_TEST_PG_ADMIN to use another): ${(error as Error).message}. ` +
        'On this kind of machine: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start',
    );
  }
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

export function placeEnv(place: Place): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  if (place.databaseUrl) env.DATABASE_URL = place.databaseUrl;
  return env;
}

/** Adds a user the way `user add` does (same store code, without a process per user) and returns the token. */
export async function addUser(place: Place, name = `user${randomBytes(4).toString('hex')}`): Promise<string> {
  const store = await openStore({ databaseUrl: place.databaseUrl, dataDir: place.dataDir });
  try {
    const token = newToken();
    await store.addUser(name, hashToken(token), Date.now());
    return token;
  } finally {
    await store.close();
  }
}

export async function revokeUser(place: Place, name: string): Promise<void> {
  const store = await openStore({ databaseUrl: place.databaseUrl, dataDir: place.dataDir });
  try {
    await store.revokeUser(name, Date.now());
  } finally {
    await store.close();
  }
}

export interface ServerProcess {
  url: string;
  proc: ChildProcess;
  output(): string;
  /** SIGTERM (or the signal given), and the exit code once it has stopped. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  /** SIGKILL: no clean-up of any kind. */
  kill(): Promise<void>;
}

const running = new Set<ChildProcess>();

/** Starts the real command line in a process of its own and waits for its listening line. */
export async function startServer(place: Place, args: string[] = []): Promise<ServerProcess> {
  // One node process (no npm or tsx wrapper in between), so a signal reaches the server itself.
  const proc = spawn(process.execPath, ['--import', 'tsx', CLI, '--port', '0', '--data', place.dataDir, ...args], {
    cwd: ROOT,
    env: placeEnv(place),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(proc);
  let out = '';
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((res) => proc.once('exit', (code) => (running.delete(proc), res(code))));
  const url = await new Promise<string>((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`server did not start in 30 s:\n${out}`)), 30_000);
    const look = () => {
      const m = /gloss-sync listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        res(m[1]!);
      }
    };
    proc.stdout!.on('data', look);
    void exited.then((code) => {
      clearTimeout(timer);
      rej(new Error(`server exited with ${code} before listening:\n${out}`));
    });
  });
  return {
    url,
    proc,
    output: () => out,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
      return exited;
    },
    async kill() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
      await exited;
    },
  };
}

/** For afterAll hooks: ends any server a failing test left running. */
export function killAll(): void {
  for (const proc of running) proc.kill('SIGKILL');
}

export interface Answer<T> {
  status: number;
  body: T;
  headers: Headers;
}

export class Client {
  nextId = 1;
  readonly clientId: string;

  constructor(
    readonly url: string,
    readonly token: string | undefined,
    clientId?: string,
  ) {
    this.clientId = clientId ?? randomBytes(8).toString('hex');
  }

  headers(extra: Record<string, string> = {}): Record<string, string> {
    return this.token ? { authorization: `Bearer ${this.token}`, ...extra } : extra;
  }

  async request<T>(method: string, path: string, body?: string): Promise<Answer<T>> {
    const res = await fetch(this.url + path, { method, headers: this.headers(body === undefined ? {} : { 'content-type': 'application/json' }), body });
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new Error(`${method} ${path} answered ${res.status} with non-JSON: ${text.slice(0, 200)}`);
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  /** Pushes mutations, numbering any without an id from this client's counter. */
  async push(mutations: (Omit<Mutation, 'id'> & { id?: number })[]): Promise<Answer<PushResponse & { error?: string }>> {
    return this.pushRaw(JSON.stringify(this.body(mutations)));
  }

  body(mutations: (Omit<Mutation, 'id'> & { id?: number })[]): { protocol: 1; clientId: string; mutations: Mutation[] } {
    return { protocol: 1, clientId: this.clientId, mutations: mutations.map((m) => ({ ...m, id: m.id ?? this.nextId++ })) };
  }

  async pushRaw(body: string): Promise<Answer<PushResponse & { error?: string }>> {
    return this.request('POST', '/v1/push', body);
  }

  async pull(cursor?: string): Promise<Answer<PullResponse & { error?: string }>> {
    return this.request('GET', cursor === undefined ? '/v1/pull' : `/v1/pull?cursor=${encodeURIComponent(cursor)}`);
  }

  /** Every change after the cursor, following `more`; fails on any refusal. */
  async pullAll(cursor?: string): Promise<{ changes: Change[]; cursor: string; pages: number }> {
    const changes: Change[] = [];
    let at = cursor;
    let pages = 0;
    for (;;) {
      const r = await this.pull(at);
      if (r.status !== 200) throw new Error(`pull answered ${r.status}: ${JSON.stringify(r.body)}`);
      pages++;
      changes.push(...r.body.changes);
      at = r.body.cursor;
      if (!r.body.more) return { changes, cursor: at, pages };
    }
  }
}

/** A clock stamp `offset` ms from now (or at a fixed time) for a device. */
export function stamp(node: string, offsetMs = 0, counter = 0, at = Date.now()): string {
  return formatHlc({ wall: at + offsetMs, counter, node });
}

export const ARTICLE = `a${'0123456789abcdef'.repeat(2)}`;

/** The fields of a new note, as the extension's first change of a note sets them. */
export function newNote(body: string, now = Date.now()) {
  return { articleId: ARTICLE, body, tags: [] as string[], entities: [] as string[], quote: null, position: null, createdAt: now, updatedAt: now, deleted: false };
}

export { newId };

/** The latest state of each record in a list of changes (a later change of a record replaces an earlier one). */
export function latest(changes: readonly Change[]): Map<string, Change> {
  const out = new Map<string, Change>();
  for (const c of changes) out.set(`${c.type}/${c.record}`, c);
  return out;
}
