// Bytes of a proxy statement or prospectus to a string: BOM-aware, UTF-8 first, Windows-1252
// for older filings that are not valid UTF-8; refuses binary input (PDF, images, archives).

const magic: Array<[number[], string]> = [
  [[0x25, 0x50, 0x44, 0x46], 'a PDF'],
  [[0x50, 0x4b, 0x03, 0x04], 'a ZIP archive'],
  [[0x89, 0x50, 0x4e, 0x47], 'a PNG image'],
  [[0xff, 0xd8, 0xff], 'a JPEG image'],
  [[0x47, 0x49, 0x46, 0x38], 'a GIF image'],
  [[0xd0, 0xcf, 0x11, 0xe0], 'an OLE (old Office) file'],
  [[0x1f, 0x8b], 'a gzip archive'],
];

function startsWith(bytes: Buffer, sig: number[]): boolean {
  return sig.every((b, i) => bytes[i] === b);
}

function decodeWith(label: string, bytes: Buffer, fatal: boolean): string | null {
  try {
    return new TextDecoder(label, { fatal }).decode(bytes);
  } catch {
    return null;
  }
}

/** The document as a string, or an Error naming the file for input that is not text. */
export function decodeDocument(bytes: Buffer, fileName: string): string {
  for (const [sig, what] of magic) {
    if (startsWith(bytes, sig)) throw new Error(`${fileName}: ${what}, not an HTML or text proxy statement or prospectus; it cannot be read as one.`);
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decodeWith('utf-16le', bytes.subarray(2), false) ?? '';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decodeWith('utf-16be', bytes.subarray(2), false) ?? '';
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  // Binary: NUL bytes, or many control characters, near the start.
  const head = body.subarray(0, 65536);
  let controls = 0;
  for (const b of head) {
    if (b === 0) throw new Error(`${fileName}: a binary file (it holds NUL bytes), not an HTML or text proxy statement or prospectus.`);
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) controls++;
  }
  if (head.length > 0 && controls / head.length > 0.01) {
    throw new Error(`${fileName}: a binary file (${controls} control bytes in the first ${head.length}), not an HTML or text proxy statement or prospectus.`);
  }
  const utf8 = decodeWith('utf-8', body, true);
  if (utf8 !== null) return utf8;
  return windows1252(body);
}

// Windows-1252 differs from Latin-1 in 0x80-0x9F (smart quotes, dashes, euro sign). Node's
// TextDecoder without full ICU reads those bytes as C1 controls, so they are mapped here.
const cp1252High = '\u20ac\ufffd\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\ufffd\u017d\ufffd\ufffd\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\ufffd\u017e\u0178';

export function windows1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  let chunk = '';
  for (const b of bytes) {
    chunk += b >= 0x80 && b <= 0x9f ? cp1252High[b - 0x80]! : String.fromCharCode(b);
    if (chunk.length >= 8192) { parts.push(chunk); chunk = ''; }
  }
  parts.push(chunk);
  return parts.join('');
}
