// The control/role path as SVG: well-formed, every name and label escaped, links labelled with dates.
import fs from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { renderPathDiagram } from '../../shared/pathDiagram';
import type { PathEdge } from '../../shared/domain';
import { gatherReportData } from '../../electron/core/reports/reportData';
import { tempSampleLedger } from './tempLedger';

const artifacts = path.resolve(__dirname, '../../test-results/report-pages');

function texts(svg: string): string[] {
  const out: string[] = [];
  const walk = (n: { type: string; name?: string; children?: unknown[]; data?: string }, inText: boolean) => {
    if (n.type === 'text' && inText) out.push(n.data ?? '');
    for (const c of (n.children ?? []) as Array<typeof n>) walk(c, inText || n.name === 'text');
  };
  walk(parseDocument(svg, { xmlMode: true, decodeEntities: true }) as unknown as Parameters<typeof walk>[0], false);
  return out;
}

const person = { id: 1, name: 'Ann <b>"Boss"</b> & Co', kind: 'person' as const };
const hold = { id: 2, name: 'HoldCo Trust', kind: 'trust' as const };
const a = { id: 3, name: 'Alpha Manufacturing International Holdings plc', kind: 'company' as const };
const b = { id: 4, name: 'Beta', kind: 'company' as const };
const edge = (id: number, from: typeof person | typeof hold, to: typeof a | typeof hold, relation: string, validFrom: string | null, validTo: string | null): PathEdge =>
  ({ affiliationId: id, from, to, relation, validFrom, validTo, evidence: [] });

describe('path diagram', () => {
  it('draws the holder once, one row per side, labels with dates, all text escaped', () => {
    const svg = renderPathDiagram({
      paths: [[edge(10, person, hold, 'settlor', '2001-01-01', null), edge(11, hold, a, 'owns 78% of votes', '2002-05-01', null)], [edge(12, person, b, 'CEO <interim>', '2008-10-01', '2020-12-31')]],
      sides: [a, b], transferLabel: '12,000 × GPU & "more"',
    });
    const doc = parseDocument(svg, { xmlMode: true });
    expect(doc.children.filter((c) => c.type === 'tag')).toHaveLength(1);
    expect(svg).not.toContain('<b>');
    expect(svg).not.toContain('<interim>');
    const t = texts(svg);
    expect(t.filter((x) => x.startsWith('Ann'))).toEqual(['Ann <b>"Boss"</b> & Co']); // one node for the common holder
    expect(t).toContain('owns 78% of votes');
    expect(t).toContain('since 2002-05-01');
    expect(t).toContain('CEO <interim>');
    expect(t).toContain('2008-10-01 – 2020-12-31');
    expect(t).toContain('12,000 × GPU & "more"');
    expect(t.join(' ')).toContain('Alpha Manufacturing'); // long names wrap onto two lines
    expect((svg.match(/<rect /g) ?? []).length).toBe(4);
  });

  it('draws each sample flag with a diagram in the report', () => {
    const { db } = tempSampleLedger();
    const data = gatherReportData(db, { ledgerName: 'S', appVersion: '1' });
    const h100 = data.flagged.find((f) => f.transfer.resource === 'Nvidia H100 GPU' && f.flag.ruleId === 'common-control')!;
    const svg = renderPathDiagram({ paths: h100.flag.paths, sides: [h100.transfer.from, h100.transfer.to], transferLabel: '12,000 × Nvidia H100 GPU' });
    fs.mkdirSync(artifacts, { recursive: true });
    fs.writeFileSync(path.join(artifacts, 'h100-path.svg'), svg);
    const t = texts(svg);
    expect(t).toEqual(expect.arrayContaining(['Elon Musk', 'Tesla, Inc.', 'X Corp.', 'CEO']));
  });
});
