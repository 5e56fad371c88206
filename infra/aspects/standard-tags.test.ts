import { describe, expect, it } from 'vitest';
import { loadEnvironmentConfig } from '../../lib/config/load-config.ts';
import { synthesizedStacks } from '../../test/assembly.ts';
import { tagPropertiesOf } from '../../test/cloudformation-registry.ts';

type Tag = { Key: string; Value: string };

describe('standard tags', () => {
  const stacks = synthesizedStacks();
  const types = [...new Set(stacks.flatMap((s) => Object.values(s.template.Resources).map((r) => r.Type)))];
  const tagProperty = tagPropertiesOf(types);

  it('the registry knows the types we deploy (the check below is not vacuous)', () => {
    expect(tagProperty['AWS::S3::Bucket']).toBe('Tags');
    expect(tagProperty['AWS::IAM::Role']).toBe('Tags');
    expect(tagProperty['AWS::IAM::Policy']).toBeNull();
  });

  it.each(stacks.map((s) => [s.path, s] as const))(
    '%s: every taggable resource carries all five tags',
    (_, stack) => {
      const config = loadEnvironmentConfig(stack.environment);
      const expected = {
        project: config.project,
        environment: stack.environment,
        phase: stack.phase,
        owner: config.owner,
        'cost-center': config.costCenter,
      };
      let checked = 0;
      for (const [id, resource] of Object.entries(stack.template.Resources)) {
        // The registry's tag property, or the one CDK rendered for types whose registry schema lags behind.
        const property =
          tagProperty[resource.Type] ?? (resource.Properties?.ResourceTags ? 'ResourceTags' : null);
        if (!property) continue;
        // Most types take a list of {Key, Value}; some (Glue, API Gateway v2, ...) a plain map.
        const tags = (resource.Properties?.[property] ?? []) as Tag[] | Record<string, string>;
        const values = Array.isArray(tags) ? Object.fromEntries(tags.map((t) => [t.Key, t.Value])) : tags;
        expect(values, `${id} (${resource.Type})`).toMatchObject(expected);
        checked++;
      }
      expect(checked).toBeGreaterThan(0);
    },
  );
});
