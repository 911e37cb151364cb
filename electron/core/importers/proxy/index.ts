// Proxy statements (SEC DEF 14A) and prospectuses, HTML or plain text: the related-person
// section ("Certain Relationships and Related Person Transactions" and its many other names)
// found, and the transfers it describes proposed as candidates for a person to review.
//
// All offsets (`locator.charStart`/`charEnd`, for candidates, the no-transactions statement and
// the section text block) are UTF-16 offsets into the extracted text that `proxyText(bytes)`
// returns - the text a reader sees, not the markup. `extractProxyText` also returns the map from
// that text back to offsets in the decoded document.
import { emptyExtraction, type ExtractionResult, type SourceLocator } from '../extracted';
import { extractFromSection } from './candidates';
import { decodeDocument } from './decode';
import { Layout } from './layout';
import { collectDefinitions, detectIssuerName, IssuerNames } from './names';
import { detectFiscalYearEnd } from './periods';
import { findSection, SECTION_HEADINGS, type SectionSearch } from './section';
import { documentText, type TextMap } from './textMap';

export { SECTION_HEADINGS } from './section';
export type { SectionCandidate, SectionSearch } from './section';
export type { TextMap } from './textMap';

/** The extracted text and its map back to the document; throws (naming the file) for binary input. */
export function extractProxyText(bytes: Buffer, fileName = 'document'): TextMap {
  return documentText(decodeDocument(bytes, fileName));
}

/** The text that every offset this importer reports refers to (for highlighting). */
export function proxyText(bytes: Buffer, fileName = 'document'): string {
  return extractProxyText(bytes, fileName).text;
}

/** Where the related-person section is (and which headings were table-of-contents entries). */
export function locateRelatedPersonSection(bytes: Buffer, fileName = 'document'): SectionSearch & { text: string } {
  const map = extractProxyText(bytes, fileName);
  return { ...findSection(new Layout(map)), text: map.text };
}

export function parseProxyStatement(bytes: Buffer, fileName: string, issuer?: { name?: string; cik?: string }): ExtractionResult {
  const source = decodeDocument(bytes, fileName);
  const map = documentText(source);
  const result = emptyExtraction(map.format);
  const layout = new Layout(map);
  const search = findSection(layout);
  const section = search.chosen;
  if (!section) {
    const tocOnly = search.candidates.length > 0;
    result.problems.push({
      locator: { label: 'whole document', charStart: 0, charEnd: map.text.length },
      message: `${fileName}: no related-person section was found${tocOnly ? ' (only a table-of-contents entry names it)' : ''}; looked for a heading such as ${SECTION_HEADINGS.map((h) => `"${h}"`).join(', ')}.`,
    });
    return result;
  }

  const definitions = collectDefinitions(map.text);
  const issuerNames = new IssuerNames([issuer?.name, detectIssuerName(map.text, source), ...definitions.issuerNames]);
  const ctx = { layout, issuer: issuerNames, aliases: definitions.aliases, fye: detectFiscalYearEnd(map.text) };
  const findings = extractFromSection(ctx, section);

  const line = layout.lineAt(section.headingStart) + 1;
  const page = layout.pageAt(section.headingStart);
  const sectionLocator: SourceLocator = {
    label: `section "${section.heading}", line ${line}${page !== undefined ? `, page ${page}` : ''}`,
    line,
    charStart: section.headingStart,
    charEnd: section.bodyEnd,
  };
  if (page !== undefined) sectionLocator.page = page;
  result.textBlocks.push({ concept: 'proxy:RelatedPersonTransactions', text: map.text.slice(section.headingStart, section.bodyEnd).trim(), locator: sectionLocator });
  result.candidates = findings.candidates;
  if (issuerNames.known) result.issuer = { name: issuerNames.names[0], ...(issuer?.cik ? { cik: issuer.cik } : {}) };

  if (findings.noTransactions) {
    const nt = findings.noTransactions;
    const ntLine = layout.lineAt(nt.start) + 1;
    const ntPage = layout.pageAt(nt.start);
    const loc: SourceLocator = { label: `line ${ntLine}${ntPage !== undefined ? `, page ${ntPage}` : ''}`, line: ntLine, charStart: nt.start, charEnd: nt.end };
    if (ntPage !== undefined) loc.page = ntPage;
    result.statesNoTransactions = { excerpt: nt.excerpt, locator: loc };
  } else if (findings.candidates.length === 0) {
    result.problems.push({
      locator: sectionLocator,
      message: `${fileName}: the section "${section.heading}" (line ${line}) names no amount recognised as a transfer and does not say there were none; read it to be sure.`,
    });
  }
  if (!issuerNames.known) {
    result.problems.push({
      locator: sectionLocator,
      message: `${fileName}: the issuer's name was neither given nor found on the cover page, so only "we", "us" and "the Company" were read as the issuer.`,
    });
  }
  return result;
}
