import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { writeChartFiles } from '../analytics/chart-files.ts';
import { readAssembly } from '../assembly/index.ts';
import { checkEnvironmentExists, InputError } from '../config/input-error.ts';
import { loadAllConfigs } from '../config/load-config.ts';
import type { ActualCost } from '../cost/actual/read-actual-cost.ts';
import { catalogsWithGaps } from '../cost/catalog/missing-prices.ts';
import { estimate } from '../cost/estimate/estimate.ts';
import { optInSettingsOf } from '../cost/estimate/opt-ins.ts';
import { environmentUsageFile } from '../cost/usage/usage-file.ts';
import { readDeployedOutputs } from '../deploy/stack-outputs.ts';
import { buildGraph, loadDiagramConfig, mermaidDiagrams, stacksOf } from '../diagram/index.ts';
import type { RendererName } from '../diagram/render/render-diagrams.ts';
import { evidenceFile, type RunEvidence, readEvidence } from '../evidence/run-evidence.ts';
import { writeModuleReadmes } from '../terraform/module-docs.ts';
import { capstoneStages } from './capstone-stages.ts';
import { readDecisions } from './decisions.ts';
import { writeDiagramFiles } from './diagram-files.ts';
import type { DocsModel } from './docs-model.ts';
import { type DocsResult, generateDocs } from './generate-docs.ts';
import { RegionError, regionNames } from './generated-regions.ts';

export interface RunDocsOptions {
  /** Repository root: README.md, docs/, config/. */
  readonly root: string;
  /** The synthesized cloud assembly. */
  readonly assemblyDir: string;
  /** Environment the diagrams show. @default config/diagram.json's */
  readonly environment?: string;
  readonly renderer?: 'auto' | RendererName;
  /** `cdk deploy --outputs-file` results: a file or a folder of them. @default cdk-outputs/ */
  readonly outputs?: string;
  /** Called once per step with its name and how long it took. */
  readonly onStep?: (step: string, milliseconds: number, detail: string) => void;
  readonly onProgress?: (line: string) => void;
  /**
   * The JSON of `npm run cost -- --actual --format json`: the environment's real bill, shown beside the
   * estimate in docs/cost.md. The docs workflow passes it when the environment is deployed and credentials
   * are present. @default none: the section says how to get it
   */
  readonly actualCostFile?: string;
}

export interface RunDocsResult extends DocsResult {
  readonly diagramNote: string;
  /** Regions with no price catalog: the totals leave them out and the cost pages say how to fetch them. */
  readonly missingPrices: readonly string[];
  readonly totals: { readonly monthly: number; readonly idle: number };
}

/**
 * The docs run after synthesis: inventory → cost → diagrams (Mermaid, SVG, PNG) → charts of the sample
 * data (Athena SQL run locally) → README regions and pages.
 */
export async function runDocs(options: RunDocsOptions): Promise<RunDocsResult> {
  const { root } = options;
  const step = async <T>(
    name: string,
    action: () => T | Promise<T>,
    detail: (result: T) => string,
  ): Promise<T> => {
    const started = performance.now();
    const result = await action();
    options.onStep?.(name, performance.now() - started, detail(result));
    return result;
  };

  // Every input is read and checked before the first write, so a mistake leaves the committed docs as they are.
  const configs = loadAllConfigs();
  const diagramConfig = loadDiagramConfig();
  const environment = options.environment ?? diagramConfig.environment;
  checkEnvironmentExists(
    environment,
    'environment',
    configs.map((c) => c.environment),
  );
  const outputsPath = path.resolve(root, options.outputs ?? 'cdk-outputs');
  if (options.outputs !== undefined && !existsSync(outputsPath)) {
    throw new InputError(
      `--outputs ${options.outputs}: no such file or folder; pass the file cdk deploy --outputs-file wrote, or a folder of them (cdk-outputs/).`,
    );
  }
  const outputs = readDeployedOutputs(outputsPath);
  const actualCost = options.actualCostFile ? readActualCostFile(options.actualCostFile) : undefined;
  checkMarkers(root);
  const evidence = configs
    .map((c) => readEvidence(path.join(root, evidenceFile(c.environment)), evidenceFile(c.environment)))
    .filter((run): run is RunEvidence => run !== undefined);
  const inventory = await step(
    'inventory',
    () => readAssembly(options.assemblyDir),
    (i) => `${i.stacks.length} stacks`,
  );
  // A region without prices leaves its resources unpriced and says so; everything else is still written.
  const catalogs = catalogsWithGaps();
  const cost = await step(
    'cost',
    () =>
      estimate(inventory, {
        catalogFor: catalogs.catalogFor,
        usageFor: (environment) => environmentUsageFile(environment),
        optIns: configs.map(optInSettingsOf),
      }),
    (e) =>
      catalogs.missing().length > 0
        ? `not estimated: no prices bundled for ${catalogs.missing().join(', ')}`
        : `$${e.totals.monthly.toFixed(2)}/month, idle $${e.totals.idle.toFixed(2)}`,
  );
  const project = configs[0]?.project ?? 'aws-data-launchpad';
  const graph = buildGraph(stacksOf(inventory.stacks, environment), { ...diagramConfig, environment });
  const texts = await step(
    'diagrams',
    () => mermaidDiagrams(graph, diagramConfig),
    (d) => `${Object.keys(d).length} diagrams of ${environment}`,
  );
  const diagramDir = path.join(root, 'docs/diagrams');
  // Drawn while the charts and pages are made: the layouts run in elkjs's own process, the PNGs on the thread
  // pool, so the main thread is free for them. Awaited before the run returns.
  const drawing = step(
    'render',
    () =>
      writeDiagramFiles(
        Object.fromEntries(
          Object.entries(texts).map(([name, d]) => [
            name,
            {
              mermaid: d.mermaid,
              picture: d.picture,
              layout: d.pictureLayout,
              title: `${project} architecture: ${name} (${environment})`,
            },
          ]),
        ),
        diagramDir,
        {
          renderer: options.renderer,
          onProgress: options.onProgress,
        },
      ),
    (r) => `${r.rendered.length} rendered, ${r.unchanged.length} unchanged`,
  );
  // A failure of the charts or pages must not leave this promise's failure unhandled.
  drawing.catch(() => undefined);
  const charts = await step(
    'charts',
    () => writeChartFiles(root, { project: configs[0]?.project, onProgress: options.onProgress }),
    (r) => `${r.charts.length} charts of the sample data, ${r.written.length} files written`,
  );
  const names = Object.keys(texts);
  const model: DocsModel = {
    project: configs[0]?.project ?? 'aws-data-launchpad',
    inventory,
    estimate: cost,
    missingPrices: catalogs.missing(),
    diagrams: {
      environment,
      mermaid: Object.fromEntries(names.map((n) => [n, texts[n]?.mermaid ?? ''])),
      images: Object.fromEntries(
        names.map((n) => [
          n,
          {
            svg: `docs/diagrams/${n}.svg`,
            png: `docs/diagrams/${n}.png`,
            drawio: `docs/diagrams/${n}.drawio`,
          },
        ]),
      ),
      stats: Object.fromEntries(
        names.map((n) => [n, { nodes: texts[n]?.nodes ?? 0, edges: texts[n]?.edges ?? 0 }]),
      ),
    },
    outputs,
    decisions: readDecisions(path.join(root, 'docs/decisions')),
    environments: configs.map((c) => ({ environment: c.environment, phases: c.phases })),
    charts: charts.charts,
    capstone: capstoneStages(graph, cost),
    evidence,
    actualCost,
  };
  const docs = await step(
    'docs',
    () => generateDocs(model, root),
    (r) => `${r.files.filter((f) => f.result === 'written').length} written`,
  );
  // The Terraform track's inputs and outputs tables, as terraform-docs would write them.
  const terraform = await step(
    'terraform',
    () => writeModuleReadmes(root),
    (r) => `${r.filter((f) => f.result === 'written').length} of ${r.length} module READMEs written`,
  );
  const files = await drawing;
  return {
    ...docs,
    files: [...docs.files, ...terraform],
    diagramNote: files.note,
    missingPrices: catalogs.missing(),
    totals: { monthly: cost.totals.monthly, idle: cost.totals.idle },
  };
}

/**
 * Checks the region markers of README.md and every page of docs/ before the first write: a damaged marker
 * found while writing the pages would leave the diagrams of this run written and the pages not.
 */
function checkMarkers(root: string): void {
  const pages = ['docs', 'docs/phases'].flatMap((dir) =>
    existsSync(path.join(root, dir))
      ? readdirSync(path.join(root, dir))
          .filter((f) => f.endsWith('.md'))
          .map((f) => `${dir}/${f}`)
      : [],
  );
  for (const page of ['README.md', ...pages]) {
    const file = path.join(root, page);
    if (!existsSync(file)) continue;
    try {
      regionNames(readFileSync(file, 'utf8'), page);
    } catch (error) {
      if (!(error instanceof RegionError)) throw error;
      throw new RegionError(page, `${error.message.slice(page.length + 2)} Nothing was written.`);
    }
  }
}

/** The `actual` of a file written by `npm run cost -- --actual --format json`. */
function readActualCostFile(file: string): ActualCost {
  let data: { actual?: ActualCost };
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new InputError(
      `${file}: not the JSON of npm run cost -- --actual --format json (${(error as Error).message}). Write it again with that command.`,
    );
  }
  if (!data.actual?.environment || !Array.isArray(data.actual.services)) {
    throw new InputError(
      `${file}: has no "actual" with an environment and services; write it with npm run cost -- --actual --env <name> --format json --out ${file}.`,
    );
  }
  return data.actual;
}
