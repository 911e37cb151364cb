/** "2022-10-27 – 2025-03-28", "2008-10-01 – today", "" when no dates are known. */
export function validityText(from: string | null, to: string | null, today: string): string {
  if (!from && !to) return '';
  return `${from ?? '…'} – ${to ?? today}`;
}
