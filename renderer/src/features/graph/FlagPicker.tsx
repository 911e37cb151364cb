// Choose a flag whose path the graph should show (the Flags view links here too, by focus). A
// ledger can hold tens of thousands of flags: the list is the most severe few hundred with a path
// to draw, read as one page of the board (flags:page), plus the flag already shown if it is not
// among them.
import { useEffect, useState } from 'react';
import type { FlagBoardRow } from '../../../../shared/flagBoard';
import { call } from '../../api/client';
import { useMessages } from '../../i18n';
import { number } from '../../format';
import { formatPartialDate } from '../../../../shared/dates';
import { useLedgerVersion } from '../entities/useLedgerVersion';
import { messages } from './messages';

const PICKER_LIMIT = 200;
type Choice = Pick<FlagBoardRow, 'id' | 'title' | 'transfer'>;

export function FlagPicker({ label, none, value, onPick }: { label: string; none: string; value: number | undefined; onPick(id: number | undefined): void }) {
  const m = useMessages(messages);
  const version = useLedgerVersion();
  const [list, setList] = useState<{ flags: Choice[]; total: number }>({ flags: [], total: 0 });
  const [shown, setShown] = useState<Choice | null>(null);
  useEffect(() => {
    let live = true;
    call('flags:page', { sort: 'severity', dir: 'desc', filters: { hasPath: true }, limit: PICKER_LIMIT })
      .then((p) => { if (live) setList({ flags: p.rows, total: p.total }); }, () => { if (live) setList({ flags: [], total: 0 }); });
    return () => { live = false; };
  }, [version]);
  // The flag on screen stays choosable even when it is not among the listed ones.
  const listed = value === undefined || list.flags.some((f) => f.id === value);
  useEffect(() => {
    if (listed || value === undefined) return;
    let live = true;
    call('flag:get', { id: value }).then((f) => { if (live) setShown(f); }, () => { if (live) setShown(null); });
    return () => { live = false; };
  }, [listed, value]);
  const choices = !listed && shown?.id === value ? [shown, ...list.flags] : list.flags;
  if (choices.length === 0) return null;
  const capped = list.total > list.flags.length;
  return (
    <>
      <label>{label}{' '}
        <select value={value ?? ''} onChange={(e) => onPick(e.target.value ? Number(e.target.value) : undefined)}
          aria-describedby={capped ? 'flag-picker-capped' : undefined}>
          <option value="">{none}</option>
          {choices.map((f) => (
            <option key={f.id} value={f.id}>{f.title} — {f.transfer.resource}, {formatPartialDate(f.transfer.date, f.transfer.datePrecision)}</option>
          ))}
        </select>
      </label>
      {capped && <span id="flag-picker-capped" className="muted small">{m.flagsCapped(number(list.flags.length), number(list.total))}</span>}
    </>
  );
}
