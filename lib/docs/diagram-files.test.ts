import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ArchitectureGraph, DiagramNode } from '../diagram/graph-types.ts';
import { stopLayouts } from '../diagram/picture/elk-pool.ts';
import { writeDiagramFiles } from './diagram-files.ts';

const node = (id: string): DiagramNode => ({
  id,
  label: id,
  kind: 'Bucket',
  category: 'storage',
  phase: 'foundation',
  type: 'AWS::S3::Bucket',
  stack: 'Foundation',
  logicalId: id,
  folded: [],
});
const picture: ArchitectureGraph = {
  environment: 'dev',
  nodes: [node('raw'), node('clean')],
  edges: [{ from: 'raw', to: 'clean', label: 'copies to', kind: 'data' }],
};

describe('writeDiagramFiles with a Mermaid renderer', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'diagram-files-'));
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await stopLayouts();
  });

  // Failed before: the new .mmd was written before the render, so a failed render left old images beside a
  // source that said they were current, and the next run kept them.
  it('keeps the old Mermaid source when the render fails, so the next run draws the images again', async () => {
    const old = 'flowchart LR\n  a --> b\n';
    writeFileSync(path.join(dir, 'overview.mmd'), old);
    writeFileSync(path.join(dir, 'overview.svg'), '<svg/>');
    writeFileSync(path.join(dir, 'overview.png'), 'old png');
    const broken = {
      mermaid: 'flowchart LR\n  a -->\n',
      picture,
      title: 'Overview',
      layout: 'layered' as const,
    };
    await expect(writeDiagramFiles({ overview: broken }, dir, { renderer: 'embedded' })).rejects.toThrow();
    expect(readFileSync(path.join(dir, 'overview.mmd'), 'utf8')).toBe(old);
  });
});
