import type { InventoryResource, InventoryStack } from '../../assembly/types.ts';
import type { PriceCatalog, PriceEntry } from '../catalog/price-catalog.ts';

/** A small catalog with round numbers, so expected figures can be worked out by hand in the tests. */
export function fixtureCatalog(region = 'us-east-1'): PriceCatalog {
  const entry = (
    unit: string,
    tiers: PriceEntry['tiers'],
    alwaysFree?: PriceEntry['alwaysFree'],
  ): PriceEntry => ({
    service: 'Test',
    serviceCode: 'Test',
    usageType: 'Test',
    unit,
    description: 'fixture',
    tiers,
    effectiveDate: '2026-01-01',
    source: 'https://aws.amazon.com/pricing/',
    alwaysFree,
  });
  return {
    schemaVersion: 1,
    region,
    currency: 'USD',
    generatedAt: '2026-01-01',
    origin: 'bundled-snapshot',
    prices: {
      'lambda.requests': entry('Requests', [{ from: 0, usd: 0.000001 }], { quantity: 1000, note: 'fixture' }),
      'lambda.duration.x86_64': entry('GB-Second', [{ from: 0, usd: 0.01 }], {
        quantity: 100,
        pool: 'lambda.duration',
        note: 'fixture',
      }),
      'lambda.duration.arm64': entry('GB-Second', [{ from: 0, usd: 0.008 }], {
        quantity: 100,
        pool: 'lambda.duration',
        note: 'fixture',
      }),
      's3.storage.standard': entry('GB-Mo', [
        { from: 0, to: 100, usd: 0.1 },
        { from: 100, usd: 0.05 },
      ]),
      's3.requests.tier1': entry('Requests', [{ from: 0, usd: 0.00001 }]),
      's3.requests.tier2': entry('Requests', [{ from: 0, usd: 0.000001 }]),
      'kms.keys': entry('Keys', [{ from: 0, usd: 1 }]),
      'kms.requests': entry('Requests', [{ from: 0, usd: 0.00001 }], { quantity: 20_000, note: 'fixture' }),
      'budgets.budget-days': entry('Budget-days', [{ from: 0, usd: 0.02 }], {
        quantity: 730 / 12,
        note: 'fixture',
      }),
    },
  };
}

export function resource(
  logicalId: string,
  type: string,
  properties: Record<string, unknown> = {},
  extra: Partial<InventoryResource> = {},
): InventoryResource {
  return {
    logicalId,
    type,
    properties,
    dependsOn: [],
    constructPath: `dev/app/${logicalId}/Resource`,
    ...extra,
  };
}

export function stack(
  id: string,
  resources: InventoryResource[],
  extra: Partial<InventoryStack> = {},
): InventoryStack {
  const [environment, phase] = id.split('/');
  return {
    id,
    stackName: id.replace('/', '-'),
    environment,
    phase,
    region: 'us-east-1',
    templateFile: `${id}.template.json`,
    parameters: {},
    resources,
    outputs: {},
    ...extra,
  };
}
