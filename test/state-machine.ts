import type { CloudFormationResource } from './assembly.ts';

/** Values that stand in for what CloudFormation resolves at deploy time. */
const PSEUDO: Record<string, string> = {
  'AWS::Partition': 'aws',
  'AWS::Region': 'us-east-1',
  'AWS::AccountId': '123456789012',
  'AWS::URLSuffix': 'amazonaws.com',
};

/**
 * The Amazon States Language document of a state machine resource, its `Fn::Join` resolved: pseudo
 * parameters get sample values, references to resources of the stack an ARN named after them.
 */
export function stateMachineDefinition(resource: CloudFormationResource): Record<string, any> {
  const definition = resource.Properties?.DefinitionString;
  return JSON.parse(resolve(definition));
}

function resolve(value: unknown): string {
  if (typeof value === 'string') return value;
  const node = value as Record<string, any>;
  if ('Fn::Join' in node) {
    const [separator, parts] = node['Fn::Join'] as [string, unknown[]];
    return parts.map(resolve).join(separator);
  }
  if ('Ref' in node) return PSEUDO[node.Ref] ?? `arn:aws:sns:us-east-1:123456789012:${node.Ref}`;
  if ('Fn::GetAtt' in node) return `arn:aws:states:us-east-1:123456789012:${node['Fn::GetAtt'].join('-')}`;
  throw new Error(`cannot resolve ${JSON.stringify(value).slice(0, 80)}`);
}
