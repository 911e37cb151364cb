// Contract types for reading the price book and the FX table: what the sensitivity panel can
// pick from, and which currencies a ledger can report in.
import { z } from 'zod';

const currency = z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code');

export const PriceBandRow = z.object({
  id: z.number().int(), resourceKey: z.string(), label: z.string(), unit: z.string(), currency,
  lowMinor: z.number().int(), baseMinor: z.number().int(), highMinor: z.number().int(),
  validFrom: z.string(), validTo: z.string(), source: z.string(),
  /** Transfers of this resource and unit dated inside the band's validity. */
  transfers: z.number().int(),
});
export type PriceBandRow = z.infer<typeof PriceBandRow>;

export const FxQuoteRange = z.object({ quote: currency, firstDay: z.string(), lastDay: z.string(), days: z.number().int() });
/** EUR-based rates (ECB layout): EUR itself plus each quote currency with the days it covers. */
export const FxCurrencies = z.object({ base: z.literal('EUR'), quotes: z.array(FxQuoteRange) });
export type FxCurrencies = z.infer<typeof FxCurrencies>;
