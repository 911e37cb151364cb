// Which importer a file needs, judged from its content (the name only breaks ties), so a
// mislabelled file is still read right and an unsupported one gets a message saying what was expected.

export type DetectedFormat = 'csv' | 'xlsx' | 'sec-json' | 'ftm' | 'xbrl' | 'ixbrl' | 'proxy-html' | 'proxy-text';

export class UnsupportedFileError extends Error {}

const expected = 'a CSV/TSV or XLSX ledger, SEC XBRL JSON (companyfacts/companyconcept), an XBRL instance (.xml), an Inline XBRL filing (.htm), a proxy statement or prospectus (HTML or text), or FollowTheMoney JSON lines';

export function detectFormat(bytes: Buffer, fileName: string): DetectedFormat {
  if (bytes.length === 0) throw new UnsupportedFileError(`${fileName}: the file is empty; expected ${expected}.`);
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    // A ZIP: XLSX names its workbook part inside; anything else zipped is not ours.
    if (bytes.includes('xl/workbook') || bytes.includes('spreadsheetml')) return 'xlsx';
    throw new UnsupportedFileError(`${fileName}: a ZIP archive that is not an XLSX workbook; expected ${expected}.`);
  }
  if (bytes.subarray(0, 4096).includes(0)) throw new UnsupportedFileError(`${fileName}: a binary file; expected ${expected}.`);
  const head = bytes.subarray(0, 65536).toString('utf8').replace(/^\uFEFF/, '').trimStart();
  if (head.startsWith('{') || head.startsWith('[')) {
    const firstLine = head.split('\n', 1)[0] ?? '';
    if (/"facts"\s*:/.test(head) && /"cik"\s*:/.test(head)) return 'sec-json';
    if (/"taxonomy"\s*:/.test(head) && /"units"\s*:/.test(head) && /"cik"\s*:/.test(head)) return 'sec-json';
    if (/"schema"\s*:/.test(firstLine) && /"properties"\s*:/.test(firstLine)) return 'ftm';
    throw new UnsupportedFileError(`${fileName}: JSON that is neither SEC XBRL JSON nor FollowTheMoney entities; expected ${expected}.`);
  }
  if (head.startsWith('<')) {
    const lower = head.slice(0, 20000).toLowerCase();
    if (/<(\w+:)?xbrl[\s>]/.test(lower) && !lower.includes('<html')) return 'xbrl';
    if (lower.includes('<ix:') || lower.includes('xmlns:ix=')) return 'ixbrl';
    if (lower.includes('<html') || lower.includes('<!doctype html') || lower.includes('<body')) return 'proxy-html';
    // An EDGAR full submission (.txt) wraps its documents in <SEC-DOCUMENT>/<DOCUMENT>/<TEXT>.
    if (lower.startsWith('<sec-document>') || lower.startsWith('<sec-header>') || lower.includes('<document>\n<type>')) return 'proxy-text';
    throw new UnsupportedFileError(`${fileName}: XML that is not an XBRL instance; expected ${expected}.`);
  }
  // Text: a delimited table has the same number of separators on its first lines.
  const lines = head.split(/\r?\n/).filter((l) => l.trim() !== '').slice(0, 5);
  for (const sep of [',', ';', '\t', '|']) {
    const counts = lines.map((l) => l.split(sep).length - 1);
    if (lines.length >= 2 && counts[0]! >= 2 && counts.every((c) => c === counts[0])) return 'csv';
  }
  if (/\.(csv|tsv)$/i.test(fileName) && lines.length >= 1 && /[,;\t|]/.test(lines[0]!)) return 'csv';
  return 'proxy-text';
}
