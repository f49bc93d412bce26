// The command line exactly as the README documents it, through npm run: adding,
// listing and revoking users, and a server that stops cleanly on SIGTERM or SIGINT.

import { spawn } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { BACKENDS, Client, createPlace, killAll, placeEnv, ROOT, stamp, startServer, type Place } from './support';

afterAll(killAll);

function npmRunServer(place: Place, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const proc = spawn('npm', ['run', 'server', '--', ...args], { cwd: ROOT, env: placeEnv(place), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (d) => (stdout += d));
    proc.stderr.on('data', (d) => (stderr += d));
    proc.on('error', reject);
    proc.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

const lastLine = (text: string) => text.trimEnd().split('\n').at(-1)!;

describe.each(BACKENDS)('command line on %s', (backend) => {
  it('adds a user whose token is the last line, lists, revokes and renews, keeping the data', async () => {
    const place = await createPlace(backend);
    try {
      const added = await npmRunServer(place, ['user', 'add', 'alice', '--data', place.dataDir]);
      expect(added.code, added.stderr).toBe(0);
      const token = lastLine(added.stdout);
      expect(token).toMatch(/^gls_[A-Za-z0-9_-]{43}$/);

      const server = await startServer(place);
      const c = new Client(server.url, token);
      expect((await c.push([{ type: 'mute', record: 'nvidia', hlc: stamp('clidevic'), fields: { entity: 'nvidia', deleted: false } }])).status).toBe(200);

      const twice = await npmRunServer(place, ['user', 'add', 'alice', '--data', place.dataDir]);
      expect(twice.code).toBe(1);
      expect(twice.stderr).toMatch(/already has a valid token/);

      const listed = await npmRunServer(place, ['user', 'list', '--data', place.dataDir]);
      expect(listed.code).toBe(0);
      expect(listed.stdout).toMatch(/^alice\s+valid\s+1\s/m);

      const revoked = await npmRunServer(place, ['user', 'revoke', 'alice', '--data', place.dataDir]);
      expect(revoked.code).toBe(0);
      expect((await c.pull()).status).toBe(401);
      expect((await npmRunServer(place, ['user', 'list', '--data', place.dataDir])).stdout).toMatch(/^alice\s+revoked\s+1\s/m);

      const renewed = await npmRunServer(place, ['user', 'add', 'alice', '--data', place.dataDir]);
      expect(renewed.code).toBe(0);
      const again = new Client(server.url, lastLine(renewed.stdout));
      expect((await again.pullAll()).changes.map((ch) => ch.record)).toEqual(['nvidia']);
      // Nothing printed by the server ever holds a token.
      expect(server.output()).not.toContain(token);
      expect(server.output()).not.toContain('gls_');

      expect(await server.stop()).toBe(0);
      expect(server.output()).toMatch(/gloss-sync: SIGTERM, stopping\ngloss-sync: stopped/);
    } finally {
      await place.drop();
    }
  });
});

describe('npm run server', () => {
  it('starts the server on the address it prints, and passes SIGTERM on to it', async () => {
    const place = await createPlace('sqlite');
    const npm = spawn('npm', ['run', 'server', '--', '--port', '0', '--data', place.dataDir], { cwd: ROOT, env: placeEnv(place), stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let out = '';
      npm.stdout.on('data', (d) => (out += d));
      npm.stderr.on('data', (d) => (out += d));
      const exited = new Promise<number | null>((resolve) => npm.on('exit', (code) => resolve(code)));
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no listening line in 30 s:\n${out}`)), 30_000);
        npm.stdout.on('data', () => {
          const m = /^gloss-sync listening on (http:\/\/127\.0\.0\.1:\d+)$/m.exec(out);
          if (m) {
            clearTimeout(timer);
            resolve(m[1]!);
          }
        });
      });
      expect(await (await fetch(`${url}/v1/health`)).json()).toEqual({ ok: true, protocol: 1 });
      // A supervisor signals npm, not the server: the server itself must hear it and stop cleanly.
      npm.kill('SIGTERM');
      await exited;
      expect(out).toMatch(/gloss-sync: SIGTERM, stopping\ngloss-sync: stopped/);
      await expect(fetch(`${url}/v1/health`)).rejects.toThrow();
    } finally {
      if (npm.exitCode === null) npm.kill('SIGKILL');
      await place.drop();
    }
  });
});

describe('command line refusals', () => {
  it('explains bad commands and flags with a non-zero exit', async () => {
    const place = await createPlace('sqlite');
    try {
      const cases: [string[], number, RegExp][] = [
        [['--port', '99999'], 2, /--port must be a whole number from 0 to 65535/],
        [['--rate', 'fast'], 2, /--rate must be a whole number/],
        [['--colour'], 2, /Unknown option '--colour'/],
        [['user', 'add'], 2, /user add needs a NAME/],
        [['user', 'add', 'bad name!'], 2, /user add needs a NAME/],
        [['user', 'revoke', 'nobody', '--data', place.dataDir], 1, /no user "nobody"/],
        [['users'], 2, /unknown command: users/],
      ];
      const results = await Promise.all(cases.map(([args]) => npmRunServer(place, args)));
      for (const [i, [args, code, message]] of cases.entries()) {
        expect(results[i]!.code, args.join(' ')).toBe(code);
        expect(results[i]!.stderr, args.join(' ')).toMatch(message);
      }
    } finally {
      await place.drop();
    }
  });

  it('stops cleanly on SIGINT', async () => {
    const place = await createPlace('sqlite');
    try {
      const server = await startServer(place);
      expect((await fetch(`${server.url}/v1/health`)).status).toBe(200);
      expect(await server.stop('SIGINT')).toBe(0);
      expect(server.output()).toMatch(/SIGINT, stopping\ngloss-sync: stopped/);
    } finally {
      await place.drop();
    }
  });
});
