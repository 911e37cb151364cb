import type { ApiErrorShape } from '../../shared/contract';

/** An error a person can act on. Everything else crossing a transport is reported as 'internal'. */
export class AppError extends Error {
  constructor(
    readonly code: ApiErrorShape['code'],
    message: string,
    readonly details: string[] = [],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export function toErrorShape(err: unknown): ApiErrorShape {
  if (err instanceof AppError) return { code: err.code, message: err.message, details: err.details };
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'internal', message, details: [] };
}
