/** Pages in a PDF Chromium wrote (counts page objects; good enough for a status line). */
export function countPdfPages(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
}
