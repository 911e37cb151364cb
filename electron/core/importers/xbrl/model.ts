// What the scan of an XBRL instance or Inline XBRL document collects, before any interpretation.

/** A resolved qualified name. `prefix` is the usual prefix for well-known taxonomies (us-gaap, srt, dei, ifrs-full), else as written. */
export interface QName {
  ns: string;
  local: string;
  prefix: string;
}

export const qnameText = (q: QName): string => (q.prefix ? `${q.prefix}:${q.local}` : q.local);
export const clark = (q: QName): string => `{${q.ns}}${q.local}`;

export interface Dimension {
  axis: QName;
  /** Explicit member; null for a typed dimension. */
  member: QName | null;
  /** Text of a typed member's value. */
  typedValue: string | null;
}

export interface Context {
  id: string;
  scheme: string;
  identifier: string;
  startDate: string | null;
  endDate: string | null;
  instant: string | null;
  forever: boolean;
  dims: Dimension[];
  at: number;
}

export interface Unit {
  id: string;
  numerators: QName[];
  denominators: QName[];
  at: number;
}

/** An element span of the document, filled in when the element closes. */
export interface Span {
  start: number;
  end: number;
}

export interface NumericFact {
  inline: boolean;
  concept: QName;
  contextRef: string | null;
  unitRef: string | null;
  decimals: string | null;
  id: string | null;
  nil: boolean;
  /** The displayed (inline) or element (instance) text. */
  text: string;
  format: QName | null;
  scale: string | null;
  sign: string | null;
  span: Span;
  /** The table row or paragraph around an inline fact, for its excerpt. */
  container: Span | null;
}

export interface TextFact {
  inline: boolean;
  concept: QName;
  contextRef: string | null;
  id: string | null;
  continuedAt: string | null;
  /** Captured text for short facts (names, identifiers); text blocks are read from `span` later. */
  text: string | null;
  span: Span;
}

export interface Continuation {
  id: string;
  continuedAt: string | null;
  span: Span;
}

export const NS = {
  xbrli: 'http://www.xbrl.org/2003/instance',
  xbrldi: 'http://xbrl.org/2006/xbrldi',
  ix: 'http://www.xbrl.org/2013/inlineXBRL',
  ix10: 'http://www.xbrl.org/2008/inlineXBRL',
  xhtml: 'http://www.w3.org/1999/xhtml',
  iso4217: 'http://www.xbrl.org/2003/iso4217',
  xml: 'http://www.w3.org/XML/1998/namespace',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
} as const;

export const isInlineNamespace = (ns: string): boolean => ns === NS.ix || ns === NS.ix10;

/** The prefix people expect for the standard taxonomies, whatever a filing binds; else the written one. */
export function canonicalPrefix(ns: string, written: string): string {
  if (/^https?:\/\/fasb\.org\/us-gaap\//.test(ns)) return 'us-gaap';
  if (/^https?:\/\/fasb\.org\/srt\//.test(ns)) return 'srt';
  if (/^https?:\/\/xbrl\.sec\.gov\/dei\//.test(ns)) return 'dei';
  if (/^https?:\/\/xbrl\.ifrs\.org\/taxonomy\/[^/]+\/ifrs-full$/.test(ns)) return 'ifrs-full';
  if (ns === NS.iso4217) return 'iso4217';
  if (ns === NS.xbrli) return 'xbrli';
  return written;
}
