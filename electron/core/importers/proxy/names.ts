// Who a sentence names: companies ("The Boring Company", "X Corp.", "xAI"), people ("Mr. Smith",
// "Erik Halvorsen"), relatives ("Mr. Smith's brother-in-law"), entities described by their owner
// ("an entity controlled by Mr. Jones"), and the issuer itself ("we", "the Company", "Tesla").

export interface Mention {
  start: number;
  end: number;
  /** The name as the sentence writes it (for a relative: "Mr. Smith's brother-in-law"). */
  text: string;
  kind: 'issuer' | 'party' | 'pronoun';
  /** Clearly a party: a company suffix, a personal title, a defined name, or a relation. */
  strong: boolean;
}

interface Token {
  start: number;
  /** End of the word without a possessive "'s". */
  end: number;
  word: string;
  lower: string;
  possessive: boolean;
}

const TITLES = new Set(['mr', 'mrs', 'ms', 'dr', 'messrs', 'prof', 'sir', 'dame', 'hon', 'mmes']);
const ORG_SUFFIX = new Set([
  'inc', 'incorporated', 'corp', 'corporation', 'co', 'company', 'companies', 'llc', 'l.l.c', 'lp', 'l.p', 'llp', 'l.l.p', 'ltd', 'limited',
  'plc', 'ag', 'ab', 'gmbh', 'sa', 's.a', 'nv', 'n.v', 'bv', 'b.v', 'se', 'spa', 's.p.a', 'pty', 'kk', 'holdings', 'group', 'trust',
  'foundation', 'partners', 'partnership', 'fund', 'bank', 'n.a', 'associates', 'enterprises', 'industries', 'technologies',
  'labs', 'university', 'institute', 'ventures', 'capital', 'properties', 'realty',
]);
const COMMA_SUFFIX = new Set(['inc', 'incorporated', 'llc', 'l.l.c', 'lp', 'l.p', 'llp', 'l.l.p', 'ltd', 'limited', 'plc', 'n.a', 's.a', 'ag', 'gmbh', 'corp', 'co', 'pty', 'ab', 'se', 'n.v', 'b.v']);
const ORG_TYPE = new Set(['company', 'companies', 'group', 'corporation', 'foundation', 'trust', 'partnership', 'fund', 'bank', 'institute', 'university', 'partners']);
const CONNECTORS = new Set(['&', 'of', 'for', 'de', 'du', 'van', 'von', 'der', 'la', 'le', 'del', 'y', 'and']);
const STOP = new Set([
  'a', 'an', 'the', 'in', 'on', 'at', 'for', 'from', 'to', 'by', 'with', 'during', 'since', 'after', 'before', 'as', 'also', 'additionally',
  'further', 'furthermore', 'moreover', 'however', 'accordingly', 'thus', 'therefore', 'this', 'that', 'these', 'those', 'such', 'each',
  'every', 'all', 'any', 'both', 'other', 'certain', 'our', 'we', 'us', 'it', 'its', 'he', 'she', 'his', 'her', 'they', 'their', 'them',
  'there', 'under', 'pursuant', 'following', 'prior', 'upon', 'through', 'effective', 'beginning', 'between', 'among', 'although',
  'while', 'when', 'if', 'because', 'including', 'except', 'approximately', 'neither', 'none', 'no', 'not', 'only', 'until', 'unless',
  'within', 'without', 'per', 'and', 'or', 'of', 'where', 'which', 'who', 'whom', 'whose', 'what', 'i', 'in addition', 'similarly',
  'likewise', 'instead', 'then', 'thereafter', 'subsequently', 'currently', 'previously', 'later', 'here', 'yes', 'see', 'please', 'note',
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
  'item', 'items', 'proposal', 'section', 'rule', 'notes', 'table', 'page', 'annex', 'appendix', 'exhibit', 'schedule', 'form', 'class',
  'series', 'act', 'regulation', 'article', 'part', 'chapter', 'fiscal', 'year', 'quarter',
]);
const GENERIC = new Set([
  'related', 'person', 'persons', 'party', 'parties', 'transaction', 'transactions', 'policy', 'policies', 'procedures', 'procedure',
  'agreement', 'agreements', 'plan', 'plans', 'program', 'proxy', 'statement', 'annual', 'meeting', 'report', 'stock', 'shares', 'share',
  'common', 'preferred', 'award', 'awards', 'option', 'options', 'units', 'unit', 'equity', 'incentive', 'compensation', 'committee',
  'committees', 'board', 'directors', 'company', 'corporation', 'registrant', 'sec', 'securities', 'exchange', 'commission', 'nasdaq',
  'nyse', 'gaap', 'u.s', 'us', 'united', 'states', 'america', 'federal', 'state', 'delaware', 'code', 'conduct', 'ethics', 'charter',
  'bylaws', 'certificate', 'incorporation', 'amended', 'restated', 'master', 'services', 'service', 'supply', 'purchase', 'purchases',
  'sale', 'sales', 'lease', 'license', 'loan', 'note', 'credit', 'facility', 'employment', 'consulting', 'indemnification',
  'registration', 'rights', 'investor', 'stockholders', 'stockholder', 'shareholders', 'shareholder', 'holders', 'holder', 'risk',
  'factors', 'overview', 'summary', 'business', 'management', 'description', 'review', 'approval', 'ratification', 'applicable', 'total',
  'payments', 'payment', 'amounts', 'amount', 'fees', 'fee', 'rent', 'revenue', 'revenues', 'income', 'expenses', 'expense', 'cash',
  'dollars', 'internal', 'revenue', 'irs', 'ceo', 'cfo', 'cto', 'coo', 'cao', 'llc', 'inc', 'ltd', 'interest', 'interests', 'ownership',
  'beneficial', 'owners', 'owner', 'material', 'aggregate', 'subsidiary', 'subsidiaries', 'affiliate', 'affiliates', 'family', 'members',
  'immediate', 'household', 'independence', 'governance', 'nominating', 'audit', 'corporate', 'matters', 'other', 'general',
]);
const ROLE_HEAD = new Set([
  'chief', 'officer', 'officers', 'director', 'directors', 'president', 'vice', 'chairman', 'chair', 'chairwoman', 'chairperson',
  'executive', 'secretary', 'treasurer', 'controller', 'counsel', 'general', 'senior', 'head', 'manager', 'founder', 'co-founder',
  'member', 'trustee', 'lead', 'independent', 'ceo', 'cfo', 'cto', 'coo', 'named', 'board', 'committee', 'audit', 'compensation',
  'nominating', 'governance', 'principal', 'former', 'our', 'executive',
]);
const ABBREV = new Set(['mr.', 'mrs.', 'ms.', 'dr.', 'messrs.', 'prof.', 'jr.', 'sr.', 'inc.', 'corp.', 'co.', 'ltd.', 'st.', 'no.', 'hon.', 'bros.', 'mmes.']);
const RELATION = String.raw`(?:(?:immediate|adult|minor)\s+)?(?:family\s+members?|brothers?|sisters?|sons?|daughters?|fathers?|mothers?|spouse|wife|husband|domestic\s+partner|child|children|step(?:son|daughter|child|children|father|mother)|parents?|siblings?|cousins?|nephews?|nieces?|grand(?:son|daughter|child|children)s?|(?:brother|sister|son|daughter|father|mother)s?[-\s]in[-\s]law|in-laws?|family\s+trust|trust|estate)`;
const relationAfter = new RegExp(String.raw`^\s+(${RELATION})(?![\p{L}-])`, 'iu');
const describedEntity = /\b(?:an?|the)\s+((?:entity|entities|company|companies|firm|law\s+firm|partnership|trust|fund|corporation|business|limited\s+liability\s+company|real\s+estate\s+(?:company|entity|partnership))\s+(?:that\s+is\s+|which\s+is\s+)?(?:(?:wholly|majority|partially|jointly|indirectly|directly|substantially)[-\s])?(?:owned|controlled|affiliated|managed|founded|operated|co-founded)(?:\s+in\s+part)?\s+(?:by|with)\s+)$/i;

const relationOf = new RegExp(String.raw`\b(?:the|a|an|one)\s+(${RELATION})\s+of\s+$`, 'i');

function tokenize(s: string): Token[] {
  const out: Token[] = [];
  const re = /[\p{L}\p{N}][\p{L}\p{N}&'’.\-]*|&/gu;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    let w = m[0];
    let possessive = false;
    if (/['’]s$/i.test(w) && w.length > 2) {
      w = w.slice(0, -2);
      possessive = true;
    } else if (/s['’]$/.test(w)) {
      w = w.slice(0, -1);
      possessive = true;
    }
    w = w.replace(/['’\-]+$/, '');
    if (w.endsWith('.')) {
      const lower = w.toLowerCase();
      const keep = ABBREV.has(lower) || /^(?:\p{L}\.){2,}$/u.test(w) || /^\p{Lu}\.$/u.test(w) || /^(?:l\.l\.c|l\.p|n\.a|s\.a|n\.v|b\.v|l\.l\.p|s\.p\.a)\.$/i.test(w);
      if (!keep) w = w.replace(/\.+$/, '');
    }
    if (!w) continue;
    out.push({ start: m.index, end: m.index + w.length, word: w, lower: w.toLowerCase().replace(/\.$/, ''), possessive });
  }
  return out;
}

function isCap(t: Token): boolean {
  return /^\p{Lu}/u.test(t.word) || /^\p{Ll}{1,3}\p{Lu}/u.test(t.word) || /^\d+\p{Lu}/u.test(t.word);
}

function norm(s: string): string {
  return s.toLowerCase().replace(/[’']/g, "'").replace(/[.,]/g, ' ').replace(/\s+/g, ' ').trim();
}

const issuerSuffix = /\s+(?:inc|incorporated|corp|corporation|co|company|ltd|limited|plc|llc|l l c|lp|l p|n v|s a|ag|se|holdings|group)$/;

function core(s: string): string {
  let c = norm(s).replace(/^the\s+/, '');
  for (let i = 0; i < 3; i++) {
    const next = c.replace(issuerSuffix, '').trim();
    if (next === c) break;
    c = next;
  }
  return c;
}

const genericFirstWords = new Set(['american', 'first', 'united', 'national', 'general', 'international', 'global', 'new', 'great', 'north', 'south', 'east', 'west', 'the', 'bank', 'royal', 'western', 'eastern', 'pacific', 'atlantic', 'central']);

/** The issuer's names: legal name, the name without its suffix, defined short names. */
export class IssuerNames {
  private readonly cores = new Set<string>();
  readonly names: string[] = [];

  constructor(names: Array<string | null | undefined>) {
    for (const n of names) if (n) this.add(n);
  }

  add(name: string): void {
    const c = core(name);
    if (!c || c.length < 2 || this.cores.has(c)) return;
    this.names.push(name.trim());
    this.cores.add(c);
    const first = c.split(' ')[0] ?? '';
    if (c.includes(' ') && first.length >= 4 && !genericFirstWords.has(first)) this.cores.add(first);
  }

  is(text: string): boolean {
    if (this.cores.size === 0) return false;
    const c = core(text);
    if (this.cores.has(c)) return true;
    for (const k of this.cores) if (c.startsWith(`${k} `)) return true;
    return false;
  }

  get known(): boolean {
    return this.cores.size > 0;
  }
}

interface Phrase {
  start: number;
  end: number;
  tokens: Token[];
  strong: boolean;
}

/** Capitalised name phrases in a string (no issuer or alias knowledge). */
function phrases(s: string, aliases: ReadonlyMap<string, string>): Phrase[] {
  const toks = tokenize(s);
  const out: Phrase[] = [];
  let i = 0;
  while (i < toks.length) {
    const t = toks[i]!;
    const title = TITLES.has(t.lower.replace(/\.$/, '')) && /^\p{Lu}/u.test(t.word);
    const the = t.word === 'The';
    if (!title && !the && (!isCap(t) || STOP.has(t.lower))) { i++; continue; }
    if ((title || the) && !(toks[i + 1] && isCap(toks[i + 1]!) && !STOP.has(toks[i + 1]!.lower) && /^\s+$/.test(s.slice(t.end, toks[i + 1]!.start)))) { i++; continue; }
    let j = i;
    while (j + 1 < toks.length) {
      const cur = toks[j]!;
      if (cur.possessive) break;
      const nx = toks[j + 1]!;
      const gap = s.slice(cur.end, nx.start);
      if (/^[ \t\n\u00a0]+$/.test(gap) && !gap.includes('\n\n')) {
        if (isCap(nx) && !STOP.has(nx.lower)) { j++; continue; }
        if (ORG_SUFFIX.has(nx.lower) && nx.lower !== 'company') { j++; continue; }
        if (CONNECTORS.has(nx.lower) && nx.lower !== 'and' && toks[j + 2] && isCap(toks[j + 2]!) && !STOP.has(toks[j + 2]!.lower) && /^[ \t\n\u00a0]+$/.test(s.slice(nx.end, toks[j + 2]!.start))) { j += 2; continue; }
        if (nx.word === '&' && toks[j + 2] && isCap(toks[j + 2]!)) { j += 2; continue; }
      } else if (/^,[ \t\n\u00a0]*$/.test(gap) && COMMA_SUFFIX.has(nx.lower)) {
        j++;
        continue;
      }
      break;
    }
    let first = i;
    let tokens = toks.slice(first, j + 1);
    // "The" belongs to a name only when the name is of a company, trust or the like.
    if (tokens[0]!.word === 'The' && !(tokens.length > 1 && ORG_TYPE.has(tokens[tokens.length - 1]!.lower))) { tokens = tokens.slice(1); first++; }
    // "Chief Technology Officer of X Corp." names X Corp.
    const of = tokens.findIndex((k, idx) => idx > 0 && (k.lower === 'of' || k.lower === 'for'));
    if (of > 0 && tokens.slice(0, of).every((k) => ROLE_HEAD.has(k.lower) || GENERIC.has(k.lower) || STOP.has(k.lower) || /^(?:technology|operating|financial|accounting|legal|information|people|product|engineering|marketing|revenue|investment|strategy)$/.test(k.lower))) {
      tokens = tokens.slice(of + 1);
    }
    i = j + 1;
    if (tokens.length === 0) continue;
    const words = tokens.map((k) => k.lower);
    const meaningful = words.filter((w) => !CONNECTORS.has(w));
    if (meaningful.every((w) => STOP.has(w) || GENERIC.has(w) || ROLE_HEAD.has(w))) continue;
    if (ROLE_HEAD.has(words[0]!) && !TITLES.has(words[0]!)) continue;
    const start = tokens[0]!.start;
    const end = tokens[tokens.length - 1]!.end;
    const text = s.slice(start, end);
    const hasSuffix = tokens.length > 1 && ORG_SUFFIX.has(tokens[tokens.length - 1]!.lower);
    const isTitle = TITLES.has(words[0]!);
    const isAlias = aliases.has(text) || [...aliases.values()].includes(text);
    // One or two letters alone ("X", "AB") are a name only when the document defined them.
    if (tokens.length === 1 && tokens[0]!.word.replace(/\W/g, '').length <= 2 && !isAlias) continue;
    out.push({ start, end, tokens, strong: hasSuffix || isTitle || isAlias });
  }
  return out;
}

/** Everyone a sentence names, the issuer marked, in order. */
export function findMentions(s: string, issuer: IssuerNames, aliases: ReadonlyMap<string, string>): Mention[] {
  const found: Mention[] = [];
  for (const p of phrases(s, aliases)) {
    let end = p.end;
    let text = s.slice(p.start, p.end);
    let strong = p.strong;
    const last = p.tokens[p.tokens.length - 1]!;
    const isIssuer = issuer.is(text);
    if (last.possessive) {
      const after = s.slice(last.end).replace(/^['’]s?/, '');
      const offset = s.length - after.length;
      const rel = relationAfter.exec(after);
      if (rel && !isIssuer) {
        end = offset + rel[0].length;
        text = s.slice(p.start, end).replace(/\s+/g, ' ');
        strong = true;
        // "Mr. Smith's brother-in-law, Daniel Reyes," names Daniel Reyes.
        const rest = s.slice(end);
        const appos = /^,\s+((?:\p{Lu}[\p{L}'’.-]*\s+){1,3}\p{Lu}[\p{L}'’-]*)\s*[,(]/u.exec(rest);
        if (appos && !/\b(?:Inc|Corp|LLC|Ltd|Company)\b/.test(appos[1]!)) {
          end = end + appos[0].length - 1;
          text = appos[1]!;
        }
      }
    }
    found.push({ start: p.start, end, text, kind: isIssuer ? 'issuer' : 'party', strong });
  }
  const add = (re: RegExp, kind: Mention['kind']) => {
    re.lastIndex = 0;
    for (let m = re.exec(s); m; m = re.exec(s)) found.push({ start: m.index, end: m.index + m[0].length, text: m[0], kind, strong: false });
  };
  add(/\b(?:[Ww]e|us)\b/g, 'issuer');
  add(/\b[Tt]he\s+(?:Company|Corporation|Registrant|Bank|Partnership|Issuer)\b/g, 'issuer');
  add(/\b(?:our|its|the\s+Company['’]s)\s+(?:(?:wholly[- ]owned|consolidated|operating)\s+)?subsidiar(?:y|ies)\b/gi, 'issuer');
  add(/\b(?:he|she|they|his|her|their)\b/gi, 'pronoun');
  add(/\bsuch\s+(?:person|individual|entity|company|family\s+member|related\s+(?:person|party))\b/gi, 'pronoun');
  found.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
  const out: Mention[] = [];
  for (const m of found) {
    const prev = out[out.length - 1];
    if (prev && m.start < prev.end) {
      if (m.end - m.start > prev.end - prev.start) out[out.length - 1] = m;
      continue;
    }
    out.push(m);
  }
  // "an entity controlled by Mr. Jones": the entity is the party; "the son-in-law of Ms. Lee":
  // the relative is.
  for (let k = 0; k < out.length; k++) {
    const m = out[k]!;
    if (m.kind !== 'party') continue;
    const relative = relationOf.exec(s.slice(Math.max(0, m.start - 60), m.start));
    if (relative) {
      out[k] = { start: m.start - relative[0].length, end: m.end, text: `${relative[1]!.replace(/\s+/g, ' ')} of ${m.text}`, kind: 'party', strong: true };
      continue;
    }
    const before = describedEntity.exec(s.slice(Math.max(0, m.start - 90), m.start));
    if (!before) continue;
    const phraseStart = m.start - before[1]!.length;
    out[k] = { start: m.start - before[0].length, end: m.end, text: `${s.slice(phraseStart, m.start)}${m.text}`.replace(/\s+/g, ' '), kind: 'party', strong: true };
  }
  return out;
}

/**
 * Names the document defines: `Space Exploration Technologies Corp. ("SpaceX")` makes "SpaceX"
 * a name; `Tesla, Inc. ("Tesla," the "Company," "we")` makes "Tesla" a name of the issuer.
 */
export function collectDefinitions(text: string): { aliases: Map<string, string>; issuerNames: string[] } {
  const aliases = new Map<string, string>();
  const issuerNames: string[] = [];
  const paren = /\(([^()]{1,200})\)/g;
  const generic = /^(?:the\s+)?(?:company|corporation|registrant|issuer|we|us|our|ours|bank|partnership|parent)$/i;
  for (let m = paren.exec(text); m; m = paren.exec(text)) {
    const inner = m[1]!;
    if (!/[“"]/.test(inner)) continue;
    const quoted: string[] = [];
    const q = /[“"]([^”"]{1,40}?)[,.]?[”"]/g;
    for (let k = q.exec(inner); k; k = q.exec(inner)) quoted.push(k[1]!.trim());
    if (quoted.length === 0) continue;
    const before = text.slice(Math.max(0, m.index - 200), m.index);
    const ps = phrases(before, new Map());
    const lastPhrase = ps[ps.length - 1];
    if (!lastPhrase || !/^[\s,]*$/.test(before.slice(lastPhrase.end))) continue;
    const name = before.slice(lastPhrase.start, lastPhrase.end).replace(/\s+/g, ' ');
    const isIssuer = quoted.some((a) => generic.test(a));
    if (isIssuer) {
      issuerNames.push(name);
      for (const a of quoted) if (!generic.test(a) && /^\p{Lu}/u.test(a)) issuerNames.push(a);
    } else {
      for (const a of quoted) if (/^[\p{Lu}\p{Ll}]/u.test(a) && !/\s{2}/.test(a) && a.split(/\s+/).length <= 5) aliases.set(a, name);
    }
  }
  return { aliases, issuerNames };
}

/** The registrant's name from an SEC cover page or header, if the document states it. */
export function detectIssuerName(text: string, source: string): string | null {
  const cover = /([^\n]{2,120})\n(?:[ \t]*\n){0,3}[ \t]*\(?\s*(?:exact\s+)?name\s+of\s+(?:the\s+)?registrant/i.exec(text);
  if (cover) {
    const name = cover[1]!.trim().replace(/\s+/g, ' ');
    if (/\p{L}/u.test(name) && !/^\(/.test(name)) return name;
  }
  const sameLine = /((?:\p{Lu}[\p{L}\d.&'’-]*,?\s+){0,6}(?:Inc\.?|INC\.?|Corp(?:oration|\.)?|CORP(?:ORATION|\.)?|Company|COMPANY|Co\.|CO\.|Ltd\.?|LTD\.?|LLC|plc|PLC|N\.V\.|S\.A\.|Holdings|HOLDINGS|Group|GROUP))\s*\(\s*(?:[Ee]xact\s+)?[Nn]ame\s+of\s+(?:the\s+)?[Rr]egistrant/u.exec(text);
  if (sameLine) return sameLine[1]!.trim();
  const header = /COMPANY CONFORMED NAME:\s*([^\n\r]+)/.exec(source.slice(0, 20000));
  if (header) return header[1]!.trim();
  return null;
}
