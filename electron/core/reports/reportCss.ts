// The report's print stylesheet: CSS paged media as Chromium prints it. Table headers repeat on
// each page, rows and figures are never split, each major part starts on a new page. Page
// numbers, running header and footer come from the printer's templates (printOptions.ts).
export const reportCss = `
  @page { size: A4; }
  * { box-sizing: border-box; }
  html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 9pt; color: #1b1f24; line-height: 1.38; margin: 0; }
  h1 { font-size: 22pt; margin: 0 0 8mm; line-height: 1.2; }
  h2 { font-size: 14pt; margin: 0 0 3mm; padding-bottom: 1mm; border-bottom: 1pt solid #556; break-before: page; break-after: avoid; }
  h3 { font-size: 11pt; margin: 5mm 0 2mm; break-after: avoid; }
  h4 { font-size: 9.5pt; margin: 3mm 0 1mm; break-after: avoid; color: #2b3440; }
  p { margin: 1.2mm 0; orphans: 3; widows: 3; }
  a { color: inherit; text-decoration: none; }
  table { border-collapse: collapse; width: 100%; margin: 1.5mm 0 3mm; }
  table + table { margin-top: -3mm; } /* a long table printed in chunks (TABLE_CHUNK_ROWS) reads as one */
  th, td { border: 0.5pt solid #9aa3ad; padding: 1mm 1.4mm; text-align: left; vertical-align: top; overflow-wrap: break-word; }
  td.nw, th.nw { white-space: nowrap; }
  thead { display: table-header-group; } tfoot { display: table-footer-group; }
  tr, li, figure, blockquote { break-inside: avoid; }
  thead th { background: #e8edf2; font-weight: bold; }
  table.facts th { width: 30%; background: #f4f6f8; font-weight: normal; color: #333; }
  table.facts2 th { width: 18%; } table.facts2 td { width: 32%; }
  table.dense { font-size: 7.5pt; } table.dense td, table.dense th { padding: 0.6mm 1mm; }
  table.docs code { font-size: 6.5pt; }
  .num, td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
  .cover { break-after: page; padding-top: 30mm; }
  .cover .kicker { text-transform: uppercase; letter-spacing: 0.12em; color: #556; font-size: 10pt; margin-bottom: 3mm; }
  .toc { break-after: page; }
  .toc h2.toc-title { break-before: avoid; }
  .toc ol { list-style: none; padding: 0; font-size: 11pt; }
  .toc li { display: flex; align-items: baseline; margin: 2.5mm 0; }
  .toc li a { flex: 0 1 auto; }
  .toc li::after { content: ""; flex: 1 1 auto; order: 1; border-bottom: 0.8pt dotted #888; margin: 0 2mm; }
  .toc li .toc-page { order: 2; font-variant-numeric: tabular-nums; }
  .muted { color: #666; }
  .badges span { display: inline-block; margin: 0 2.5mm 1mm 0; padding: 0.3mm 2mm; border: 0.5pt solid #9aa3ad; border-radius: 2mm; font-size: 8pt; }
  .sev-high { font-weight: bold; border-color: #a00 !important; color: #8a0000; } .sev-medium { border-color: #b60 !important; }
  blockquote { margin: 1mm 0; padding-left: 3mm; border-left: 2pt solid #9aa3ad; font-style: italic; }
  .evidence { padding-left: 4mm; margin: 1mm 0; } .evidence li { margin-bottom: 2mm; }
  .cite { font-size: 7.5pt; color: #444; } code { font-size: 7pt; overflow-wrap: anywhere; word-break: break-all; }
  section.flag { border-top: 0.8pt solid #c5ccd3; padding-top: 1mm; margin-top: 5mm; }
  section.flag:first-of-type { border-top: none; }
  figure.diagram { margin: 1mm 0; }
  p.review { margin-top: 2mm; padding: 1mm 2mm; background: #f4f6f8; border-left: 2pt solid #9aa3ad; }
  figure.diagram svg { max-width: 100%; height: auto; }
  div.rule { margin-top: 2.5mm; } div.rule h4 { margin-top: 1mm; }
  h4.rules-met { border-bottom: 0.5pt solid #c5ccd3; }
  p.cl-label { font-weight: bold; margin: 1mm 0 0; font-size: 8.5pt; }
  .met-yes { color: #0a5c1a; font-weight: bold; } .met-no { color: #8a0000; } .met-unknown { color: #8a5a00; font-style: italic; }
  @media screen { body { max-width: 190mm; margin: 8mm auto; padding: 0 6mm; background: #fff; } h2 { margin-top: 12mm; } }
`;
