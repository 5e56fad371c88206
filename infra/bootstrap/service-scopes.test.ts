import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type SynthesizedStack, synthesizedStacks } from '../../test/assembly.ts';
import { variantDir } from '../../test/variant-app.ts';
import { VARIANTS, type VariantName } from '../../test/variants.ts';
import { BootstrapError } from './bootstrap-error.ts';
import { cdkQualifier } from './bootstrap-names.ts';
import { servicesOf } from './cdk-execution-policies.ts';
import { SERVICE_SCOPES } from './service-scopes.ts';

const everyStack = (): SynthesizedStack[] => [
  ...synthesizedStacks(),
  ...(Object.keys(VARIANTS) as VariantName[]).flatMap((v) => synthesizedStacks(variantDir(v))),
];

/** Properties that hold a resource's physical name, where a service puts it in the ARN. */
const NAME_PROPERTIES = [
  'BucketName',
  'RoleName',
  'ManagedPolicyName',
  'GroupName',
  'FunctionName',
  'TopicName',
  'QueueName',
  'StateMachineName',
  'DeliveryStreamName',
  'AlarmName',
  'DashboardName',
  'TrailName',
  'ProjectName',
];

describe('the CloudFormation execution policy covers the stacks', () => {
  it('knows the service of every resource type of every environment and variant', () => {
    const types = [
      ...new Set(everyStack().flatMap((s) => Object.values(s.template.Resources).map((r) => r.Type))),
    ];
    expect(() => servicesOf(types)).not.toThrow();
    expect(() => servicesOf(['AWS::Neptune::DBCluster'])).toThrowError(BootstrapError);
    expect(() => servicesOf(['AWS::Neptune::DBCluster'])).toThrowError(
      /AWS::Neptune::DBCluster.*add "Neptune" to SERVICE_SCOPES in infra\/bootstrap\/service-scopes\.ts/,
    );
  });

  it('can scope by name: every named resource of a name-scoped service starts with the environment prefix', () => {
    const strays: string[] = [];
    for (const stack of everyStack()) {
      const prefix = `launchpad-${stack.environment}-`;
      for (const [id, resource] of Object.entries(stack.template.Resources)) {
        const service = resource.Type.split('::')[1] ?? '';
        if (SERVICE_SCOPES[service]?.scope !== 'names') continue;
        for (const property of NAME_PROPERTIES) {
          const value = resource.Properties?.[property];
          // A Ref or GetAtt points at another resource, whose own name is checked where it is defined.
          if (value === undefined || (typeof value === 'object' && value !== null && !('Fn::Join' in value)))
            continue;
          const text = JSON.stringify(value);
          if (!text.startsWith(`"${prefix}`) && !text.includes(`["${prefix}`)) {
            strays.push(`${stack.path} ${id} ${property} ${text}`);
          }
        }
      }
    }
    expect(strays).toEqual([]);
  });

  it('synthesizes each environment with its own bootstrap qualifier: version parameter and asset bucket', () => {
    for (const stack of synthesizedStacks()) {
      const qualifier = cdkQualifier('launchpad', stack.environment);
      const parameters = stack.template as unknown as {
        Parameters: { BootstrapVersion: { Default: string } };
      };
      expect(parameters.Parameters.BootstrapVersion.Default).toBe(`/cdk-bootstrap/${qualifier}/version`);
      const assets = readFileSync(stack.templateFile.replace('.template.json', '.assets.json'), 'utf8');
      expect(assets).not.toContain('hnb659fds');
      expect(assets).toContain(`cdk-${qualifier}-assets-`);
    }
  });
});
