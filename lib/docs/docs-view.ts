import type { InventoryStack } from '../assembly/types.ts';
import { PHASE_NAMES, PHASES } from '../config/phases.ts';
import { missingPricesMarkdown } from '../cost/catalog/missing-prices.ts';
import { tryItCommands } from '../deploy/stack-outputs.ts';
import type { DocsModel } from './docs-model.ts';
import { runEvidenceView } from './run-evidence-view.ts';
import { awsServices, TOOLING } from './technologies.ts';

/** Phases with a guide in templates/docs/phases/ (the others get the generated part only). */
const GUIDES = new Set(['foundation', 'ingestion', 'processing', 'analytics', 'orchestration', 'delivery']);

/** Everything the templates show, computed once from the model; templates only lay it out. */
export function docsView(model: DocsModel) {
  const { inventory, estimate, diagrams, outputs } = model;
  const missingPrices = model.missingPrices ?? [];
  // With a region unpriced every total is partial: shown as "n/a" (NaN) beside the note saying why, never as a figure.
  const figure = (value: number) => (missingPrices.length > 0 ? Number.NaN : value);
  const picture = (name: string) => {
    const mermaid = diagrams.mermaid[name];
    const images = diagrams.images[name];
    const stats = diagrams.stats[name];
    // null, not undefined: the templates are strict about variables that do not exist.
    return mermaid && images && stats ? { mermaid: mermaid.trim(), ...images, ...stats } : null;
  };
  const environmentNames = model.environments.map((e) => e.environment);
  const phases = PHASE_NAMES.map((name) => {
    const stacks = inventory.stacks.filter((s) => s.phase === name);
    const built = stacks.length > 0;
    const kinds = kindsOf(stacks.filter((s) => s.environment === diagrams.environment));
    return {
      name,
      number: PHASES[name].roadmapPhase,
      title: PHASES[name].title,
      built,
      docs: built ? `docs/phases/${name}.md` : null,
      stackPattern: `<env>/${name}`,
      environments: model.environments.map((e) => ({
        name: e.environment,
        enabled: e.phases[name] === true,
      })),
      monthly: figure(
        estimate.resources.filter((r) => r.phase === name).reduce((sum, r) => sum + r.monthly, 0),
      ),
      diagram: picture(name),
      kinds,
      guide: GUIDES.has(name) ? `docs/phases/${name}.md.liquid` : null,
    };
  });
  const exampleEnvironment =
    environmentNames.find((env) => isDeployed(inventory.stacks, env, outputs)) ?? environmentNames[0];
  return {
    project: model.project,
    diagrams,
    overview: picture('overview'),
    phases,
    cost: estimate,
    pricesMissing: missingPrices.length > 0 ? missingPricesMarkdown(missingPrices).trim() : null,
    environmentNames,
    counts: {
      stacks: inventory.stacks.length,
      resources: inventory.stacks.reduce((n, s) => n + s.resources.length, 0),
      environments: environmentNames.length,
    },
    technologies: { services: awsServices(inventory), tooling: TOOLING },
    decisions: model.decisions,
    evidence: runEvidenceView(model.evidence, (environment) =>
      figure(estimate.environments.find((e) => e.name === environment)?.monthly ?? Number.NaN),
    ),
    charts: model.charts,
    capstone: model.capstone
      ? {
          stages: model.capstone.map((stage) => ({
            ...stage,
            monthly: figure(stage.monthly),
            idle: figure(stage.idle),
          })),
          monthly: figure(model.capstone.reduce((sum, stage) => sum + stage.monthly, 0)),
          idle: figure(model.capstone.reduce((sum, stage) => sum + stage.idle, 0)),
          diagram: picture('capstone'),
          docs: 'docs/capstone.md',
        }
      : null,
    outputs: environmentNames.map((name) => {
      const stacks = inventory.stacks.filter((s) => s.environment === name);
      return {
        name,
        deployed: isDeployed(inventory.stacks, name, outputs),
        stacks: stacks.map((s) => {
          const values = outputs.get(s.stackName);
          return {
            stackName: s.stackName,
            deployed: values !== undefined,
            commands: values ? tryItCommands(values) : [],
          };
        }),
      };
    }),
    /** Output values of one environment for the phase guides, or `<OutputName>` placeholders before a deploy. */
    names: exampleNames(inventory.stacks, exampleEnvironment, outputs),
    names_environment: exampleEnvironment ?? null,
  };
}

function isDeployed(
  stacks: readonly InventoryStack[],
  environment: string,
  outputs: DocsModel['outputs'],
): boolean {
  return stacks.some((s) => s.environment === environment && outputs.has(s.stackName));
}

function exampleNames(
  stacks: readonly InventoryStack[],
  environment: string | undefined,
  outputs: DocsModel['outputs'],
) {
  // Placeholders for the outputs of every environment's stacks first: the guide of a phase that the shown
  // environment does not deploy (stage without ingestion) still names its outputs.
  const names: Record<string, string> = {};
  for (const stack of stacks) for (const key of Object.keys(stack.outputs)) names[key] = `<${key}>`;
  for (const stack of stacks.filter((s) => s.environment === environment)) {
    const deployed = outputs.get(stack.stackName);
    for (const key of Object.keys(stack.outputs)) names[key] = deployed?.[key] ?? `<${key}>`;
  }
  return names;
}

/** Resources of a phase grouped by type, for "what it builds". */
function kindsOf(stacks: readonly InventoryStack[]) {
  const counts = new Map<string, number>();
  for (const r of stacks.flatMap((s) => s.resources)) {
    if (r.type.startsWith('Custom::') || r.type === 'AWS::CDK::Metadata') continue;
    counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
  }
  return [...counts]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([type, count]) => ({ type, count, kind: type.split('::').slice(1).join(' ') }));
}
