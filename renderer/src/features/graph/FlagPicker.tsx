// Choose a flag whose path the graph should show (the Flags view links here too, by focus).
import { useEffect, useState } from 'react';
import type { Output } from '../../../../shared/contract';
import { call } from '../../api/client';
import { formatPartialDate } from '../../../../shared/dates';

type FlagRow = Output<'flags:list'>[number];

export function FlagPicker({ label, none, value, onPick }: { label: string; none: string; value: number | undefined; onPick(id: number | undefined): void }) {
  const [flags, setFlags] = useState<FlagRow[]>([]);
  useEffect(() => {
    let live = true;
    call('flags:list', {}).then((f) => { if (live) setFlags(f.filter((x) => x.paths.some((p) => p.length > 0))); }, () => { if (live) setFlags([]); });
    return () => { live = false; };
  }, []);
  if (flags.length === 0) return null;
  return (
    <label>{label}{' '}
      <select value={value ?? ''} onChange={(e) => onPick(e.target.value ? Number(e.target.value) : undefined)}>
        <option value="">{none}</option>
        {flags.map((f) => (
          <option key={f.id} value={f.id}>{f.title} — {f.transfer.resource}, {formatPartialDate(f.transfer.date, f.transfer.datePrecision)}</option>
        ))}
      </select>
    </label>
  );
}
