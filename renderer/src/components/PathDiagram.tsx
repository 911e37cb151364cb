import { useMemo } from 'react';
import type { EntityRef, PathEdge } from '../../../shared/domain';
import { renderPathDiagram } from '../../../shared/pathDiagram';
import { useMessages } from '../i18n';

const messages = {
  en: {
    today: 'today', since: 'since', transfer: 'transfer', none: 'No chain of affiliations is recorded for this flag.',
    label: (text: string) => `Diagram: ${text}`,
  },
  de: {
    today: 'heute', since: 'seit', transfer: 'Übertragung', none: 'Für diesen Hinweis ist keine Kette von Verbindungen erfasst.',
    label: (text: string) => `Diagramm: ${text}`,
  },
};

/**
 * The paths of a flag drawn as a small diagram, by the same SVG renderer the printed report uses
 * (shared/pathDiagram.ts escapes every text), on a light card so it reads the same in both themes.
 * The accessible name spells the paths out in words.
 */
export function PathDiagram({ paths, from, to, transferLabel }: { paths: PathEdge[][]; from: EntityRef; to: EntityRef; transferLabel: string }) {
  const t = useMessages(messages);
  const empty = paths.every((p) => p.length === 0);
  const svg = useMemo(() => {
    if (empty) return '';
    const holder = (paths[0]?.[0] ?? paths[1]?.[0])!.from;
    const summary = [
      ...[paths[0] ?? [], paths[1] ?? []].map((b, i) => [holder.name, ...b.map((e) => `—${e.relation}→ ${e.to.name}`)].join(' ') + (b.length === 0 ? ` (${i === 0 ? from.name : to.name})` : '')),
      `${t.transfer}: ${from.name} → ${to.name}`,
    ].join('; ');
    return renderPathDiagram({ paths, sides: [from, to], transferLabel, words: { today: t.today, since: t.since, title: t.label(summary) } });
  }, [empty, paths, from, to, transferLabel, t]);
  if (empty) return <p className="muted">{t.none}</p>;
  return <div className="path-figure" dangerouslySetInnerHTML={{ __html: svg }} />;
}
