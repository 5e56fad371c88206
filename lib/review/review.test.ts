import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { assemblyDir } from '../../test/assembly.ts';
import { readAssembly } from '../assembly/index.ts';
import { loadCatalog } from '../cost/catalog/load-catalog.ts';
import { estimate } from '../cost/estimate/estimate.ts';
import { DEFAULT_DIAGRAM_CONFIG } from '../diagram/index.ts';
import { buildReview, reviewMarkdown } from './review.ts';

// Foundation only: the phase all three environments deploy, so dev and prod differ by the KMS key alone.
const inventory = () => {
  const all = readAssembly(assemblyDir());
  return { ...all, stacks: all.stacks.filter((s) => s.phase === 'foundation') };
};
const priced = () => estimate(inventory(), { catalogFor: (r) => loadCatalog(r) });

describe('the pull-request review', () => {
  it('puts the cost diff and the architecture diff in one comment', () => {
    const head = buildReview(inventory(), priced(), DEFAULT_DIAGRAM_CONFIG, 'prod');
    // The base had no KMS key: dev's architecture drawn as if it were prod's.
    const base = buildReview(inventory(), priced(), DEFAULT_DIAGRAM_CONFIG, 'dev');
    const text = reviewMarkdown(head, { estimate: base.estimate, architecture: base.architecture });
    expect(text).toMatch(
      /^<!-- aws-data-launchpad:cost-estimate -->\n## 💰 Cost estimate of this pull request/,
    );
    expect(text).toContain('## 🗺️ Architecture of this pull request');
    expect(text).toMatch(/In \*\*prod\*\*: 1 resource added, 0 removed; 4 connections added, 0 removed/);
    expect(text).toMatch(/➕ `Data Lake Key` \(KMS key\)/);
    expect(text).toMatch(/- ➕ `Raw` encrypted by `Data Lake Key`/);
    expect(text).toContain('```mermaid\nflowchart LR');
  });

  it('says when the architecture does not change', () => {
    const review = buildReview(inventory(), priced(), DEFAULT_DIAGRAM_CONFIG);
    expect(reviewMarkdown(review, review)).toContain('No architectural change in **dev**');
  });

  it('shows the head’s estimate when there is no base', () => {
    const review = buildReview(inventory(), priced(), DEFAULT_DIAGRAM_CONFIG);
    expect(reviewMarkdown(review)).toMatch(/^## Monthly cost estimate/);
    expect(path.isAbsolute(assemblyDir())).toBe(true);
  });

  it('keeps the comment marker and the architecture when a region has no prices', () => {
    const review = buildReview(inventory(), priced(), DEFAULT_DIAGRAM_CONFIG);
    const text = reviewMarkdown(review, review, ['eu-west-1']);
    expect(text).toMatch(
      /^<!-- aws-data-launchpad:cost-estimate -->\n## 💰 Cost estimate of this pull request\n\n\*\*No prices are bundled for eu-west-1\*\*/,
    );
    expect(text).not.toContain('$');
    expect(text).toContain('No architectural change in **dev**');
  });
});
