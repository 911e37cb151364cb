// The Settings sections this area adds: rule profile, valuation assumptions, and the sensitivity preview.
import { useMessages } from '../../i18n';
import { valuationMessages } from './messages';
import { useChannel } from './useChannel';
import { useLedgerChanged } from './useLedgerChanged';
import { AssumptionsForm } from './AssumptionsForm';
import { RuleProfileForm } from './RuleProfileForm';
import { SensitivityPanel } from './SensitivityPanel';

function AssumptionsSection() {
  const t = useMessages(valuationMessages);
  const changed = useLedgerChanged();
  const a = useChannel('valuation:assumptions:get', {}, [changed]);
  if (a.error) return <p role="alert" className="error">{a.error}</p>;
  if (!a.data) return <p className="muted" aria-busy="true">{t.loading}</p>;
  return <AssumptionsForm idPrefix="settings-assumptions" value={a.data} onSaved={a.reload} />;
}

export function ValuationSettings() {
  const t = useMessages(valuationMessages);
  return (
    <>
      <fieldset>
        <legend>{t.profile}</legend>
        <p className="muted small">{t.profileNote}</p>
        <RuleProfileForm />
      </fieldset>
      <fieldset>
        <legend>{t.assumptions}</legend>
        <p className="muted small">{t.assumptionsNote}</p>
        <AssumptionsSection />
      </fieldset>
      <fieldset>
        <legend>{t.sensitivity}</legend>
        <SensitivityPanel titled={false} />
      </fieldset>
    </>
  );
}

/** The currencies a ledger can report in: EUR and every quote currency the FX table holds. */
export function useReportingCurrencies(current: string | undefined): string[] {
  const fx = useChannel('fx:currencies', {}, []);
  const set = new Set<string>(['EUR', ...(fx.data?.quotes.map((q) => q.quote) ?? []), ...(current ? [current] : [])]);
  return [...set].sort();
}
