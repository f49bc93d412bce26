// Identifiers for records that travel between browsers. New records get ids that sort
// by creation time (exports and lists read in order) and carry 80 random bits, so two
// devices never make the same id. Records that stand for something outside Gloss get
// an id derived from it, so every device derives the same one (see article.ts).

const CROCKFORD = '0123456789abcdefghjkmnpqrstvwxyz';

function randomBytes(n: number): Uint8Array {
  const bytes = new Uint8Array(n);
  globalThis.crypto.getRandomValues(bytes);
  return bytes;
}

function base32(bytes: Uint8Array, chars: number): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5 && out.length < chars) {
      out += CROCKFORD[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out;
}

/** A new record id: 10 characters of creation time, 16 of randomness (a lower-case ULID). */
export function newId(now = Date.now()): string {
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[t % 32] + time;
    t = Math.floor(t / 32);
  }
  return time + base32(randomBytes(10), 16);
}

/** A new device id: 16 lower-case hex digits, random. */
export function newDeviceId(): string {
  return [...randomBytes(8)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** SHA-256 of a string, as lower-case hex. */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
