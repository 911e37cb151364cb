// Which text encoding a spreadsheet export uses. A BOM decides; otherwise bytes that are valid
// UTF-8 are read as UTF-8, and anything else as Windows-1252 (the superset of Latin-1 that Excel
// and most Western European banking exports write, with € at 0x80).

import { TextDecoder } from 'node:util';

export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'windows-1252';

export interface DetectedEncoding { encoding: TextEncodingName; bomLength: number }

/** Bytes at the end of a sample that may be the start of a multi-byte UTF-8 character cut off. */
function incompleteTail(bytes: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const b = bytes[bytes.length - back]!;
    if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? back : 0;
  }
  return 0;
}

/** Judge from the whole buffer, or from a sample of the start of a larger file (isSample). */
export function detectEncoding(bytes: Uint8Array, isSample = false): DetectedEncoding {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8-bom', bomLength: 3 };
  const checked = isSample ? bytes.subarray(0, bytes.length - incompleteTail(bytes)) : bytes;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(checked);
    return { encoding: 'utf-8', bomLength: 0 };
  } catch {
    return { encoding: 'windows-1252', bomLength: 0 };
  }
}

// Node's TextDecoder reads the "windows-1252" label as ISO-8859-1, which turns 0x80 (€) and
// the rest of 0x80-0x9F into control characters; those 27 bytes are mapped here.
const cp1252High = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f'
  + '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

export function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return latin1.replace(/[\u0080-\u009f]/g, (c) => cp1252High[c.charCodeAt(0) - 0x80]!);
}

/** Decodes chunk by chunk (stream: true keeps a UTF-8 character cut between chunks whole). */
export interface ChunkDecoder { decode(bytes?: Uint8Array, options?: { stream?: boolean }): string }

export function decoderFor(encoding: TextEncodingName): ChunkDecoder {
  // One byte is one character in Windows-1252: no state between chunks.
  if (encoding === 'windows-1252') return { decode: (bytes) => (bytes ? decodeWindows1252(bytes) : '') };
  // fatal: a file that starts as UTF-8 and turns invalid later is refused, not silently garbled.
  return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
}

export function decodeText(bytes: Uint8Array, detected: DetectedEncoding): string {
  return decoderFor(detected.encoding).decode(bytes.subarray(detected.bomLength));
}

export const encodingLabels: Record<TextEncodingName, string> = {
  'utf-8': 'UTF-8', 'utf-8-bom': 'UTF-8 with BOM', 'windows-1252': 'Windows-1252 (Latin-1)',
};
