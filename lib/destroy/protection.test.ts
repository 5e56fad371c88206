import { describe, expect, it } from 'vitest';
import { checkDestroyAllowed, DestroyRefusedError } from './protection.ts';

const prod = { environment: 'prod', removalPolicy: 'retain' } as const;
const stage = { environment: 'stage', removalPolicy: 'retain' } as const;
const dev = { environment: 'dev', removalPolicy: 'destroy' } as const;

describe('checkDestroyAllowed', () => {
  it('never destroys prod without its name as confirmation, whatever its removal policy', () => {
    for (const confirm of [undefined, '', 'Prod', 'PROD', 'prd', 'prod ', 'yes', 'true', 'dev']) {
      expect(() => checkDestroyAllowed(prod, confirm), String(confirm)).toThrow(DestroyRefusedError);
      expect(() => checkDestroyAllowed({ ...prod, removalPolicy: 'destroy' }, confirm)).toThrow(
        DestroyRefusedError,
      );
    }
    expect(() => checkDestroyAllowed(prod, undefined)).toThrow(
      "Refusing to destroy prod: it is prod. Confirm by giving the environment's name: confirm: prod " +
        '(npm run destroy -- --env prod --confirm prod). Nothing was changed.',
    );
    expect(() => checkDestroyAllowed(prod, 'prod')).not.toThrow();
  });

  it('asks the same of an environment that retains its data', () => {
    expect(() => checkDestroyAllowed(stage, undefined)).toThrow(
      /^Refusing to destroy stage: config\/stage.json retains its data \(removalPolicy "retain"\)/,
    );
    expect(() => checkDestroyAllowed(stage, 'stage')).not.toThrow();
  });

  it('lets dev go without confirmation, but not with one that names another environment', () => {
    expect(() => checkDestroyAllowed(dev, undefined)).not.toThrow();
    expect(() => checkDestroyAllowed(dev, 'dev')).not.toThrow();
    expect(() => checkDestroyAllowed(dev, 'prod')).toThrow(
      'Refusing to destroy dev: the confirmation "prod" is not the environment\'s name "dev". Nothing was changed.',
    );
  });
});
