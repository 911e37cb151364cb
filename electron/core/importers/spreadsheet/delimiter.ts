// Which character separates the cells: the one that occurs the same number of times (at least
// once) on every sample line, counted outside quoted cells. Quoted cells may hold the other
// candidates and even line breaks, so lines are cut by a small quote-aware scanner.

export const delimiters = [',', ';', '\t', '|'] as const;
export type Delimiter = (typeof delimiters)[number];

export const delimiterLabels: Record<Delimiter, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' };

/** Per logical record (quoted newlines stay inside), how often each candidate occurs outside quotes. */
function countPerRecord(text: string, maxRecords: number): Array<Record<Delimiter, number>> {
  const records: Array<Record<Delimiter, number>> = [];
  let counts: Record<Delimiter, number> = { ',': 0, ';': 0, '\t': 0, '|': 0 };
  let inQuotes = false;
  let blank = true;
  for (let i = 0; i < text.length && records.length < maxRecords; i++) {
    const c = text[i]!;
    if (c === '"') { inQuotes = !inQuotes; blank = false; continue; }
    if (inQuotes) continue;
    if (c === '\n' || c === '\r') {
      if (!blank) records.push(counts);
      counts = { ',': 0, ';': 0, '\t': 0, '|': 0 };
      blank = true;
      continue;
    }
    if (c in counts) counts[c as Delimiter]++;
    if (c.trim() !== '') blank = false;
  }
  if (!blank && records.length < maxRecords) records.push(counts);
  return records;
}

export interface DetectedDelimiter { delimiter: Delimiter; consistent: boolean }

export function detectDelimiter(sample: string): DetectedDelimiter {
  // The last record of a sample may be cut off; leave it out when there are enough others.
  const all = countPerRecord(sample, 30);
  const records = all.length > 2 ? all.slice(0, -1) : all;
  let best: { delimiter: Delimiter; score: number; consistent: boolean } = { delimiter: ',', score: -1, consistent: false };
  for (const d of delimiters) {
    const header = records[0]?.[d] ?? 0;
    if (header === 0) continue;
    const same = records.filter((r) => r[d] === header).length;
    // Consistency first (share of records with the header's count), then more columns.
    const score = same / records.length * 1000 + Math.min(header, 999);
    if (score > best.score) best = { delimiter: d, score, consistent: same === records.length };
  }
  return { delimiter: best.delimiter, consistent: best.consistent };
}
