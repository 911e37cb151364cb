import { useState } from 'react';
import { useLedgerStore } from '../../stores/ledgerStore';

/** Which ledger is open; switch, create an empty one, or go back to the sample. */
export function LedgerMenu() {
  const { info, ledgers, error, switchTo, create, openSample } = useLedgerStore();
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  return (
    <div className="ledger-menu">
      <label className="muted" htmlFor="ledger-select">Ledger</label>
      <select id="ledger-select" value={info?.name ?? ''} onChange={(e) => void switchTo(e.target.value)}>
        {ledgers.map((l) => <option key={l.name} value={l.name}>{l.name}</option>)}
      </select>
      {naming ? (
        <form onSubmit={async (e) => { e.preventDefault(); if (await create(name)) { setNaming(false); setName(''); } }}>
          <input autoFocus placeholder="Name of the new ledger" aria-label="New ledger name" value={name} onChange={(e) => setName(e.target.value)} />
          <button type="submit">Create</button>
          <button type="button" onClick={() => setNaming(false)}>Cancel</button>
        </form>
      ) : (
        <div className="ledger-actions">
          <button onClick={() => setNaming(true)}>New empty ledger</button>
          {!info?.isSample && <button onClick={() => void openSample()}>Open sample</button>}
        </div>
      )}
      {error && <p role="alert" className="error small">{error}</p>}
      {info && <p className="muted small">{info.counts.transfers.toLocaleString('en-US')} transfers · {info.counts.entities} entities · {info.counts.flags} flags</p>}
    </div>
  );
}
