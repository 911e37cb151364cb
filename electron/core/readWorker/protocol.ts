// Messages between the main thread's ReadClient and a read worker.
import type { ApiErrorShape } from '../../../shared/contract';
import type { ReadName } from './readFunctions';

/** A read to run on the ledger at `file` (the worker re-opens when the file changes). */
export interface ReadRequest { id: number; file: string; name: ReadName; input: unknown }

export type ReadReply =
  | { id: number; ok: true; value: unknown; ms: number }
  | { id: number; ok: false; error: ApiErrorShape };
