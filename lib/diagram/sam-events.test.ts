import { describe, expect, it } from 'vitest';
import { edgeList, fixtureGraph } from './graph-test-kit.ts';

describe('SAM function events', () => {
  it('draw each declared source → triggers → the function', () => {
    // Failed before: a SAM function's Events drew no edge, so the function stood alone.
    const edges = edgeList(fixtureGraph('sam-events.yaml'));
    for (const source of ['Uploads', 'Orders', 'Clicks', 'Api']) {
      expect(edges).toContain(`${source} --triggers--> Handler`);
    }
  });
});
