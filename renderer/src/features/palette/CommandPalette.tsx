import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { SearchHits } from '../../../../shared/domain';
import { call, errorText } from '../../api/client';
import { useMessages } from '../../i18n';
import { useFlagsStore } from '../../stores/flagsStore';
import { useSettingsStore } from '../../stores/settingsStore';
import { useTransfersStore } from '../../stores/transfersStore';
import { useUiStore } from '../../stores/uiStore';
import { localDate } from '../../components/dates';
import { money, number } from '../../format';
import { flagMessages } from '../flags/messages';
import { buildCommands, matchCommands } from './commands';

const messages = {
  en: {
    title: 'Command palette', input: 'Search or run a command', placeholder: 'Search entities, transfers, documents, flags — or type a command',
    commands: 'Commands', entities: 'Entities', transfers: 'Transfers', documents: 'Documents', flags: 'Flags',
    searching: 'Searching…', none: (q: string) => `Nothing matches “${q}”.`, partial: 'Only the newest rows were searched for free text; narrow the words to find older ones.',
    hint: '↑↓ to move · Enter to open · Esc to close', alias: (a: string) => `alias ${a}`,
  },
  de: {
    title: 'Befehlspalette', input: 'Suchen oder Befehl ausführen', placeholder: 'Beteiligte, Übertragungen, Dokumente, Hinweise suchen — oder Befehl eingeben',
    commands: 'Befehle', entities: 'Beteiligte', transfers: 'Übertragungen', documents: 'Dokumente', flags: 'Hinweise',
    searching: 'Suche läuft…', none: (q: string) => `Nichts passt zu „${q}“.`, partial: 'Freitext wurde nur in den neuesten Zeilen gesucht; genauere Wörter finden ältere.',
    hint: '↑↓ wählen · Enter öffnen · Esc schließen', alias: (a: string) => `Alias ${a}`,
  },
};

interface Item { key: string; group: 'commands' | 'entities' | 'transfers' | 'documents' | 'flags'; label: string; detail?: string; run(): unknown }

const SEARCH_DELAY_MS = 120;

/** Ctrl/Cmd+K: one keyboard-driven list of commands and search hits. Focus stays inside while open and returns where it was. */
export function CommandPalette() {
  const t = useMessages(messages);
  const ft = useMessages(flagMessages);
  const locale = useSettingsStore((s) => s.locale);
  const close = () => useUiStore.getState().setPaletteOpen(false);
  const go = useUiStore((s) => s.go);
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<SearchHits | null>(null);
  const [searching, setSearching] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const inputRef = useRef<HTMLInputElement>(null);
  const dialogRef = useRef<HTMLDivElement>(null);
  const listRef = useRef<HTMLUListElement>(null);

  // Remember what had focus, focus the input, and give focus back on close.
  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    inputRef.current?.focus();
    return () => { before?.focus(); };
  }, []);

  // Search as the person types, after a short pause; a newer query makes older answers stale.
  const seq = useRef(0);
  useEffect(() => {
    const q = query.trim();
    const mine = ++seq.current;
    if (!q) { setHits(null); setSearching(false); setError(null); return; }
    setSearching(true);
    const timer = setTimeout(() => {
      call('search:global', { query: q, limit: 6 })
        .then((h) => { if (mine === seq.current) { setHits(h); setError(null); setSearching(false); } })
        .catch((err: unknown) => { if (mine === seq.current) { setError(errorText(err).message); setSearching(false); } });
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [query]);

  const items = useMemo((): Item[] => {
    const commands = matchCommands(buildCommands(locale), query).slice(0, query.trim() ? 5 : 30)
      .map((c): Item => ({ key: c.id, group: 'commands', label: c.label, run: async () => { const msg = await c.run(); if (msg) setNote(msg); } }));
    if (!hits) return commands;
    return [
      ...commands,
      ...hits.entities.map((e): Item => ({
        key: `e${e.id}`, group: 'entities', label: e.name,
        detail: e.matched === 'alias' && e.detail ? t.alias(e.detail) : e.detail ?? e.kind,
        run: () => go('entities', { entityId: e.id }),
      })),
      ...hits.transfers.map((x): Item => ({
        key: `t${x.id}`, group: 'transfers', label: `${x.quantity !== null ? `${number(x.quantity, 4)} × ` : ''}${x.resource}`,
        detail: `${localDate(x.date, x.datePrecision)} · ${x.from.name} → ${x.to.name}${x.amountMinor !== null ? ` · ${money(x.amountMinor, x.currency)}` : ''}`,
        run: () => { go('ledger', { transferId: x.id }); void useTransfersStore.getState().select(x.id); },
      })),
      ...hits.documents.map((d): Item => ({
        key: `d${d.id}`, group: 'documents', label: d.name, detail: [d.kind, d.issuer, d.filedOn].filter(Boolean).join(' · '),
        run: () => go('documents', { documentId: d.id }),
      })),
      ...hits.flags.map((f): Item => ({
        key: `f${f.id}`, group: 'flags', label: f.title, detail: `${f.ruleId} · ${ft.severities[f.severity] ?? f.severity} · ${ft[f.status]}`,
        run: () => { useFlagsStore.getState().open(f.id); go('flags', { flagId: f.id }); },
      })),
    ];
  }, [hits, query, locale, t, ft, go]);

  useEffect(() => { setActive(0); }, [items.length, query]);
  useEffect(() => {
    listRef.current?.querySelector<HTMLElement>(`[data-index="${active}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  const pick = async (item: Item | undefined) => {
    if (!item) return;
    setNote(null);
    await item.run();
    // Commands that report something keep the palette open to show it; everything else closes it.
    if (item.group !== 'commands' || !['rules'].includes(item.key)) close();
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const n = items.length;
    if (e.key === 'Escape') { e.preventDefault(); close(); }
    else if (e.key === 'ArrowDown') { e.preventDefault(); if (n) setActive((a) => (a + 1) % n); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); if (n) setActive((a) => (a - 1 + n) % n); }
    else if (e.key === 'Home' && e.ctrlKey) { e.preventDefault(); setActive(0); }
    else if (e.key === 'End' && e.ctrlKey) { e.preventDefault(); setActive(Math.max(0, n - 1)); }
    else if (e.key === 'Enter') { e.preventDefault(); void pick(items[active]); }
    else if (e.key === 'Tab') {
      // Focus trap: the dialog's focusable elements take turns; nothing behind it is reachable.
      const focusable = [...(dialogRef.current?.querySelectorAll<HTMLElement>('input, button, [tabindex="0"]') ?? [])];
      if (focusable.length === 0) return;
      e.preventDefault();
      const i = focusable.indexOf(document.activeElement as HTMLElement);
      focusable[(i + (e.shiftKey ? -1 : 1) + focusable.length) % focusable.length]!.focus();
    }
  };

  const q = query.trim();
  const groups = (['commands', 'entities', 'transfers', 'documents', 'flags'] as const).filter((g) => items.some((i) => i.group === g));
  const optionId = (i: number) => `palette-option-${i}`;

  return (
    <div className="palette-backdrop" onMouseDown={(e) => { if (e.target === e.currentTarget) close(); }}>
      <div className="palette" role="dialog" aria-modal="true" aria-label={t.title} ref={dialogRef} onKeyDown={onKeyDown}>
        <input ref={inputRef} type="text" role="combobox" aria-expanded="true" aria-controls="palette-list" aria-autocomplete="list"
          aria-activedescendant={items.length ? optionId(active) : undefined} aria-label={t.input} placeholder={t.placeholder}
          value={query} onChange={(e) => setQuery(e.target.value)} spellCheck={false} autoComplete="off" />
        <ul id="palette-list" role="listbox" aria-label={t.title} ref={listRef} aria-busy={searching}>
          {groups.map((g) => (
            <li key={g} role="presentation">
              <div className="palette-group" id={`palette-group-${g}`} role="presentation">{t[g]}</div>
              <ul role="group" aria-labelledby={`palette-group-${g}`}>
                {items.map((item, i) => item.group !== g ? null : (
                  <li key={item.key} id={optionId(i)} data-index={i} role="option" aria-selected={i === active}
                    className={i === active ? 'active' : ''} onMouseMove={() => setActive(i)} onMouseDown={(e) => e.preventDefault()} onClick={() => void pick(item)}>
                    <span className="palette-label">{item.label}</span>
                    {item.detail && <span className="palette-detail">{item.detail}</span>}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
        <div className="palette-foot" aria-live="polite">
          {searching && <span>{t.searching}</span>}
          {!searching && error && <span role="alert" className="error">{error}</span>}
          {!searching && !error && q && hits && items.length === 0 && <span>{t.none(q)}</span>}
          {!searching && hits?.partial && <span className="muted">{t.partial}</span>}
          {note && <span role="status" className="ok">{note}</span>}
          <span className="muted palette-hint">{t.hint}</span>
        </div>
      </div>
    </div>
  );
}
