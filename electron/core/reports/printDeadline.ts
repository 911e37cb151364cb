// A print must never hang: Chromium laying out a huge report can run for an hour and grow to
// gigabytes. Each print gets a deadline scaled by the report's size; past it the printer is
// stopped (the browser killed) and the error says which report and what to do.
import { AppError } from '../errors';

/** Rough pages for an HTML report: the sample prints about one A4 page per 4 KB of HTML. */
export function estimatePages(html: string): number {
  return Math.max(1, Math.ceil(html.length / 4000));
}

/** 120 s to start and lay out, plus 0.5 s per expected page: Chromium prints 3–13 pages/s on a busy 2-core machine (bench/report.ts). */
export function printTimeoutMs(html: string): number {
  return 120_000 + estimatePages(html) * 500;
}

export function printTimedOutError(label: string, ms: number, pages: number): AppError {
  return new AppError('internal',
    `Printing the report "${label}" did not finish within ${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s (about ${pages.toLocaleString('en-US')} pages expected), so the printer was stopped. `
    + 'Narrow the scope (fewer entities, a shorter period, one regime, or confirmed flags only) and print again, or export the tables as XLSX/CSV.');
}

/** Resolves with the work, or after `ms` calls `stop` (kill the printer) and rejects with a clear error. */
export async function withPrintDeadline<T>(work: Promise<T>, opts: { ms: number; label: string; pages: number; stop: () => unknown }): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      try { void Promise.resolve(opts.stop()).catch(() => undefined); } catch { /* already gone */ }
      reject(printTimedOutError(opts.label, opts.ms, opts.pages));
    }, opts.ms);
  });
  work.catch(() => undefined); // once the deadline has won, the killed print's own failure is expected
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
