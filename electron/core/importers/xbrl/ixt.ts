// Inline XBRL transformation formats (`format` on ix:nonFraction): the displayed text to an
// xs:decimal string. Covers the numeric formats of every transformation registry in use:
// ixt v1 (2010-04-20, and its 2008 pre-release namespace), v2 (2011-07-31), v3 (2015-02-26),
// v4 (2020-02-12), v5 (2022-02-16) and the SEC's ixt-sec (2015-08-31). The local name decides:
// every registry that defines a name gives it the same meaning, so a filing that binds an odd
// prefix or a newer registry to a known name is still read. Formats that produce dates, booleans,
// durations or text are reported as not numeric; unknown names as unknown (the caller turns
// both into located problems).

export const ixtNamespaces: ReadonlyMap<string, string> = new Map([
  ['http://www.xbrl.org/2008/inlineXBRL/transformation', 'ixt v1 (pre-release)'],
  ['http://www.xbrl.org/inlineXBRL/transformation/2010-04-20', 'ixt v1'],
  ['http://www.xbrl.org/inlineXBRL/transformation/2011-07-31', 'ixt v2'],
  ['http://www.xbrl.org/inlineXBRL/transformation/2015-02-26', 'ixt v3'],
  ['http://www.xbrl.org/inlineXBRL/transformation/2020-02-12', 'ixt v4'],
  ['http://www.xbrl.org/inlineXBRL/transformation/2022-02-16', 'ixt v5'],
  ['http://www.sec.gov/inlineXBRL/transformation/2015-08-31', 'ixt-sec'],
]);

export type FormatResult =
  | { kind: 'number'; decimal: string }
  | { kind: 'invalid'; reason: string }
  | { kind: 'notNumeric' }
  | { kind: 'nonFinite'; value: string }
  | { kind: 'unknown' };

/** No number is shown in more characters than this (words included); longer text is refused before any pattern runs. */
const MAX_SHOWN = 400;
const fullWidthDigits = /[\uFF10-\uFF19]/g;
const toAsciiDigits = (s: string) => s.replace(fullWidthDigits, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

/** A decimal string made of digits and one optional point, as the transformations must produce. */
const plainDecimal = /^(\d+(\.\d*)?|\.\d+)$/;

function finish(s: string, name: string): FormatResult {
  return plainDecimal.test(s) ? { kind: 'number', decimal: s } : { kind: 'invalid', reason: `is not a number in ${name} form` };
}

/** A pattern, then separators removed and the decimal mark made a point. */
function grouped(pattern: RegExp, groupSeparators: RegExp, decimalMark: '.' | ','): (t: string, name: string) => FormatResult {
  return (t, name) => {
    if (!pattern.test(t)) return { kind: 'invalid', reason: `is not a number in ${name} form` };
    let s = t.replace(groupSeparators, '');
    if (decimalMark === ',') s = s.replace(',', '.');
    return finish(s, name);
  };
}

const apos = "'`\u00b4\u2019\u2032";

// ixt v1 names (strict grouping).
const numcommadot = grouped(/^\d{1,3}(,\d{3})*(\.\d+)?$/, /,/g, '.');
const numdotcomma = grouped(/^\d{1,3}(\.\d{3})*(,\d+)?$/, /\./g, ',');
const numspacedot = grouped(/^\d{1,3}([ \u00a0]\d{3})*(\.\d+)?$/, /[ \u00a0]/g, '.');
const numspacecomma = grouped(/^\d{1,3}([ \u00a0]\d{3})*(,\d+)?$/, /[ \u00a0]/g, ',');
const numcomma = grouped(/^\d+(,\d+)?$/, /(?!)/g, ',');
// ixt v2/v3 names: groups of three separated by comma, space or no-break space (or none).
const numdotdecimal = grouped(/^\d{1,3}([, \u00a0]?\d{3})*(\.\d+)?$/, /[, \u00a0]/g, '.');
const numcommadecimal = grouped(/^\d{1,3}([. \u00a0]?\d{3})*(,\d+)?$/, /[. \u00a0]/g, ',');
// ixt v4/v5 names: any placement of separators (v4 relaxed the grouping rules).
const numDotDecimalV4 = grouped(/^[, \u00a0\d]*(\.[ \u00a0\d]+)?$/, /[, \u00a0]/g, '.');
const numCommaDecimalV4 = grouped(/^[. \u00a0\d]*(,[ \u00a0\d]+)?$/, /[. \u00a0]/g, ',');
const numDotDecimalApos = grouped(new RegExp(`^[, \\u00a0\\d${apos}]*(\\.[ \\u00a0\\d]+)?$`), new RegExp(`[, \\u00a0${apos}]`, 'g'), '.');
const numCommaDecimalApos = grouped(new RegExp(`^[. \\u00a0\\d${apos}]*(,[ \\u00a0\\d]+)?$`), new RegExp(`[. \\u00a0${apos}]`, 'g'), ',');

// Indian grouping: 1,00,00,000.00
const indianInt = /^(?:(?:\d{1,2}[, \u00a0])?(?:\d{2}[, \u00a0])*\d{3}|\d+)$/;
function numdotdecimalin(t: string, name: string): FormatResult {
  const [int = '', frac, ...rest] = t.split('.');
  if (rest.length > 0 || !indianInt.test(int) || (frac !== undefined && !/^\d+$/.test(frac))) return { kind: 'invalid', reason: `is not a number in ${name} form` };
  return finish(int.replace(/[, \u00a0]/g, '') + (frac !== undefined ? `.${frac}` : ''), name);
}

/** "5 dollars 25 cents" -> 5.25: integer part, a unit word, one or two digits of fraction. */
function unitDecimal(intPart: RegExp, separators: RegExp) {
  const pattern = new RegExp(`^(${intPart.source})[^0-9.,\\uFF0C\\uFF0E][^0-9]*?(\\d{1,2})[^0-9]*$`);
  return (t: string, name: string): FormatResult => {
    const m = pattern.exec(toAsciiDigits(t));
    if (!m) return { kind: 'invalid', reason: `is not a number in ${name} form` };
    const int = (m[1] ?? '').replace(separators, '');
    const frac = (m[m.length - 1] ?? '').padStart(2, '0');
    return finish(`${int}.${frac}`, name);
  };
}
const numunitdecimal = unitDecimal(/0|[1-9]\d{0,2}(?:[.,\uFF0C\uFF0E]?\d{3})*/, /[.,\uFF0C\uFF0E]/g);
const numUnitDecimalV4 = unitDecimal(/[\d.,\uFF0C]+/, /[.,\uFF0C\uFF0E]/g);
const numUnitDecimalApos = unitDecimal(new RegExp(`[\\d.,\\uFF0C${apos}\\uFF07]+`), new RegExp(`[.,\\uFF0C\\uFF0E${apos}\\uFF07]`, 'g'));
const numunitdecimalin = unitDecimal(/(?:\d{1,2}[, \u00a0])?(?:\d{2}[, \u00a0])*\d{3}|\d+/, /[, \u00a0]/g);

const dashes = /^[-\u058a\u05be\u2010-\u2015\ufe58\ufe63\uff0d]$/;
const zerodash = (t: string, name: string): FormatResult => (dashes.test(t) ? { kind: 'number', decimal: '0' } : { kind: 'invalid', reason: `is not a dash (${name})` });
const numdash = (t: string, name: string): FormatResult => (t === '-' ? { kind: 'number', decimal: '0' } : { kind: 'invalid', reason: `is not "-" (${name})` });
const fixedZero = (): FormatResult => ({ kind: 'number', decimal: '0' });

// ixt-sec:numwordsen — English number words, "no"/"none"/"zero" included.
const smallWords = new Map<string, bigint>([
  ['zero', 0n], ['one', 1n], ['two', 2n], ['three', 3n], ['four', 4n], ['five', 5n], ['six', 6n], ['seven', 7n], ['eight', 8n], ['nine', 9n],
  ['ten', 10n], ['eleven', 11n], ['twelve', 12n], ['thirteen', 13n], ['fourteen', 14n], ['fifteen', 15n], ['sixteen', 16n], ['seventeen', 17n],
  ['eighteen', 18n], ['nineteen', 19n], ['twenty', 20n], ['thirty', 30n], ['forty', 40n], ['fifty', 50n], ['sixty', 60n], ['seventy', 70n],
  ['eighty', 80n], ['ninety', 90n],
]);
const magnitudeWords = new Map<string, bigint>([
  ['thousand', 10n ** 3n], ['million', 10n ** 6n], ['billion', 10n ** 9n], ['trillion', 10n ** 12n], ['quadrillion', 10n ** 15n], ['quintillion', 10n ** 18n],
]);

export function numWordsEn(text: string): string | null {
  const t = text.trim().toLowerCase();
  if (/^no(ne)?$/.test(t)) return '0';
  const words = t.split(/[\s,\u058a\u05be\u2010-\u2015\ufe58\ufe63\uff0d-]+/).filter((w) => w !== '' && w !== 'and');
  if (words.length === 0 || words.length > 60) return null;
  let total = 0n;
  let group = 0n;
  let lastMagnitude: bigint | null = null;
  for (const w of words) {
    const small = smallWords.get(w);
    if (small !== undefined) { group += small; continue; }
    if (w === 'hundred') {
      if (group === 0n) return null;
      group *= 100n;
      continue;
    }
    const mag = magnitudeWords.get(w);
    if (mag === undefined || group === 0n) return null;
    if (lastMagnitude !== null && mag >= lastMagnitude) return null; // "one thousand two thousand"
    total += group * mag;
    group = 0n;
    lastMagnitude = mag;
  }
  return (total + group).toString();
}

const numwordsen = (t: string, name: string): FormatResult => {
  const v = numWordsEn(t);
  return v === null ? { kind: 'invalid', reason: `is not a number written in English words (${name})` } : { kind: 'number', decimal: v };
};

type Transform = (text: string, name: string) => FormatResult;

const numericTransforms = new Map<string, Transform>([
  // v1
  ['numcommadot', numcommadot], ['numdotcomma', numdotcomma], ['numspacedot', numspacedot], ['numspacecomma', numspacecomma],
  ['numcomma', numcomma], ['numdash', numdash],
  // v2, v3
  ['numdotdecimal', numdotdecimal], ['numcommadecimal', numcommadecimal], ['numunitdecimal', numunitdecimal], ['zerodash', zerodash],
  ['numdotdecimalin', numdotdecimalin], ['numunitdecimalin', numunitdecimalin],
  // v4, v5
  ['num-dot-decimal', numDotDecimalV4], ['num-comma-decimal', numCommaDecimalV4], ['num-unit-decimal', numUnitDecimalV4], ['fixed-zero', fixedZero],
  ['num-dot-decimal-apos', numDotDecimalApos], ['num-comma-decimal-apos', numCommaDecimalApos], ['num-unit-decimal-apos', numUnitDecimalApos],
  // ixt-sec
  ['numwordsen', numwordsen], ['num-word-en', numwordsen],
]);

const nonFinite = new Map([['numinf', 'INF'], ['numneginf', '-INF'], ['numnan', 'NaN']]);

/** Formats that exist but produce dates, booleans, durations, empty strings or names. */
const nonNumericFormat = /^(date|cal|boolean|fixed-(empty|false|true)$|nocontent$|dur|exchname|stateprovname|countryname|edgarprovcountry|entityfilercategory|boolballotbox|yesnoballotbox)/;

/** Applies the format named by `localName` to the displayed text of an ix:nonFraction. */
export function applyNumericFormat(localName: string, displayed: string): FormatResult {
  const text = displayed.trim();
  if (text.length > MAX_SHOWN) return { kind: 'invalid', reason: `is longer than ${MAX_SHOWN} characters, too long to be a number` };
  const transform = numericTransforms.get(localName);
  if (transform) return transform(text, localName);
  const special = nonFinite.get(localName);
  if (special !== undefined) return { kind: 'nonFinite', value: special };
  if (nonNumericFormat.test(localName)) return { kind: 'notNumeric' };
  return { kind: 'unknown' };
}

/** Text of an ix:nonFraction without a format: an unsigned xs:decimal. */
export function plainNumber(displayed: string): FormatResult {
  const text = displayed.trim();
  if (text.length > MAX_SHOWN) return { kind: 'invalid', reason: `is longer than ${MAX_SHOWN} characters, too long to be a number` };
  return plainDecimal.test(text) ? { kind: 'number', decimal: text } : { kind: 'invalid', reason: 'is not a plain unsigned decimal number (the fact has no format)' };
}
