import { Aspects, type Stack, Stage } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { EnvironmentConfig } from '../lib/config/environment-config.ts';
import { PHASES, type PhaseName } from '../lib/config/phases.ts';
import { CdkHandlerFindings } from './aspects/cdk-handler-findings.ts';
import { ExplicitAutoDeleteActions } from './aspects/explicit-auto-delete-actions.ts';
import { LogGroupEncryption } from './aspects/log-group-encryption.ts';
import { StandardTags } from './aspects/standard-tags.ts';
import { decideRemovalPolicy } from './constructs/removal-policy.ts';
import { AnalyticsStack } from './phases/analytics-stack.ts';
import { DeliveryStack } from './phases/delivery-stack.ts';
import { FoundationStack } from './phases/foundation-stack.ts';
import { IngestionStack } from './phases/ingestion-stack.ts';
import { OrchestrationStack } from './phases/orchestration-stack.ts';
import { ProcessingStack } from './phases/processing-stack.ts';

/** One environment (dev, stage, prod): a Stage holding one stack per enabled phase. */
export class EnvironmentStage extends Stage {
  readonly config: EnvironmentConfig;
  readonly foundation: FoundationStack;
  readonly ingestion?: IngestionStack;
  readonly processing?: ProcessingStack;
  readonly analytics?: AnalyticsStack;
  readonly orchestration?: OrchestrationStack;
  readonly delivery?: DeliveryStack;

  constructor(scope: Construct, config: EnvironmentConfig) {
    super(scope, config.environment, { env: { account: config.account, region: config.region } });
    decideRemovalPolicy(this, config);
    this.config = config;
    Aspects.of(this).add(new StandardTags({ ...config }));
    Aspects.of(this).add(new ExplicitAutoDeleteActions());
    Aspects.of(this).add(new CdkHandlerFindings());
    this.foundation = new FoundationStack(this, { config });
    Aspects.of(this).add(new LogGroupEncryption(this.foundation.dataLake.key));
    const foundation = this.foundation;
    if (config.phases.ingestion) this.ingestion = new IngestionStack(this, { config, foundation });
    if (config.phases.processing) this.processing = new ProcessingStack(this, { config, foundation });
    if (config.phases.analytics) this.analytics = new AnalyticsStack(this, { config, foundation });
    // Its alarms and metric filters watch the log groups, functions and jobs of the earlier phases.
    if (config.phases.orchestration)
      this.orchestration = new OrchestrationStack(this, { config, foundation });
    if (config.phases.delivery) this.delivery = this.deliveryStack(config);
    this.orderDeployments();
  }

  /**
   * Later phases find earlier ones' resources by name, not by reference, so CloudFormation would not
   * know the order: each stack waits for the stacks of the phases it requires.
   */
  private orderDeployments(): void {
    const stacks: Partial<Record<PhaseName, Stack>> = {
      foundation: this.foundation,
      ingestion: this.ingestion,
      processing: this.processing,
      analytics: this.analytics,
      orchestration: this.orchestration,
      delivery: this.delivery,
    };
    for (const [phase, stack] of Object.entries(stacks) as [PhaseName, Stack | undefined][]) {
      for (const required of PHASES[phase].requires) {
        const dependency = stacks[required];
        if (stack && dependency) stack.addStackDependency(dependency);
      }
    }
    // The pipeline ships code into the functions and Glue files of these stacks, when they are on.
    for (const shipped of [this.ingestion, this.processing, this.orchestration]) {
      if (this.delivery && shipped) this.delivery.addStackDependency(shipped);
    }
  }

  /** The delivery pipeline, told which functions and Glue files of this environment it ships. */
  private deliveryStack(config: EnvironmentConfig): DeliveryStack {
    const shipped = [...(this.ingestion?.functions ?? []), ...(this.orchestration?.functions ?? [])];
    const functions = shipped.map((fn) => ({
      name: fn.functionName,
      artifact: `lambdas/${fn.handlerDir}.zip`,
    }));
    const objects = (this.processing?.glueFiles ?? []).map(({ artifact, asset }) => ({
      artifact,
      url: asset.s3ObjectUrl,
      objectArn: asset.bucket.arnForObjects(asset.s3ObjectKey),
    }));
    return new DeliveryStack(this, { config, functions, objects });
  }
}
