import type { Estimate } from '../cost/estimate/estimate-types.ts';
import { type ArchitectureGraph, capstoneResources, capstoneView } from '../diagram/index.ts';

export interface CapstoneStageDoc {
  /** `1 · Ingest` */
  readonly title: string;
  /** What carries the stage, e.g. `Api (REST API)`. */
  readonly resources: readonly string[];
  readonly monthly: number;
  readonly idle: number;
}

/**
 * The capstone's stages in the drawn environment, each with its resources and what they cost a month
 * (their own estimate plus the plumbing folded into them). Null until every stage is built.
 */
export function capstoneStages(graph: ArchitectureGraph, estimate: Estimate): CapstoneStageDoc[] | null {
  const view = capstoneView(graph);
  if (!view) return null;
  const byStage = capstoneResources(view);
  const costOf = (stack: string, logicalId: string) =>
    estimate.resources.find((r) => r.stack === stack && r.logicalId === logicalId);
  return (view.phases ?? []).map((title) => {
    const costs = (byStage[title] ?? []).flatMap(({ stack, logicalId }) => {
      const cost = costOf(stack, logicalId);
      return cost ? [cost] : [];
    });
    return {
      title,
      resources: view.nodes.filter((n) => n.phase === title).map((n) => `${n.label} (${n.kind})`),
      monthly: costs.reduce((sum, c) => sum + c.monthly, 0),
      idle: costs.reduce((sum, c) => sum + c.idle, 0),
    };
  });
}
