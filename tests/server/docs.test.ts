// docs/sync-protocol.md's complete example, taken from the document itself: a fresh
// server accepts the `json example-push` block, and a pull then returns exactly the
// `json example-pull` block.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { addUser, BACKENDS, Client, createPlace, killAll, ROOT, startServer } from './support';

afterAll(killAll);

function fenced(markdown: string, info: string): string {
  const blocks = [...markdown.matchAll(/^```([^\n]*)\n([\s\S]*?)^```$/gm)].filter((m) => m[1]!.trim() === info);
  if (blocks.length !== 1) throw new Error(`expected one block \`\`\`${info}, found ${blocks.length}`);
  return blocks[0]![2]!;
}

const doc = readFileSync(join(ROOT, 'docs/sync-protocol.md'), 'utf8');

describe.each(BACKENDS)('the protocol document on %s', (backend) => {
  it('has a push a fresh server accepts, and the pull it describes', async () => {
    const push = fenced(doc, 'json example-push');
    const pull = JSON.parse(fenced(doc, 'json example-pull'));
    const place = await createPlace(backend);
    const server = await startServer(place);
    try {
      const c = new Client(server.url, await addUser(place));
      const answer = await c.pushRaw(push);
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      expect(answer.body).toEqual({ lastMutationId: 4, applied: 4 });
      expect((await c.pushRaw(push)).body).toEqual({ lastMutationId: 4, applied: 0 });
      const got = await c.pull();
      expect(got.status).toBe(200);
      expect(got.body).toEqual(pull);
    } finally {
      await server.stop();
      await place.drop();
    }
  });
});
