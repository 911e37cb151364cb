import type { z } from 'zod';
import { AppError } from '../errors';

/** Parse input against a schema; on failure, an error whose details name each bad field. */
export function validated<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const details = r.error.issues.map((i) => `${i.path.length ? i.path.map(String).join('.') : 'input'}: ${i.message}`);
  throw new AppError('invalid_input', `${what} not saved: ${details.join('; ')}`, details);
}
