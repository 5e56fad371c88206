import type { CostModel } from '../models/cost-model.ts';

/**
 * The JSON Schema of config/usage/<env>.yml, generated from the usage fields each cost model declares,
 * so the file editors complete and the engine reads can never disagree.
 */
export function usageSchema(models: readonly CostModel[]): Record<string, unknown> {
  const fieldSchema = (model: CostModel) =>
    Object.fromEntries(
      Object.entries(model.usage).map(([name, field]) => [
        name,
        {
          type: 'number',
          minimum: 0,
          description: `${field.description} (${field.unit}; default ${field.default}).`,
        },
      ]),
    );
  const withUsage = models.filter((m) => Object.keys(m.usage).length > 0);
  const types = Object.fromEntries(
    withUsage.flatMap((model) =>
      model.types.map((type) => [
        type,
        {
          type: 'object',
          additionalProperties: false,
          description: `Defaults for every ${type} of the environment (${model.service}).`,
          properties: fieldSchema(model),
        },
      ]),
    ),
  );
  const anyField = Object.fromEntries(
    withUsage
      .flatMap((model) => Object.keys(model.usage))
      .map((name) => [
        name,
        {
          type: 'number',
          minimum: 0,
          description: 'A usage field of the resource’s type (described under `types`).',
        },
      ]),
  );
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://aws-data-launchpad.dev/config/usage/schema.json',
    title: 'aws-data-launchpad usage file',
    description:
      'Monthly usage that templates cannot know (requests, GB stored, runs), for `npm run cost`. Every value is optional: what is not set comes from the defaults of a small learner workload, which the estimate states. Generated from the cost models: run `npm run cost -- --write-usage-schema` after changing one.',
    type: 'object',
    additionalProperties: false,
    required: ['version'],
    properties: {
      version: { const: 1, description: 'Format version of this file. Always 1.' },
      types: {
        type: 'object',
        additionalProperties: false,
        description: 'Usage defaults per CloudFormation resource type, for every resource of that type.',
        properties: types,
      },
      resources: {
        type: 'object',
        description:
          "Usage of single resources, by CDK construct path (with or without the environment prefix and the trailing '/Resource') or by logical id. Wins over `types`.",
        additionalProperties: {
          type: 'object',
          additionalProperties: false,
          description: 'Usage fields of this resource (those of its type apply).',
          properties: anyField,
        },
      },
    },
  };
}
