// The flags board's two sections as tabs (arrow keys move between them, as in any tab list).
import { useRef } from 'react';
import { useMessages } from '../../i18n';
import { unexplainedMessages } from './unexplainedMessages';

export type BoardTab = 'flags' | 'unexplained';
const tabs: BoardTab[] = ['flags', 'unexplained'];

export function BoardTabs({ tab, onChange }: { tab: BoardTab; onChange(tab: BoardTab): void }) {
  const t = useMessages(unexplainedMessages);
  const refs = useRef<Record<string, HTMLButtonElement | null>>({});
  const move = (dir: number) => {
    const next = tabs[(tabs.indexOf(tab) + dir + tabs.length) % tabs.length]!;
    onChange(next);
    refs.current[next]?.focus();
  };
  return (
    <div role="tablist" aria-label={t.tabs} className="board-tabs"
      onKeyDown={(e) => { if (e.key === 'ArrowRight') { e.preventDefault(); move(1); } else if (e.key === 'ArrowLeft') { e.preventDefault(); move(-1); } }}>
      {tabs.map((id) => (
        <button key={id} type="button" role="tab" id={`board-tab-${id}`} aria-selected={tab === id} aria-controls={`board-panel-${id}`}
          tabIndex={tab === id ? 0 : -1} ref={(el) => { refs.current[id] = el; }} onClick={() => onChange(id)}>
          {id === 'flags' ? t.flagsTab : t.unexplainedTab}
        </button>
      ))}
    </div>
  );
}
