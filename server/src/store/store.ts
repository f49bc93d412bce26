// The one storage interface the HTTP layer uses. Two implementations share it through
// Kysely: SQLite (a file in the data folder) and PostgreSQL. Everything that matters
// lives in the database, never in the server's memory, so several instances can serve
// one PostgreSQL database.

import type { Mutation, PushResponse } from '../../../model';

export interface TokenRow {
  /** SHA-256 of the token, lower-case hex. */
  hash: string;
  userId: string;
  revoked: boolean;
}

export interface UserSummary {
  name: string;
  createdAt: number;
  /** Whether the user holds a token that is not revoked. */
  active: boolean;
  records: number;
}

/** A record's current state as stored: its fields and clocks as JSON text, sent as they are. */
export interface RawChange {
  type: string;
  record: string;
  fields: string;
  clock: string;
}

export interface PullPage {
  changes: RawChange[];
  /** The sequence number of the last change returned, or the one asked for when none. */
  cursor: number;
  more: boolean;
}

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /** Where the data lives, for the start-up line (never a password). */
  readonly where: string;
  /** Creates a user with the token's hash, or gives a user whose tokens were all revoked a new one. */
  addUser(name: string, tokenHash: string, now: number): Promise<'created' | 'renewed'>;
  /** Revokes every token of the user; returns how many were still valid. The data stays. */
  revokeUser(name: string, now: number): Promise<number>;
  listUsers(): Promise<UserSummary[]>;
  findToken(hash: string): Promise<TokenRow | undefined>;
  /** Applies a validated push exactly once per mutation id, in one transaction serialised per user. */
  push(userId: string, clientId: string, mutations: readonly Mutation[], now: number): Promise<PushResponse>;
  /** Records changed after sequence number `after`, in order: at most `limit`, and past the first, at most `maxBytes` of data. */
  pull(userId: string, after: number, limit: number, maxBytes: number): Promise<PullPage>;
  close(): Promise<void>;
}

/** A refusal the command line reports as it is (no stack trace). */
export class StoreError extends Error {}
