import { describe, expect, it } from 'vitest';
import { configDirWith, devConfigJson } from '../../test/config-fixtures.ts';
import { ConfigError } from './config-error.ts';
import { listEnvironments, loadAllConfigs, loadEnvironmentConfig } from './load-config.ts';

/** Loads `<environment>.json` written with `content` and returns the ConfigError it must raise. */
function errorFor(content: string | Record<string, unknown>, environment = 'dev'): ConfigError {
  const dir = configDirWith({ [`${environment}.json`]: content });
  const error = catchError(() => loadEnvironmentConfig(environment, dir));
  if (error instanceof ConfigError) return error;
  throw new Error(`expected a ConfigError, got ${error}`);
}

function catchError(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  return undefined;
}

const withChange = (change: (config: Record<string, any>) => void) => {
  const config = devConfigJson();
  change(config);
  return config;
};

describe('the repository configs', () => {
  it('load for every environment, named after their files, in promotion order', () => {
    const configs = loadAllConfigs();
    expect(configs.map((c) => c.environment)).toEqual(['dev', 'stage', 'prod']);
    expect(configs.every((c) => c.phases.foundation)).toBe(true);
    expect(configs.find((c) => c.environment === 'prod')?.removalPolicy).toBe('retain');
    expect(configs.find((c) => c.environment === 'dev')?.file).toBe('config/dev.json');
  });

  it('default optional fields and drop the editor-only $schema key', () => {
    const config = devConfigJson();
    delete config.iamUsers;
    const loaded = loadEnvironmentConfig('dev', configDirWith({ 'dev.json': config }));
    expect(loaded.iamUsers).toEqual([]);
    expect(loaded).not.toHaveProperty('$schema');
  });

  it('list extra environments after dev, stage and prod', () => {
    const dev = devConfigJson();
    const dir = configDirWith({ 'prod.json': dev, 'dev.json': dev, 'alpha.json': dev, 'stage.json': dev });
    expect(listEnvironments(dir)).toEqual(['dev', 'stage', 'prod', 'alpha']);
  });

  it('skip the settings and schemas that sit beside the environments', () => {
    const dir = configDirWith({
      'dev.json': devConfigJson(),
      'diagram.json': '{}',
      'diagram.schema.json': '{}',
    });
    expect(listEnvironments(dir)).toEqual(['dev']);
  });
});

describe('a bad config file stops with the file, the pointer, what was expected and what was found', () => {
  it('wrong type', () => {
    const error = errorFor(withChange((c) => (c.budget.monthlyLimitUsd = '10')));
    expect(error.problems).toEqual([
      expect.objectContaining({
        pointer: '/budget/monthlyLimitUsd',
        expected: 'a value of type number',
        found: 'string "10"',
      }),
    ]);
    expect(error.message).toMatch(/^.*dev\.json is not valid \(1 problem\):/);
    expect(error.message).toMatch(
      /dev\.json:\d+:\d+ \/budget\/monthlyLimitUsd: expected a value of type number, found string "10"\./,
    );
  });

  it('unknown key, with the key it was probably meant to be', () => {
    const error = errorFor(
      withChange((c) => {
        c.alarmEmial = c.alarmEmail;
      }),
    );
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]).toMatchObject({
      pointer: '/alarmEmial',
      found: 'the unknown key "alarmEmial"',
    });
    expect(error.problems[0]?.hint).toBe('Did you mean "alarmEmail"?');
    expect(error.problems[0]?.expected).toContain('alarmEmail');
  });

  it('missing required key, with what the key is for', () => {
    const error = errorFor(withChange((c) => delete c.region));
    expect(error.problems).toEqual([
      expect.objectContaining({
        pointer: '/region',
        expected: 'the required key "region"',
        found: 'no such key',
      }),
    ]);
    expect(error.problems[0]?.hint).toMatch(/AWS region to deploy to/);
  });

  it('bad enum value', () => {
    const error = errorFor(withChange((c) => (c.encryption = 'aes256')));
    expect(error.problems[0]).toMatchObject({
      pointer: '/encryption',
      expected: 'one of "s3-managed", "kms"',
      found: 'string "aes256"',
    });
  });

  it('bad e-mail address', () => {
    const error = errorFor(withChange((c) => (c.alarmEmail = 'alerts-at-example.com')));
    expect(error.problems[0]).toMatchObject({
      pointer: '/alarmEmail',
      expected: 'an e-mail address',
      found: 'string "alerts-at-example.com"',
    });
  });

  it('malformed JSON, with line and column', () => {
    const text = '{\n  "project": "launchpad",\n  "owner": "me",\n}\n';
    const error = errorFor(text);
    expect(error.problems[0]).toMatchObject({ line: 4, column: 1, found: '"}"' });
    expect(error.message).toContain('dev.json:4:1');
    expect(error.message).toMatch(/no comments, no trailing commas/);
  });

  it('comments, which JSON does not allow', () => {
    const text = JSON.stringify(devConfigJson(), null, 2).replace('{', '{\n  // my settings');
    expect(errorFor(text).problems[0]).toMatchObject({ line: 2, expected: 'no comment (JSON has none)' });
  });

  it('number out of range, pointing at the line of the value', () => {
    const config = withChange((c) => (c.lifecycle.transitionToInfrequentAccessDays = 10));
    const error = errorFor(config);
    const line =
      `${JSON.stringify(config, null, 2)}\n`
        .split('\n')
        .findIndex((l) => l.includes('"transitionToInfrequentAccessDays"')) + 1;
    expect(error.problems[0]).toMatchObject({
      pointer: '/lifecycle/transitionToInfrequentAccessDays',
      expected: 'a number >= 30',
      found: 'number 10',
      line,
    });
  });

  it('every problem of a file at once, in file order', () => {
    const error = errorFor(
      withChange((c) => {
        c.project = 'Launchpad';
        c.encryption = 'aes';
        c.budget = {};
      }),
    );
    expect(error.problems.map((p) => p.pointer)).toEqual([
      '/project',
      '/encryption',
      '/budget/monthlyLimitUsd',
      '/budget/filterByEnvironmentTag',
    ]);
  });

  it('a Glacier transition less than 30 days after the Standard-IA one', () => {
    const error = errorFor(
      withChange((c) => {
        c.lifecycle.transitionToInfrequentAccessDays = 45;
        c.lifecycle.transitionToGlacierInstantRetrievalDays = 60;
      }),
    );
    expect(error.problems[0]).toMatchObject({
      pointer: '/lifecycle/transitionToGlacierInstantRetrievalDays',
      expected: 'at least 75 (transitionToInfrequentAccessDays + 30)',
      found: 'number 60',
    });
  });

  it('a raw archive that would leave Glacier Instant Retrieval before its 90 days', () => {
    const error = errorFor(
      withChange((c) => {
        c.lifecycle.archiveRaw = { storageClass: 'deep-archive', afterDays: 120 };
      }),
    );
    expect(error.problems[0]).toMatchObject({
      pointer: '/lifecycle/archiveRaw/afterDays',
      expected: 'at least 180 (transitionToGlacierInstantRetrievalDays + 90)',
      found: 'number 120',
    });
    const tiered = withChange((c) => {
      c.lifecycle.storageClasses = 'intelligent-tiering';
      c.lifecycle.archiveRaw = { storageClass: 'glacier-flexible-retrieval', afterDays: 30 };
    });
    const dir = configDirWith({ 'dev.json': tiered });
    expect(loadEnvironmentConfig('dev', dir).lifecycle.archiveRaw?.afterDays).toBe(30);
  });

  it('CloudTrail Insights on without the trail they analyze', () => {
    const error = errorFor(
      withChange((c) => {
        c.orchestration = { cloudTrail: false, cloudTrailInsights: true };
      }),
    );
    expect(error.problems[0]).toMatchObject({
      pointer: '/orchestration/cloudTrailInsights',
      expected: 'false while orchestration.cloudTrail is off',
      found: 'true',
    });
  });

  it('prod set to destroy its data', () => {
    const error = errorFor(
      withChange((c) => (c.removalPolicy = 'destroy')),
      'prod',
    );
    expect(error.problems[0]).toMatchObject({
      pointer: '/removalPolicy',
      expected: '"retain" for the prod environment',
    });
  });

  it('an automatic teardown outside dev', () => {
    const error = errorFor(
      withChange((c) => (c.autoTeardownAfterDays = 7)),
      'stage',
    );
    expect(error.problems[0]).toMatchObject({
      pointer: '/autoTeardownAfterDays',
      expected: 'null or absent outside dev',
      found: 'number 7',
      hint: expect.stringContaining('Remove autoTeardownAfterDays from this file'),
    });
    expect(error.message).toContain('stage.json');
    const dir = configDirWith({ 'dev.json': withChange((c) => (c.autoTeardownAfterDays = 7)) });
    expect(loadEnvironmentConfig('dev', dir).autoTeardownAfterDays).toBe(7);
  });

  it('a phase on without the phases it builds on', () => {
    const error = errorFor(
      withChange((c) => {
        c.phases.orchestration = true;
        c.phases.analytics = false;
      }),
    );
    expect(error.problems).toContainEqual(
      expect.objectContaining({
        pointer: '/phases/analytics',
        expected: 'true, because phases.orchestration is on',
        found: 'false',
        hint: expect.stringContaining('turn phases.analytics on, or phases.orchestration off'),
      }),
    );
  });

  it('a costly service on while its phase is off', () => {
    const error = errorFor(
      withChange((c) => {
        c.phases.orchestration = false;
        c.costlyServices.mwaa = true;
      }),
    );
    expect(error.problems).toContainEqual(
      expect.objectContaining({
        pointer: '/costlyServices/mwaa',
        hint: expect.stringMatching(/orchestration/),
      }),
    );
  });

  it('QuickSight on without a principal to own the dashboard', () => {
    const error = errorFor(
      withChange((c) => {
        c.phases.analytics = true;
        c.phases.processing = true;
        c.costlyServices.quicksight = true;
      }),
    );
    expect(error.problems[0]).toMatchObject({
      pointer: '/analytics/quicksight/principalArn',
      found: 'null',
      hint: expect.stringContaining('aws quicksight list-users'),
    });
  });

  it('foundation switched off', () => {
    const error = errorFor(withChange((c) => (c.phases.foundation = false)));
    expect(error.problems[0]).toMatchObject({
      pointer: '/phases/foundation',
      expected: 'true',
      found: 'boolean false',
    });
  });

  it('an environment without a file, listing the ones that exist', () => {
    const dir = configDirWith({ 'dev.json': devConfigJson() });
    expect(() => loadEnvironmentConfig('qa', dir)).toThrow(
      /qa\.json.*found no such file[\s\S]*Known environments: dev\. To add one, copy config\/dev\.json/,
    );
  });

  it('an environment name that cannot name resources', () => {
    const dir = configDirWith({});
    expect(() => loadEnvironmentConfig('Dev_1', dir)).toThrow(
      /expected an environment name of 2 to 10 lower-case letters/,
    );
  });

  it('every bad file of a config dir in one error', () => {
    const dir = configDirWith({
      'dev.json': withChange((c) => (c.encryption = 'none')),
      'stage.json': '{',
      'prod.json': withChange((c) => (c.removalPolicy = 'retain')),
    });
    const error = catchError(() => loadAllConfigs(dir));
    expect(error).toBeInstanceOf(AggregateError);
    expect((error as AggregateError).errors.map((e: ConfigError) => e.file)).toEqual([
      expect.stringMatching(/dev\.json$/),
      expect.stringMatching(/stage\.json$/),
    ]);
  });
});
