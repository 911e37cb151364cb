// How an affiliation reads on a graph edge or an entity page: "CEO", "owns 42% (78% of votes)",
// "controls (owner)". Dates are shown beside it, not in it, so the label stays short.
export interface AffiliationFacts {
  kind: string; role: string | null; equity_pct: number | null; voting_pct: number | null;
}

const pct = (n: number) => `${Number.isInteger(n) ? n : n.toFixed(1)}%`;

export function affiliationLabel(a: AffiliationFacts): string {
  if (a.kind === 'ownership') {
    if (a.equity_pct === null && a.voting_pct === null) return a.role ? `owns (${a.role})` : 'owns';
    const equity = a.equity_pct ?? a.voting_pct!;
    const votes = a.voting_pct !== null && a.voting_pct !== a.equity_pct ? ` (${pct(a.voting_pct)} of votes)` : '';
    return `owns ${pct(equity)}${votes}`;
  }
  if (a.kind === 'control') return a.role ? `controls (${a.role})` : 'controls';
  if (a.kind === 'family') return a.role ?? 'family';
  return a.role ?? 'role';
}

/** "2022-10-27 – 2025-03-28", "from 2008-10-01", "" when no dates are known. */
export function validityText(from: string | null, to: string | null): string {
  if (from && to) return `${from} – ${to}`;
  if (from) return `from ${from}`;
  if (to) return `until ${to}`;
  return '';
}
