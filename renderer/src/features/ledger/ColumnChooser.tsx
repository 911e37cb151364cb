// Which columns the grid shows; the choice is kept in this browser profile (columns.ts).
import { columnIds, type ColumnId } from './columns';
import type { LedgerMessages } from './messages';

export function ColumnChooser({ t, columns, onChange }: { t: LedgerMessages; columns: ColumnId[]; onChange(next: ColumnId[]): void }) {
  const toggle = (c: ColumnId, on: boolean) => {
    const next = columnIds.filter((x) => (x === c ? on : columns.includes(x)));
    if (next.length) onChange(next); // never an empty grid
  };
  return (
    <details className="column-chooser">
      <summary>{t.columns}</summary>
      <fieldset>
        <legend className="sr-only">{t.columnsLabel}</legend>
        {columnIds.map((c) => (
          <label key={c}>
            <input type="checkbox" checked={columns.includes(c)} disabled={columns.length === 1 && columns.includes(c)}
              onChange={(e) => toggle(c, e.target.checked)} /> {t[`col_${c}`]}
          </label>
        ))}
      </fieldset>
    </details>
  );
}
