// One streaming pass over an XBRL instance or Inline XBRL document (htmlparser2 in XML mode, no
// DOM): contexts, units, numeric facts, text facts, continuations, with namespaces resolved the
// XML way (prefixes scoped to the element that declares them). Only the elements that matter do
// any work: every tag name is classified once per namespace scope and cached, text is collected
// only inside the few elements whose text is needed, and text blocks are not collected at all
// (their span is kept and read later, only for the related-party ones).
import { Parser } from 'htmlparser2';
import type { ImportProblem } from '../extracted';
import { identityFieldOf, isRelatedPartyTextConcept } from './concepts';
import { canonicalPrefix, isInlineNamespace, NS, type Context, type Continuation, type Dimension, type NumericFact, type QName, type Span, type TextFact, type Unit } from './model';
import { normalizeSpace } from './text';

const wellKnownPrefixes = new Map<string, string>([['ix', NS.ix], ['xbrli', NS.xbrli], ['xbrldi', NS.xbrldi]]);

/** Deeper nesting than this is refused (real filings stay under a hundred). */
const MAX_DEPTH = 5000;

const isNil = (attribs: Record<string, string>): boolean => {
  for (const k in attribs) if ((k === 'nil' || k.endsWith(':nil')) && (attribs[k] === 'true' || attribs[k] === '1')) return true;
  return false;
};

// Element kinds.
const OTHER = 0, CONTEXT = 1, IDENTIFIER = 2, START = 3, END = 4, INSTANT = 5, FOREVER = 6, EXPLICIT = 7, TYPED = 8, UNIT = 9,
  DENOMINATOR = 10, MEASURE = 11, NONFRACTION = 12, NONNUMERIC = 13, CONTINUATION = 14, ROW = 15, BLOCK = 16, XML_FACT = 17;

interface Scope {
  depth: number;
  map: Record<string, string>;
  kinds: Map<string, number>;
  qnames: Map<string, QName | null>;
}

interface Frame {
  depth: number;
  kind: number;
  /** Start of this element's text in the capture buffer, or -1. */
  cap: number;
  obj: Context | Unit | NumericFact | TextFact | Continuation | Span | Dimension | null;
}

export interface ScanResult {
  contexts: Map<string, Context>;
  units: Map<string, Unit>;
  numeric: NumericFact[];
  text: TextFact[];
  continuations: Map<string, Continuation>;
  /** Prefixes bound to the Inline XBRL namespace anywhere in the document. */
  inlinePrefixes: Set<string>;
  elementCount: number;
}

export interface Locate {
  (offset: number, label?: string, elementId?: string | null, end?: number): ImportProblem['locator'];
}

export function scan(text: string, inline: boolean, problems: ImportProblem[], locate: Locate): ScanResult {
  const contexts = new Map<string, Context>();
  const units = new Map<string, Unit>();
  const numeric: NumericFact[] = [];
  const textFacts: TextFact[] = [];
  const continuations = new Map<string, Continuation>();
  const inlinePrefixes = new Set<string>();
  const unbound = new Set<string>();

  const rootMap: Record<string, string> = Object.create(null);
  rootMap.xml = NS.xml;
  let scope: Scope = { depth: 0, map: rootMap, kinds: new Map(), qnames: new Map() };
  const scopes: Scope[] = [scope];
  const frames: Frame[] = [];
  const rows: Span[] = [];
  const blocks: Span[] = [];
  let depth = 0;
  let elementCount = 0;
  let buf = '';
  let capturing = 0;
  let context: Context | null = null;
  let unit: Unit | null = null;
  let inDenominator = false;

  function resolve(written: string, at: number): QName | null {
    let q = scope.qnames.get(written);
    if (q !== undefined) return q;
    const t = written.trim();
    const i = t.indexOf(':');
    const prefix = i < 0 ? '' : t.slice(0, i);
    const local = i < 0 ? t : t.slice(i + 1);
    if (!/^[A-Za-z_][\w.\-\u00b7\u00c0-\uffff]*$/.test(local)) q = null;
    else {
      let ns = scope.map[prefix];
      if (ns === undefined) {
        ns = prefix ? `urn:unbound:${prefix}` : '';
        if (prefix && !unbound.has(prefix)) {
          unbound.add(prefix);
          problems.push({ locator: locate(at), message: `the prefix "${prefix}" (in "${t}") is not bound to a namespace; names using it are taken as written` });
        }
      }
      q = { ns, local, prefix: canonicalPrefix(ns, prefix) };
    }
    scope.qnames.set(written, q);
    return q;
  }

  function classify(name: string, at: number): number {
    const i = name.indexOf(':');
    const prefix = i < 0 ? '' : name.slice(0, i);
    const local = i < 0 ? name : name.slice(i + 1);
    let ns = scope.map[prefix];
    if (ns === undefined && wellKnownPrefixes.has(prefix)) {
      // An undeclared ix:, xbrli: or xbrldi: prefix: taken in its usual meaning, and said so once.
      ns = wellKnownPrefixes.get(prefix)!;
      if (!unbound.has(prefix)) {
        unbound.add(prefix);
        problems.push({ locator: locate(at), message: `the prefix "${prefix}" (on <${name}>) is not bound to a namespace; it was read as ${ns}` });
      }
    }
    if (ns === NS.xbrli) {
      switch (local) {
        case 'context': return CONTEXT;
        case 'identifier': return IDENTIFIER;
        case 'startDate': return START;
        case 'endDate': return END;
        case 'instant': return INSTANT;
        case 'forever': return FOREVER;
        case 'unit': return UNIT;
        case 'unitDenominator': return DENOMINATOR;
        case 'measure': return MEASURE;
        default: return OTHER;
      }
    }
    if (ns === NS.xbrldi) return local === 'explicitMember' ? EXPLICIT : local === 'typedMember' ? TYPED : OTHER;
    if (ns !== undefined && isInlineNamespace(ns)) {
      inlinePrefixes.add(prefix);
      return local === 'nonFraction' ? NONFRACTION : local === 'nonNumeric' ? NONNUMERIC : local === 'continuation' ? CONTINUATION : OTHER;
    }
    if (inline && (ns === NS.xhtml || ns === undefined || ns === '') && prefix === '') {
      const l = local.toLowerCase();
      if (l === 'tr') return ROW;
      if (l === 'p' || l === 'div' || l === 'li' || l === 'h1' || l === 'h2' || l === 'h3' || l === 'h4' || l === 'h5' || l === 'h6') return BLOCK;
    }
    return OTHER;
  }

  const open = (kind: number, cap: boolean, obj: Frame['obj']) => {
    frames.push({ depth, kind, cap: cap ? buf.length : -1, obj });
    if (cap) capturing++;
  };

  const parser: Parser = new Parser({
    onopentag(name, attribs) {
      depth++;
      elementCount++;
      const at = parser.startIndex;
      if (depth > MAX_DEPTH) {
        // No filing nests this deep; the parser's element stack would make it quadratic. Stop here.
        problems.push({ locator: locate(at), message: `elements are nested more than ${MAX_DEPTH} deep here; the rest of the document was not read` });
        parser.pause();
        return;
      }
      // Namespace declarations open a scope (rare: usually only on the root).
      let declared: Record<string, string> | null = null;
      for (const k in attribs) {
        if (k.charCodeAt(0) === 120 && k.startsWith('xmlns') && (k.length === 5 || k.charCodeAt(5) === 58)) {
          declared ??= Object.create(scope.map) as Record<string, string>;
          const prefix = k.length === 5 ? '' : k.slice(6);
          declared[prefix] = attribs[k]!;
          if (isInlineNamespace(attribs[k]!)) inlinePrefixes.add(prefix);
        }
      }
      if (declared) {
        scope = { depth, map: declared, kinds: new Map(), qnames: new Map() };
        scopes.push(scope);
      }
      let kind = scope.kinds.get(name);
      if (kind === undefined) {
        kind = classify(name, at);
        scope.kinds.set(name, kind);
      }
      if (kind === OTHER) {
        if (!inline && attribs.contextRef !== undefined && context === null && unit === null) openInstanceFact(name, attribs, at);
        return;
      }
      switch (kind) {
        case CONTEXT: {
          context = { id: attribs.id ?? '', scheme: '', identifier: '', startDate: null, endDate: null, instant: null, forever: false, dims: [], at };
          open(CONTEXT, false, context);
          return;
        }
        case IDENTIFIER:
          if (context) { context.scheme = attribs.scheme ?? ''; open(IDENTIFIER, true, null); }
          return;
        case START: case END: case INSTANT:
          if (context) open(kind, true, null);
          return;
        case FOREVER:
          if (context) context.forever = true;
          return;
        case EXPLICIT: case TYPED: {
          if (!context) return;
          const axis = attribs.dimension !== undefined ? resolve(attribs.dimension, at) : null;
          if (!axis) {
            problems.push({ locator: locate(at, `context ${context.id}`, context.id), message: `a dimension member without a valid dimension attribute (${JSON.stringify(attribs.dimension ?? null)}) was ignored` });
            return;
          }
          open(kind, true, { axis, member: null, typedValue: null });
          return;
        }
        case UNIT:
          unit = { id: attribs.id ?? '', numerators: [], denominators: [], at };
          open(UNIT, false, unit);
          return;
        case DENOMINATOR:
          if (unit) { inDenominator = true; open(DENOMINATOR, false, null); }
          return;
        case MEASURE:
          if (unit) open(MEASURE, true, null);
          return;
        case NONFRACTION: {
          const concept = attribs.name !== undefined ? resolve(attribs.name, at) : null;
          const span = { start: at, end: -1 };
          if (!concept) {
            problems.push({ locator: locate(at, attribs.id ? `fact ${attribs.id}` : undefined, attribs.id ?? null), message: `an ix:nonFraction without a valid name (${JSON.stringify(attribs.name ?? null)}) was skipped` });
            open(NONFRACTION, true, null);
            return;
          }
          const fact: NumericFact = {
            inline: true, concept, contextRef: attribs.contextRef ?? null, unitRef: attribs.unitRef ?? null, decimals: attribs.decimals ?? null,
            id: attribs.id ?? null, nil: isNil(attribs), text: '',
            format: attribs.format !== undefined ? resolve(attribs.format, at) : null, scale: attribs.scale ?? null, sign: attribs.sign ?? null,
            span, container: rows.length ? rows[rows.length - 1]! : blocks.length ? blocks[blocks.length - 1]! : null,
          };
          numeric.push(fact);
          open(NONFRACTION, true, fact);
          return;
        }
        case NONNUMERIC: {
          const concept = attribs.name !== undefined ? resolve(attribs.name, at) : null;
          if (!concept) {
            problems.push({ locator: locate(at, attribs.id ? `fact ${attribs.id}` : undefined, attribs.id ?? null), message: `an ix:nonNumeric without a valid name (${JSON.stringify(attribs.name ?? null)}) was skipped` });
            return;
          }
          const identity = identityFieldOf(concept) !== null;
          if (!identity && !isRelatedPartyTextConcept(concept.local)) return;
          const fact: TextFact = { inline: true, concept, contextRef: attribs.contextRef ?? null, id: attribs.id ?? null, continuedAt: attribs.continuedAt ?? null, text: null, span: { start: at, end: -1 } };
          textFacts.push(fact);
          open(NONNUMERIC, identity, fact);
          return;
        }
        case CONTINUATION: {
          const id = attribs.id;
          if (id === undefined) {
            problems.push({ locator: locate(at), message: 'an ix:continuation without an id was ignored' });
            return;
          }
          const c: Continuation = { id, continuedAt: attribs.continuedAt ?? null, span: { start: at, end: -1 } };
          if (continuations.has(id)) problems.push({ locator: locate(at, `continuation ${id}`, id), message: `a second ix:continuation with the id "${id}" was ignored` });
          else continuations.set(id, c);
          open(CONTINUATION, false, c);
          return;
        }
        case ROW: {
          const span = { start: at, end: -1 };
          rows.push(span);
          open(ROW, false, span);
          return;
        }
        case BLOCK: {
          const span = { start: at, end: -1 };
          blocks.push(span);
          open(BLOCK, false, span);
          return;
        }
      }
    },
    ontext(t) {
      if (capturing > 0) buf += t;
    },
    onclosetag() {
      const f = frames.length > 0 ? frames[frames.length - 1]! : null;
      if (f !== null && f.depth === depth) {
        frames.pop();
        let captured = '';
        if (f.cap >= 0) {
          captured = buf.slice(f.cap);
          if (--capturing === 0) buf = '';
        }
        close(f, captured, parser.endIndex + 1);
      }
      if (scope.depth === depth && scopes.length > 1) {
        scopes.pop();
        scope = scopes[scopes.length - 1]!;
      }
      depth--;
    },
  }, { xmlMode: true, decodeEntities: true });

  function openInstanceFact(name: string, attribs: Record<string, string>, at: number) {
    const concept = resolve(name, at);
    if (!concept || concept.ns === NS.xbrli || concept.ns.startsWith('http://www.xbrl.org/2003/linkbase')) return;
    const span = { start: at, end: -1 };
    if (attribs.unitRef !== undefined) {
      const fact: NumericFact = {
        inline: false, concept, contextRef: attribs.contextRef ?? null, unitRef: attribs.unitRef, decimals: attribs.decimals ?? null, id: attribs.id ?? null,
        nil: isNil(attribs), text: '', format: null, scale: null, sign: null, span, container: null,
      };
      numeric.push(fact);
      open(XML_FACT, true, fact);
      return;
    }
    if (identityFieldOf(concept) === null && !isRelatedPartyTextConcept(concept.local)) return;
    const fact: TextFact = { inline: false, concept, contextRef: attribs.contextRef ?? null, id: attribs.id ?? null, continuedAt: null, text: null, span };
    textFacts.push(fact);
    open(XML_FACT, true, fact);
  }

  function close(f: Frame, captured: string, end: number) {
    switch (f.kind) {
      case CONTEXT: {
        const c = f.obj as Context;
        if (!c.id) problems.push({ locator: locate(c.at), message: 'a context without an id was ignored' });
        else if (contexts.has(c.id)) problems.push({ locator: locate(c.at, `context ${c.id}`, c.id), message: `a second context with the id "${c.id}" was ignored` });
        else contexts.set(c.id, c);
        context = null;
        return;
      }
      case IDENTIFIER: if (context) context.identifier = captured.trim(); return;
      case START: if (context) context.startDate = captured.trim(); return;
      case END: if (context) context.endDate = captured.trim(); return;
      case INSTANT: if (context) context.instant = captured.trim(); return;
      case EXPLICIT: {
        const d = f.obj as Dimension;
        d.member = captured.trim() ? resolve(captured, context?.at ?? 0) : null;
        if (context && d.member) context.dims.push(d);
        else if (context) problems.push({ locator: locate(context.at, `context ${context.id}`, context.id), message: `the member of dimension ${d.axis.prefix}:${d.axis.local} ("${captured.trim()}") is not a valid name; the dimension was ignored` });
        return;
      }
      case TYPED: {
        const d = f.obj as Dimension;
        d.typedValue = normalizeSpace(captured);
        if (context) context.dims.push(d);
        return;
      }
      case UNIT: {
        const u = f.obj as Unit;
        if (!u.id) problems.push({ locator: locate(u.at), message: 'a unit without an id was ignored' });
        else if (units.has(u.id)) problems.push({ locator: locate(u.at, `unit ${u.id}`, u.id), message: `a second unit with the id "${u.id}" was ignored` });
        else units.set(u.id, u);
        unit = null;
        return;
      }
      case DENOMINATOR: inDenominator = false; return;
      case MEASURE: {
        if (!unit) return;
        const q = captured.trim() ? resolve(captured, unit.at) : null;
        if (q) (inDenominator ? unit.denominators : unit.numerators).push(q);
        else problems.push({ locator: locate(unit.at, `unit ${unit.id}`, unit.id), message: `the measure "${captured.trim()}" is not a valid name` });
        return;
      }
      case NONFRACTION: case XML_FACT: {
        const fact = f.obj as NumericFact | TextFact | null;
        if (!fact) return;
        fact.span.end = end;
        fact.text = captured;
        return;
      }
      case NONNUMERIC: {
        const fact = f.obj as TextFact;
        fact.span.end = end;
        if (f.cap >= 0) fact.text = normalizeSpace(captured);
        return;
      }
      case CONTINUATION: case ROW: case BLOCK: {
        const span = f.kind === CONTINUATION ? (f.obj as Continuation).span : (f.obj as Span);
        span.end = end;
        if (f.kind === ROW) rows.pop();
        else if (f.kind === BLOCK) blocks.pop();
        return;
      }
    }
  }

  parser.end(text);
  // Elements left open when reading stopped early run to the end of the document.
  for (const f of numeric) if (f.span.end < 0) f.span.end = text.length;
  for (const f of textFacts) if (f.span.end < 0) f.span.end = text.length;
  for (const c of continuations.values()) if (c.span.end < 0) c.span.end = text.length;
  return { contexts, units, numeric, text: textFacts, continuations, inlinePrefixes, elementCount };
}
