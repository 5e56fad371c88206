import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ArchitectureGraph } from '../graph-types.ts';
import { drawingPackageVersions, pictureKey } from './index.ts';

const view: ArchitectureGraph = { environment: 'dev', nodes: [], edges: [], phases: ['foundation'] };
const pinned = (
  JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../../package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  }
).dependencies;

describe('pictureKey', () => {
  it('carries the installed versions of elkjs, aws-icons and resvg (those package.json pins)', () => {
    expect(drawingPackageVersions()).toEqual({
      elkjs: pinned.elkjs,
      'aws-icons': pinned['aws-icons'],
      '@resvg/resvg-js': pinned['@resvg/resvg-js'],
    });
  });

  it('changes when a drawing package does, so an upgrade draws the committed pictures again', () => {
    const now = drawingPackageVersions();
    const key = pictureKey(view, 'layered', 'title');
    expect(pictureKey(view, 'layered', 'title', now)).toBe(key);
    expect(pictureKey(view, 'layered', 'title', { ...now, elkjs: '0.13.0' })).not.toBe(key);
    expect(pictureKey(view, 'layered', 'title', { ...now, 'aws-icons': '4.0.0' })).not.toBe(key);
    expect(pictureKey(view, 'columns', 'title', now)).not.toBe(key);
  });
});
