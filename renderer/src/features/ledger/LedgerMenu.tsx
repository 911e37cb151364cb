import { useState } from 'react';
import { useLedgerStore } from '../../stores/ledgerStore';
import { useMessages } from '../../i18n';
import { number } from '../../format';
import { ledgerMessages } from './messages';

/** Which ledger is open; switch, create an empty one, or go back to the sample. */
export function LedgerMenu() {
  const { info, ledgers, error, switchTo, create, openSample } = useLedgerStore();
  const t = useMessages(ledgerMessages);
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  return (
    <div className="ledger-menu">
      <label className="muted" htmlFor="ledger-select">{t.menuLabel}</label>
      <select id="ledger-select" value={info?.name ?? ''} onChange={(e) => void switchTo(e.target.value)}>
        {ledgers.map((l) => <option key={l.name} value={l.name}>{l.name}</option>)}
      </select>
      {naming ? (
        <form onSubmit={async (e) => { e.preventDefault(); if (await create(name)) { setNaming(false); setName(''); } }}>
          <input autoFocus placeholder={t.newLedgerPlaceholder} aria-label={t.newLedgerName} value={name} onChange={(e) => setName(e.target.value)} />
          <button type="submit">{t.create}</button>
          <button type="button" onClick={() => setNaming(false)}>{t.cancel}</button>
        </form>
      ) : (
        <div className="ledger-actions">
          <button onClick={() => setNaming(true)}>{t.newLedger}</button>
          {!info?.isSample && <button onClick={() => void openSample()}>{t.openSample}</button>}
        </div>
      )}
      {error && <p role="alert" className="error small">{error}</p>}
      {info && <p className="muted small">{t.ledgerCounts(number(info.counts.transfers), number(info.counts.entities), number(info.counts.flags))}</p>}
    </div>
  );
}
