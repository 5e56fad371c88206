import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../catalog/load-catalog.ts';
import { componentsOf, quantities, usageDefaults, usageRead } from './model-test-kit.ts';
import { pipe } from './pipes-pipe.ts';

describe('EventBridge pipe', () => {
  it('bills the requests that pass its filter', () => {
    expect(quantities(componentsOf(pipe, {}, { requests: 4 }))).toEqual({ 'eventbridge.pipes.requests': 4 });
    expect(usageDefaults(pipe)).toEqual({ requests: 10_000 });
    expect(usageRead(pipe)).toEqual(['requests']);
  });

  it('leaves its price out of the bundled catalog (not verified), so the estimate says it is missing', () => {
    expect(loadCatalog('us-east-1').prices['eventbridge.pipes.requests']).toBeUndefined();
  });
});
