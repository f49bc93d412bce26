// The tables, as Kysely sees them. Integers that may exceed 32 bits are `bigint`
// columns: PostgreSQL hands them back as strings, SQLite as numbers, so readers go
// through Number() (they stay far below 2^53).

import type { ColumnType } from 'kysely';

type BigInt = ColumnType<number | string, number, number>;

export interface UsersTable {
  id: string;
  name: string;
  /** The user's change counter: the sequence number of the latest record write. */
  seq: BigInt;
  created_at: BigInt;
}

export interface TokensTable {
  /** SHA-256 of the token, lower-case hex. The token itself is never stored. */
  hash: string;
  user_id: string;
  created_at: BigInt;
  revoked_at: ColumnType<number | string | null, number | null, number | null>;
}

export interface ClientsTable {
  user_id: string;
  client_id: string;
  /** The highest mutation id of this client that has been applied. */
  last_mutation_id: BigInt;
  updated_at: BigInt;
}

export interface RecordsTable {
  user_id: string;
  type: string;
  id: string;
  /** The user's sequence number of this record's latest change. */
  seq: BigInt;
  /** JSON of the record's current fields, exactly as pull sends it. */
  fields: string;
  /** JSON of each field's clock stamp. */
  clock: string;
  /** Bytes of fields + clock, so a pull can budget its answer without reading the data. */
  size: number;
  updated_at: BigInt;
}

export interface Database {
  users: UsersTable;
  tokens: TokensTable;
  clients: ClientsTable;
  records: RecordsTable;
}
