// The report reads per transaction: the flags of one transfer are shown together, the transfer's
// facts once. Sections run from the most severe to the least, then from the largest amount down.
import type { PathEdge } from '../../../shared/domain';
import type { FlaggedItem, ReportTransfer } from './reportData';

export interface TransferGroup {
  transfer: ReportTransfer;
  /** The transfer's flags, most severe first, then by rule id. */
  items: FlaggedItem[];
  severity: FlaggedItem['flag']['severity'];
  /** Reported amount in the report's currency, else the largest amount at stake (an estimate); used for ordering. */
  sortValueMinor: number;
  /** The distinct control/role path sets of its flags (usually one): each drawn once. */
  pathSets: PathEdge[][][];
}

const rank = { high: 0, medium: 1, low: 2 } as const;

function pathKey(paths: PathEdge[][]): string {
  return paths.map((side) => side.map((e) => `${e.affiliationId}:${e.from.id}>${e.to.id}`).join(',')).join('|');
}

export function groupByTransfer(flagged: FlaggedItem[]): TransferGroup[] {
  const byId = new Map<number, FlaggedItem[]>();
  for (const f of flagged) {
    const list = byId.get(f.transfer.id);
    if (list) list.push(f); else byId.set(f.transfer.id, [f]);
  }
  const groups = [...byId.values()].map((items): TransferGroup => {
    const sorted = [...items].sort((a, b) => rank[a.flag.severity] - rank[b.flag.severity] || a.flag.ruleId.localeCompare(b.flag.ruleId) || a.flag.id - b.flag.id);
    const t = sorted[0]!.transfer;
    const sets = new Map<string, PathEdge[][]>();
    for (const f of sorted) if (f.flag.paths.some((p) => p.length > 0)) sets.set(pathKey(f.flag.paths), f.flag.paths);
    return {
      transfer: t, items: sorted, severity: sorted[0]!.flag.severity,
      sortValueMinor: t.reportingMinor ?? Math.max(0, ...sorted.map((f) => f.atStakeReportingMinor ?? 0)),
      pathSets: [...sets.values()],
    };
  });
  return groups.sort((a, b) => rank[a.severity] - rank[b.severity] || b.sortValueMinor - a.sortValueMinor || a.transfer.id - b.transfer.id);
}
