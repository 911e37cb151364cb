// The report's tables as plain rows (header + cells), the one source for the CSV and XLSX
// exports. Amounts are decimal strings in the currency's units, dates ISO: a spreadsheet reads
// them without guessing at locale formats.
import type { ReportTable } from '../../../shared/reportScope';
import { minorToDecimalString } from '../../../shared/money';
import { describeQuantity } from '../conflicts/describe';
import type { ReportData } from './reportData';

export type Cell = string | number | null;
export interface TableRows { name: ReportTable; header: string[]; rows: Cell[][] }

const amount = (minor: number | null, currency: string | null): string | null => (minor === null || currency === null ? null : minorToDecimalString(minor, currency));

export function reportTableRows(d: ReportData, table: ReportTable): TableRows {
  const cur = d.scope.currency;
  switch (table) {
    case 'transfers':
      return {
        name: table,
        header: ['id', 'date', 'date_precision', 'from', 'to', 'intended_for', 'resource_type', 'what', 'quantity', 'unit', 'amount', 'currency', `amount_${cur}`, 'status', 'flags', 'description'],
        rows: d.transfers.map((t) => [t.id, t.date, t.datePrecision, t.from.name, t.to.name, t.intendedFor?.name ?? null, t.resourceType,
          describeQuantity({ quantity: t.quantity, unit: t.unit, resource: t.resource }), t.quantity, t.unit, amount(t.amountMinor, t.currency), t.currency,
          amount(t.reportingMinor, cur), t.status, t.flagCount, t.description]),
      };
    case 'flags':
      return {
        name: table,
        header: ['flag_id', 'rule', 'rule_version', 'regime', 'severity', 'transfer_id', 'date', 'from', 'to', 'title', 'at_stake', 'at_stake_currency', `at_stake_${cur}`,
          'band_low', 'band_high', 'band_currency', 'review', 'review_reason', 'reviewed_by', 'reviewed_at'],
        rows: d.flagged.map((f) => [f.flag.id, f.flag.ruleId, f.flag.ruleVersion, f.regime, f.flag.severity, f.transfer.id, f.transfer.date, f.transfer.from.name, f.transfer.to.name,
          f.flag.title, amount(f.flag.atStakeMinor, f.flag.atStakeCurrency), f.flag.atStakeCurrency, amount(f.atStakeReportingMinor, cur),
          f.valuation ? amount(f.valuation.lowMinor, f.valuation.currency) : null, f.valuation ? amount(f.valuation.highMinor, f.valuation.currency) : null, f.valuation?.currency ?? null,
          f.flag.status, f.flag.statusReason, f.flag.statusBy, f.flag.statusChangedAt]),
      };
    case 'entities':
      return { name: table, header: ['id', 'name', 'kind', 'jurisdiction'], rows: d.entities.map((e) => [e.id, e.name, e.kind, e.jurisdiction]) };
    case 'affiliations':
      return {
        name: table,
        header: ['id', 'subject', 'object', 'kind', 'role', 'equity_pct', 'voting_pct', 'valid_from', 'valid_to', 'evidence'],
        rows: d.affiliations.map((a) => [a.id, a.subject.name, a.object.name, a.kind, a.role, a.equityPct, a.votingPct, a.validFrom, a.validTo, a.evidence.join('; ')]),
      };
    case 'priceBands':
      return {
        name: table,
        header: ['id', 'resource_key', 'label', 'unit', 'currency', 'low', 'base', 'high', 'valid_from', 'valid_to', 'source', 'document'],
        rows: d.priceBands.map((b) => [b.id, b.resourceKey, b.label, b.unit, b.currency, amount(b.lowMinor, b.currency), amount(b.baseMinor, b.currency),
          amount(b.highMinor, b.currency), b.validFrom, b.validTo, b.source, b.documentName]),
      };
    case 'fxRates':
      return { name: table, header: ['base', 'quote', 'day', 'rate', 'source'], rows: d.fxRates.map((r) => [r.base, r.quote, r.day, r.rate, r.source]) };
    case 'documents':
      return {
        name: table, header: ['id', 'name', 'kind', 'issuer', 'filed_on', 'added_at', 'sha256'],
        rows: d.documents.map((x) => [x.id, x.name, x.kind, x.issuer, x.filedOn, x.addedAt, x.sha256]),
      };
    case 'disclosureGaps':
      return {
        name: table,
        header: ['gap', 'transfer_id', 'date', 'from', 'to', 'amount', 'currency', 'issuer', 'counterparty', 'concept', 'period_start', 'period_end', 'document', 'locator'],
        rows: [
          ...d.disclosures.transfersWithout.map((x) => ['transfer without disclosure', x.transfer.id, x.transfer.date, x.transfer.from.name, x.transfer.to.name,
            amount(x.transfer.amountMinor, x.transfer.currency), x.transfer.currency, x.issuer, null, null, null, null, null, null] as Cell[]),
          ...d.disclosures.disclosuresWithout.map((x) => ['disclosure without transfer', null, null, null, null, amount(x.amountMinor, x.currency), x.currency,
            x.issuerName, x.counterparty, x.concept, x.periodStart, x.periodEnd, x.documentName, x.locator] as Cell[]),
        ],
      };
  }
}
