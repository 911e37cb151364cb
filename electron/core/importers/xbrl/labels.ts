// Labels from a label linkbase (the filing's *_lab.xml): element id (e.g. "tsla_SpaceXMember")
// to its label, preferring the standard label role and English. Read with the same care as the
// instance: the DOCTYPE is neutralised, nothing outside the file is fetched.
import { Parser } from 'htmlparser2';
import { readLinkbaseText } from './linkbaseProlog';
import type { QName } from './model';

const rolePreference = [
  'http://www.xbrl.org/2003/role/label',
  'http://www.xbrl.org/2003/role/terseLabel',
  'http://www.xbrl.org/2003/role/verboseLabel',
];

function rank(role: string, lang: string): number {
  const r = rolePreference.indexOf(role);
  return (r < 0 ? rolePreference.length : r) * 2 + (/^en\b|^en-/i.test(lang) || lang === '' ? 0 : 1);
}

const localOf = (name: string) => name.slice(name.indexOf(':') + 1);

export class LabelIndex {
  private readonly byId = new Map<string, { text: string; rank: number }>();
  private readonly byLocal = new Map<string, string | null>();
  files = 0;

  /** Adds a linkbase; returns false when the text holds no labelLink. */
  add(text: string): boolean {
    if (!/labelLink/.test(text)) return false;
    const locs = new Map<string, string>(); // xlink:label -> element id
    const labels = new Map<string, Array<{ text: string; rank: number }>>();
    const arcs: Array<[string, string]> = [];
    let current: { key: string; role: string; lang: string; text: string } | null = null;
    const parser = new Parser({
      onopentag(name, attribs) {
        const local = localOf(name);
        if (local === 'loc') {
          const href = attribs['xlink:href'] ?? '';
          const label = attribs['xlink:label'];
          const hash = href.lastIndexOf('#');
          if (label !== undefined && hash >= 0) locs.set(label, decodeURIComponent(href.slice(hash + 1)));
        } else if (local === 'label') {
          current = { key: attribs['xlink:label'] ?? '', role: attribs['xlink:role'] ?? '', lang: attribs['xml:lang'] ?? '', text: '' };
        } else if (local === 'labelArc') {
          const from = attribs['xlink:from'];
          const to = attribs['xlink:to'];
          if (from !== undefined && to !== undefined) arcs.push([from, to]);
        }
      },
      ontext(t) {
        if (current) current.text += t;
      },
      onclosetag(name) {
        if (current && localOf(name) === 'label') {
          const c: { key: string; role: string; lang: string; text: string } = current;
          const list = labels.get(c.key) ?? [];
          list.push({ text: c.text.replace(/\s+/g, ' ').trim(), rank: rank(c.role, c.lang) });
          labels.set(c.key, list);
          current = null;
        }
      },
    }, { xmlMode: true });
    parser.end(text);
    for (const [from, to] of arcs) {
      const id = locs.get(from);
      if (id === undefined) continue;
      for (const l of labels.get(to) ?? []) {
        if (!l.text) continue;
        const have = this.byId.get(id);
        if (!have || l.rank < have.rank) this.byId.set(id, l);
      }
    }
    for (const id of this.byId.keys()) {
      const local = id.slice(id.indexOf('_') + 1);
      this.byLocal.set(local, this.byLocal.has(local) && this.byLocal.get(local) !== id ? null : id);
    }
    this.files++;
    return true;
  }

  get size(): number {
    return this.byId.size;
  }

  /** The label of a concept or member, without the taxonomy's " [Member]"-style suffix. */
  labelOf(q: QName): string | null {
    const key = `${q.prefix}_${q.local}`;
    const id = this.byId.has(key) ? key : this.byLocal.get(q.local) ?? null;
    const text = id === null ? undefined : this.byId.get(id)?.text;
    return text ? text.replace(/\s*\[(Member|Axis|Domain|Line Items|Table|Abstract|Text Block)\]\s*$/i, '').trim() || null : null;
  }
}

export { readLinkbaseText };
