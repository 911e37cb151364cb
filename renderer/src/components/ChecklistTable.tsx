import type { ChecklistItem } from '../../../shared/domain';
import { useMessages } from '../i18n';
import { EvidenceLinks } from './EvidenceLinks';

const messages = {
  en: { test: 'Test', result: 'Result', detail: 'What the ledger shows', met: 'met', notMet: 'not met', unknown: 'unknown — needs a person', caption: 'Checklist' },
  de: { test: 'Prüfpunkt', result: 'Ergebnis', detail: 'Was das Register zeigt', met: 'erfüllt', notMet: 'nicht erfüllt', unknown: 'unbekannt — braucht eine Prüfung', caption: 'Checkliste' },
};

/** A rule's tests (Broz factors, thresholds): mark and word for each result, so colour is never the only signal. */
export function ChecklistTable({ items }: { items: ChecklistItem[] }) {
  const t = useMessages(messages);
  const result = (met: boolean | null) => (met === true ? `✓ ${t.met}` : met === false ? `✗ ${t.notMet}` : `? ${t.unknown}`);
  const cls = (met: boolean | null) => (met === true ? 'check-met' : met === false ? 'check-not-met' : 'check-unknown');
  return (
    <table className="grid checklist">
      <caption className="sr-only">{t.caption}</caption>
      <thead><tr><th scope="col">{t.test}</th><th scope="col">{t.result}</th><th scope="col">{t.detail}</th></tr></thead>
      <tbody>
        {items.map((c) => (
          <tr key={c.id}>
            <th scope="row">{c.label}</th>
            <td className={cls(c.met)}>{result(c.met)}</td>
            <td>{c.detail}{c.evidence.length > 0 && <EvidenceLinks items={c.evidence} />}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
