import type { CloudFormationResource, CloudFormationTemplate } from './assembly.ts';

/** Values that stand in for what CloudFormation resolves at deploy time. */
const REGION = 'us-east-1';
const ACCOUNT = '123456789012';
const PSEUDO: Record<string, string> = {
  'AWS::Partition': 'aws',
  'AWS::Region': REGION,
  'AWS::AccountId': ACCOUNT,
  'AWS::URLSuffix': 'amazonaws.com',
};

/**
 * The Amazon States Language document of a state machine resource of `template`, its `Fn::Join` resolved
 * as a deploy would: pseudo parameters get sample values, and a reference to a resource of the template the
 * ARN that resource gets, named by its physical name (a topic's `Ref`, a function's `Fn::GetAtt … Arn`).
 */
export function stateMachineDefinition(
  resource: CloudFormationResource,
  template: CloudFormationTemplate,
): Record<string, any> {
  const definition = resource.Properties?.DefinitionString;
  return JSON.parse(resolve(definition, template));
}

function resolve(value: unknown, template: CloudFormationTemplate): string {
  if (typeof value === 'string') return value;
  const node = value as Record<string, any>;
  if ('Fn::Join' in node) {
    const [separator, parts] = node['Fn::Join'] as [string, unknown[]];
    return parts.map((part) => resolve(part, template)).join(separator);
  }
  if ('Ref' in node) return PSEUDO[node.Ref] ?? arnOf(node.Ref, 'Ref', template);
  if ('Fn::GetAtt' in node) {
    const [id, attribute] = node['Fn::GetAtt'] as [string, string];
    if (attribute === 'Arn') return arnOf(id, 'Fn::GetAtt', template);
  }
  throw new Error(`test/state-machine.ts cannot resolve ${JSON.stringify(value).slice(0, 120)}: add a case`);
}

/** The ARN a deploy gives the resource `id` (the value of its `Ref` or of its `Arn` attribute). */
function arnOf(id: string, via: 'Ref' | 'Fn::GetAtt', template: CloudFormationTemplate): string {
  const resource = template.Resources[id];
  const name = (key: string) => String(resource?.Properties?.[key] ?? id);
  if (resource?.Type === 'AWS::SNS::Topic' && via === 'Ref') {
    return `arn:aws:sns:${REGION}:${ACCOUNT}:${name('TopicName')}`;
  }
  if (resource?.Type === 'AWS::Lambda::Function' && via === 'Fn::GetAtt') {
    return `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name('FunctionName')}`;
  }
  throw new Error(
    `test/state-machine.ts cannot resolve ${via} of ${id} (${resource?.Type ?? 'not in the template'}): add its ARN format`,
  );
}

/** The states of a run where every step succeeds, in order: what both state-machine suites expect. */
export const HAPPY_PATH = [
  'Start crawler',
  'Wait for crawler',
  'Get crawler',
  'Crawler finished?',
  'Crawl succeeded?',
  'Raw to clean',
  'Clean to curated',
  'Check data quality',
  'Data quality passed?',
  'Drop summary table',
  'Build summary table (CTAS)',
  'Done',
];
