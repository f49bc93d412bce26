// Sync server benchmark (printed, never asserted): 50 clients push and pull at once on
// loopback against a real server process, first on SQLite and then on PostgreSQL, for
// 30 s each (SYNC_BENCH_SECONDS to change). Clients are 10 users with 5 browsers each,
// so pushes of one user queue behind each other as they do in life, and every client
// pulls what its user's other browsers pushed. Now and then a client sends its last
// push again, as after a timeout. At the end every user's records are pulled afresh and
// counted: every mutation must have arrived exactly once.
//
//   npx tsx scripts/bench/sync-server.ts            (or call benchSyncServer() from npm run bench)

import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { PULL_PAGE_SIZE } from '../../model';
import { addUser, Client, createPlace, newId, newNote, stamp, startServer, type BackendName } from '../../tests/server/support';

export interface SyncBenchOptions {
  seconds?: number;
  users?: number;
  clientsPerUser?: number;
  /** Notes per push. */
  batch?: number;
  stores?: BackendName[];
  log?: (line: string) => void;
}

export interface SyncBenchResult {
  store: BackendName;
  clients: number;
  seconds: number;
  requests: number;
  pushes: number;
  pulls: number;
  retries: number;
  mutations: number;
  requestsPerSecond: number;
  mutationsPerSecond: number;
  latencyMs: { all: Percentiles; push: Percentiles; pull: Percentiles };
  /** Every user's notes counted on a fresh pull equal what its clients pushed, each once, and no retry applied anything. */
  exactlyOnce: boolean;
  problems: string[];
}

interface Percentiles {
  p50: number;
  p99: number;
}

function percentiles(xs: number[]): Percentiles {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => (s.length === 0 ? NaN : s[Math.min(s.length - 1, Math.floor(q * s.length))]!);
  return { p50: at(0.5), p99: at(0.99) };
}

const BODY = 'Ascend 910C shipments, per the filing; compare with the H20 licence numbers from last quarter. '.repeat(3);

async function runOne(store: BackendName, o: Required<Omit<SyncBenchOptions, 'stores' | 'log'>>): Promise<SyncBenchResult> {
  const place = await createPlace(store);
  const server = await startServer(place, ['--rate', '0']);
  const problems: string[] = [];
  const push: number[] = [];
  const pull: number[] = [];
  let retries = 0;
  try {
    // One after another: SQLite connections of one process would wait on each other's locks on one thread.
    const tokens: string[] = [];
    for (let u = 0; u < o.users; u++) tokens.push(await addUser(place, `bench${u}`));
    /** Per user: every note id its clients pushed, with its text. */
    const sent = tokens.map(() => new Map<string, string>());
    let applied = 0;
    const deadline = Date.now() + o.seconds * 1000;
    const started = performance.now();

    await Promise.all(
      tokens.flatMap((token, u) =>
        Array.from({ length: o.clientsPerUser }, async (_, k) => {
          const client = new Client(server.url, token);
          const device = `u${u}c${k}bench`;
          let cursor: string | undefined;
          let lastBody: string | undefined;
          for (let round = 0; Date.now() < deadline; round++) {
            let body: string;
            if (lastBody && round % 10 === 9) {
              body = lastBody;
            } else {
              const notes = Array.from({ length: o.batch }, (_, i) => ({ id: newId(), text: `${device} ${round}.${i} ${BODY}` }));
              body = JSON.stringify(client.body(notes.map((n, i) => ({ type: 'note' as const, record: n.id, hlc: stamp(device, 0, i), fields: newNote(n.text) }))));
              for (const n of notes) sent[u]!.set(n.id, n.text);
            }
            const t0 = performance.now();
            const r = await client.pushRaw(body);
            push.push(performance.now() - t0);
            if (r.status !== 200) {
              problems.push(`push answered ${r.status}: ${JSON.stringify(r.body).slice(0, 200)}`);
              break;
            }
            if (body === lastBody) {
              retries++;
              if (r.body.applied !== 0) problems.push(`a retried push applied ${r.body.applied} mutations again`);
            } else {
              applied += r.body.applied;
              if (r.body.applied !== o.batch) problems.push(`a new push applied ${r.body.applied} of ${o.batch}`);
            }
            lastBody = body;
            for (;;) {
              const t1 = performance.now();
              const p = await client.pull(cursor);
              pull.push(performance.now() - t1);
              if (p.status !== 200) {
                problems.push(`pull answered ${p.status}`);
                break;
              }
              cursor = p.body.cursor;
              if (!p.body.more) break;
            }
          }
        }),
      ),
    );
    const elapsed = (performance.now() - started) / 1000;

    // Count: each user's notes, pulled afresh, against what its clients pushed.
    let mutations = 0;
    for (const [u, token] of tokens.entries()) {
      const { changes } = await new Client(server.url, token).pullAll();
      const notes = changes.filter((c) => c.type === 'note');
      const ids = new Set(notes.map((n) => n.record));
      mutations += sent[u]!.size;
      if (notes.length !== sent[u]!.size || ids.size !== notes.length) problems.push(`user ${u}: pushed ${sent[u]!.size} notes, pull has ${notes.length} (${ids.size} distinct)`);
      for (const n of notes) if (sent[u]!.get(n.record) !== n.fields.body) problems.push(`user ${u}: note ${n.record} arrived changed or was never sent`);
    }
    if (applied !== mutations) problems.push(`the server applied ${applied} mutations for ${mutations} sent`);
    const requests = push.length + pull.length;
    return {
      store,
      clients: o.users * o.clientsPerUser,
      seconds: elapsed,
      requests,
      pushes: push.length,
      pulls: pull.length,
      retries,
      mutations,
      requestsPerSecond: requests / elapsed,
      mutationsPerSecond: mutations / elapsed,
      latencyMs: { all: percentiles([...push, ...pull]), push: percentiles(push), pull: percentiles(pull) },
      exactlyOnce: problems.length === 0,
      problems: problems.slice(0, 10),
    };
  } finally {
    await server.stop();
    await place.drop();
  }
}

export async function benchSyncServer(options: SyncBenchOptions = {}): Promise<SyncBenchResult[]> {
  const log = options.log ?? ((line: string) => console.log(line));
  const o = {
    seconds: options.seconds ?? Number(process.env.SYNC_BENCH_SECONDS ?? 30),
    users: options.users ?? 10,
    clientsPerUser: options.clientsPerUser ?? 5,
    batch: options.batch ?? 20,
  };
  const results: SyncBenchResult[] = [];
  const ms = (n: number) => n.toFixed(1);
  log(`sync server: ${o.users * o.clientsPerUser} clients (${o.users} users x ${o.clientsPerUser} browsers), pushes of ${o.batch} notes then pulls (pages of ${PULL_PAGE_SIZE}), ${o.seconds} s per store, loopback`);
  for (const store of options.stores ?? (['sqlite', 'postgres'] as const)) {
    const r = await runOne(store, o);
    results.push(r);
    log(
      `  ${store.padEnd(8)} ${r.requestsPerSecond.toFixed(0)} requests/s (${r.pushes} pushes incl. ${r.retries} retries, ${r.pulls} pulls), ` +
        `${r.mutationsPerSecond.toFixed(0)} mutations/s; latency p50 ${ms(r.latencyMs.all.p50)} ms, p99 ${ms(r.latencyMs.all.p99)} ms ` +
        `(push ${ms(r.latencyMs.push.p50)}/${ms(r.latencyMs.push.p99)}, pull ${ms(r.latencyMs.pull.p50)}/${ms(r.latencyMs.pull.p99)}); ` +
        `exactly once: ${r.exactlyOnce ? `yes, ${r.mutations} of ${r.mutations} mutations` : `NO: ${r.problems.join('; ')}`}`,
    );
  }
  return results;
}

if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  await benchSyncServer();
}
