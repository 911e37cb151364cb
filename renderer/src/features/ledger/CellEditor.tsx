// One cell edited in place: Enter saves through transfer:update (core validates and writes the
// audit entry), Escape cancels; a refused value stays in the editor with core's message beside it.
import { useEffect, useRef, useState } from 'react';
import { transferStatuses, type TransferRow } from '../../../../shared/domain';
import { minorToDecimalString } from '../../../../shared/money';
import { useTransfersStore, type EditableField } from '../../stores/transfersStore';
import { editText } from './columns';
import type { LedgerMessages } from './messages';

interface Props {
  row: TransferRow;
  field: EditableField;
  label: string;
  t: LedgerMessages;
  /** Called when the editor closes (saved or cancelled): the grid takes the focus back. */
  onDone(): void;
}

export function CellEditor({ row, field, label, t, onDone }: Props) {
  const saveEdit = useTransfersStore((s) => s.saveEdit);
  const [value, setValue] = useState(() => editText(row, field, minorToDecimalString));
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const savingRef = useRef(false);
  const input = useRef<HTMLInputElement & HTMLSelectElement>(null);
  useEffect(() => { input.current?.focus(); if (input.current instanceof HTMLInputElement) input.current.select(); }, []);

  const save = async () => {
    setSaving((savingRef.current = true));
    const result = await saveEdit(row.id, field, value);
    setSaving((savingRef.current = false));
    if (result.ok) onDone();
    else setError(result.message ?? '');
  };
  const onKeyDown = (e: React.KeyboardEvent) => {
    e.stopPropagation(); // the grid's keys (arrows, Enter) must not act while editing
    if (e.key === 'Enter') { e.preventDefault(); if (!saving) void save(); }
    if (e.key === 'Escape') { e.preventDefault(); onDone(); }
  };
  const errorId = `cell-error-${row.id}-${field}`;
  const common = {
    'aria-label': t.editLabel(label), 'aria-invalid': error ? true : undefined, 'aria-describedby': error ? errorId : undefined,
    title: t.editHint, onKeyDown, 'aria-busy': saving || undefined,
    // Leaving the cell cancels, unless a refusal is on show (the person should read it first).
    onBlur: () => { if (!error && !savingRef.current) onDone(); },
  };
  return (
    <div className="cell-editor" onClick={(e) => e.stopPropagation()} onDoubleClick={(e) => e.stopPropagation()}>
      {field === 'status' ? (
        <select ref={input} value={value} onChange={(e) => setValue(e.target.value)} {...common}>
          {transferStatuses.map((s) => <option key={s} value={s}>{t.statusNames[s] ?? s}</option>)}
        </select>
      ) : (
        <input ref={input} value={value} readOnly={saving} inputMode={field === 'amount' ? 'decimal' : undefined} onChange={(e) => { setValue(e.target.value); setError(null); }} {...common} />
      )}
      {saving && <span className="cell-note muted" role="status">{t.saving}</span>}
      {error && <span id={errorId} className="cell-note error" role="alert">{error}</span>}
    </div>
  );
}
