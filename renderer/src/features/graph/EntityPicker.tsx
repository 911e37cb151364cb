// A search box that offers matching entities (entities:search) and reports the one picked.
import { useEffect, useId, useState } from 'react';
import type { Output } from '../../../../shared/contract';
import { call } from '../../api/client';

type Row = Output<'entities:search'>['rows'][number];

export function EntityPicker({ label, placeholder, onPick }: { label: string; placeholder: string; onPick(row: Row): void }) {
  const [text, setText] = useState('');
  const [rows, setRows] = useState<Row[]>([]);
  const listId = useId();
  useEffect(() => {
    if (!text.trim()) { setRows([]); return; }
    let live = true;
    const t = setTimeout(() => {
      call('entities:search', { query: text, limit: 8, after: null }).then((r) => { if (live) setRows(r.rows); }, () => { if (live) setRows([]); });
    }, 150);
    return () => { live = false; clearTimeout(t); };
  }, [text]);
  return (
    <div className="entity-picker">
      <input type="search" aria-label={label} placeholder={placeholder} value={text} aria-controls={listId}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => { if (e.key === 'Enter' && rows[0]) { onPick(rows[0]); setText(''); } }} />
      {rows.length > 0 && (
        <ul id={listId} className="picker-results">
          {rows.map((r) => (
            <li key={r.id}><button onClick={() => { onPick(r); setText(''); }}>{r.name}{r.matched ? <span className="muted small"> · {r.matched}</span> : null}</button></li>
          ))}
        </ul>
      )}
    </div>
  );
}
