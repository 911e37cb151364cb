import { useEffect, useState } from 'react';
import type { Output } from '../../../../shared/contract';
import { call, errorText } from '../../api/client';
import { useMessages } from '../../i18n';
import { number } from '../../format';
import { localTimestamp } from '../../components/dates';
import { auditMessages } from './messages';

type Entry = Output<'audit:list'>[number];
type Verdict = Output<'audit:verify'>;

/** Every change to the ledger, newest first, and a check of the hash chain that links them. */
export function AuditView() {
  const t = useMessages(auditMessages);
  const [entries, setEntries] = useState<Entry[]>([]);
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => { call('audit:list', { limit: 200 }).then(setEntries, (e: unknown) => setError(errorText(e).message)); }, []);
  const verify = () => call('audit:verify', {}).then(setVerdict, (e: unknown) => setError(errorText(e).message));
  return (
    <section className="main-pane">
      <header className="pane-header">
        <h1>{t.title}</h1>
        <button onClick={() => void verify()}>{t.verify}</button>
        {verdict && (verdict.ok
          ? <span role="status" className="ok">{t.intact(number(verdict.entries), verdict.head?.slice(0, 16) ?? '')}</span>
          : <span role="alert" className="error">{t.broken(verdict.firstBad, verdict.problem)}</span>)}
      </header>
      {error && <p role="alert" className="error">{error}</p>}
      <table className="grid">
        <thead><tr><th>{t.colSeq}</th><th>{t.colWhen}</th><th>{t.colWho}</th><th>{t.colWhat}</th><th>{t.colHash}</th></tr></thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.seq}><td className="num">{e.seq}</td><td><time dateTime={e.at} title={e.at}>{localTimestamp(e.at)}</time></td><td>{e.actor}</td>
              <td>{e.summary}</td><td><code title={e.hash}>{e.hash.slice(0, 10)}…</code></td></tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
