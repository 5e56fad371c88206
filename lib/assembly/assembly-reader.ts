/** A CDK cloud assembly (cdk.out) → Inventory, through aws-cdk-lib's own reader of the manifests. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as CxApi from 'aws-cdk-lib/cx-api';
import type { CloudAssembly, CloudFormationStackArtifact } from 'aws-cdk-lib/cx-api';
import { InventoryError } from './inventory-error.ts';
import { inventoryStack } from './stack-reader.ts';
import { checkTemplate } from './template-parser.ts';
import type { CloudFormationTemplate, Inventory, InventoryStack } from './types.ts';

/**
 * aws-cdk-lib's reader, loaded on the first assembly read: its ~120 files take about 0.1 s to load, and a
 * caller that reads only a plain template (npm run cost -- --template) needs none of them.
 */
const requireHere = createRequire(import.meta.url);
const cxApi = (): typeof CxApi => requireHere('aws-cdk-lib/cx-api');

const SYNTH_HINT =
  'Run `npm run synth` first (it writes cdk.out), or pass the directory `cdk synth --output` wrote.';

/** Every stack of the assembly and of its nested assemblies (one per Stage), in the order the app defines them. */
export function readAssembly(dir: string): Inventory {
  const directory = path.resolve(dir);
  const assembly = openAssembly(dir, directory);

  // Stage of each nested assembly, ranked in the manifests' order, which is the app's (stacksRecursively
  // sorts by dependencies, then by name).
  const stages = new Map<string, { stage?: string; rank: number }>([[directory, { rank: 0 }]]);
  const visit = (parent: CloudAssembly): void => {
    for (const id of Object.keys(parent.manifest.artifacts ?? {})) {
      const nested = parent.tryGetArtifact(id);
      if (!cxApi().NestedCloudAssemblyArtifact.isNestedCloudAssemblyArtifact(nested)) continue;
      stages.set(path.resolve(nested.nestedAssembly.directory), {
        stage: nested.displayName,
        rank: stages.size,
      });
      visit(nested.nestedAssembly);
    }
  };
  visit(assembly);

  let tree: TreeNode | undefined;
  const loadTree = (): TreeNode | undefined => {
    tree ??= readTree(assembly);
    return tree;
  };

  const stacks = assembly.stacksRecursively
    .map((artifact, index) => {
      const where = stages.get(path.resolve(artifact.assembly.directory));
      return { artifact, stage: where?.stage, rank: where?.rank ?? stages.size, index };
    })
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map(({ artifact, stage }) => readStack(artifact, stage, loadTree));
  return { source: directory, stacks };
}

function openAssembly(dir: string, directory: string): CloudAssembly {
  const stats = statSync(directory, { throwIfNoEntry: false });
  if (!stats) {
    throw new InventoryError(dir, 'no cloud assembly here: the directory does not exist.', {
      hint: SYNTH_HINT,
    });
  }
  if (!stats.isDirectory()) {
    throw new InventoryError(
      dir,
      'not a cloud assembly: this is a file, and a cloud assembly is a directory.',
      {
        hint: 'Pass the cdk.out directory (`npm run synth` writes it), or read a single template with readTemplateFile.',
      },
    );
  }
  const manifest = path.join(directory, 'manifest.json');
  if (!existsSync(manifest)) {
    throw new InventoryError(dir, 'not a cloud assembly: the directory has no manifest.json.', {
      hint: SYNTH_HINT,
    });
  }
  try {
    return new (cxApi().CloudAssembly)(directory);
  } catch (cause) {
    throw new InventoryError(
      path.join(dir, 'manifest.json'),
      `cannot be read as a cloud assembly manifest: ${(cause as Error).message}`,
      { hint: `Synthesize it again with this project's aws-cdk-lib. ${SYNTH_HINT}`, cause },
    );
  }
}

function readStack(
  artifact: CloudFormationStackArtifact,
  stage: string | undefined,
  loadTree: () => TreeNode | undefined,
): InventoryStack {
  const id = artifact.hierarchicalId;
  const templateFile = path.resolve(artifact.templateFullPath);
  const { account, region } = artifact.environment;
  const { UNKNOWN_ACCOUNT, UNKNOWN_REGION } = cxApi();
  return inventoryStack(readTemplate(artifact, templateFile), {
    id,
    stackName: artifact.stackName,
    stackNameKnown: true,
    environment: stage,
    phase: stage !== undefined && id.startsWith(`${stage}/`) ? id.slice(stage.length + 1) : undefined,
    region: region === UNKNOWN_REGION ? undefined : region,
    account: account === UNKNOWN_ACCOUNT ? undefined : account,
    templateFile,
    parameters: artifact.parameters,
    constructPaths: () => constructPaths(artifact, loadTree),
  });
}

function readTemplate(artifact: CloudFormationStackArtifact, templateFile: string): CloudFormationTemplate {
  let template: unknown;
  try {
    template = artifact.template;
  } catch (cause) {
    throw new InventoryError(
      templateFile,
      `cannot read the template of stack ${artifact.hierarchicalId}: ${(cause as Error).message}`,
      {
        hint: `The assembly is incomplete or damaged. ${SYNTH_HINT}`,
        cause,
      },
    );
  }
  // A stack without resources synthesizes to a template without a Resources section: an empty stack, not an error.
  const withResources =
    typeof template === 'object' && template !== null && !('Resources' in template)
      ? { ...template, Resources: {} }
      : template;
  return checkTemplate(withResources, templateFile);
}

/** Logical id → construct path, from the assembly's metadata (aws:cdk:logicalId), else from tree.json. */
function constructPaths(
  artifact: CloudFormationStackArtifact,
  loadTree: () => TreeNode | undefined,
): Map<string, string> {
  const paths = new Map<string, string>();
  for (const entry of artifact.findMetadataByType('aws:cdk:logicalId')) {
    if (typeof entry.data === 'string' && !paths.has(entry.data))
      paths.set(entry.data, entry.path.startsWith('/') ? entry.path.slice(1) : entry.path);
  }
  if (paths.size > 0) return paths;

  let node = loadTree();
  for (const segment of artifact.hierarchicalId.split('/')) node = node?.children?.[segment];
  const walk = (current: TreeNode): void => {
    const logicalId = current.attributes?.['aws:cdk:cloudformation:logicalId'];
    if (typeof logicalId === 'string' && typeof current.path === 'string' && !paths.has(logicalId)) {
      paths.set(logicalId, current.path);
    }
    for (const child of Object.values(current.children ?? {})) walk(child);
  };
  if (node) walk(node);
  return paths;
}

interface TreeNode {
  readonly path?: string;
  readonly children?: Readonly<Record<string, TreeNode>>;
  readonly attributes?: Readonly<Record<string, unknown>>;
}

function readTree(assembly: CloudAssembly): TreeNode | undefined {
  const artifact = assembly.tree();
  if (!artifact) return undefined;
  const file = path.join(assembly.directory, artifact.file);
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { tree?: TreeNode }).tree;
  } catch (cause) {
    throw new InventoryError(file, `cannot read the construct tree: ${(cause as Error).message}`, {
      hint: `The assembly is incomplete or damaged. ${SYNTH_HINT}`,
      cause,
    });
  }
}
