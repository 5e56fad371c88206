import { describe, expect, it } from 'vitest';
import { readAssembly } from '../../lib/assembly/index.ts';
import { loadCatalog } from '../../lib/cost/catalog/load-catalog.ts';
import { estimate } from '../../lib/cost/estimate/estimate.ts';
import { buildGraph, capstoneView, stacksOf } from '../../lib/diagram/index.ts';
import { cfnLintProblems } from '../../test/cfn-lint.ts';
import { variantDir, variantStacks } from '../../test/variant-app.ts';
import { everythingOn } from '../../test/variants.ts';
import { readFindings } from '../nag/validation-findings.ts';

type Resources = Record<string, { Type: string; Properties?: Record<string, any> }>;

describe('phases 4 and 5 with every switch on (dev, KMS)', () => {
  // Synthesized by the global setup (test/variants.ts).
  const outdir = variantDir('all-switches-on');
  const stacks = variantStacks('all-switches-on');
  const resources = (phase: string): Resources =>
    (stacks.find((s) => s.path === `dev/${phase}`)?.template.Resources ?? {}) as Resources;
  const ofType = (phase: string, type: string) =>
    Object.values(resources(phase)).filter((r) => r.Type === type);

  it('synthesizes with no cdk-nag finding, and cfn-lint passes the templates', () => {
    expect(readFindings(outdir)).toEqual([]);
    expect(cfnLintProblems(stacks.map((s) => s.templateFile))).toEqual([]);
  });

  it('prices every resource and draws the costly services in the diagrams', () => {
    const inventory = readAssembly(outdir);
    const cost = estimate(inventory, { catalogFor: (region) => loadCatalog(region) });
    expect(cost.notPriced).toEqual([]);
    const services = new Set(cost.resources.filter((r) => r.status === 'priced').map((r) => r.type));
    for (const type of ['AWS::MWAA::Environment', 'AWS::EC2::NatGateway', 'AWS::QuickSight::DataSource'])
      expect(services, type).toContain(type);
    const graph = buildGraph(stacksOf(inventory.stacks, 'dev'), { environment: 'dev' });
    const drawn = new Set(graph.nodes.map((n) => n.type));
    for (const type of [
      'AWS::MWAA::Environment',
      'AWS::QuickSight::Dashboard',
      'AWS::StepFunctions::StateMachine',
    ])
      expect(drawn, type).toContain(type);
    const capstone = capstoneView(graph);
    // The rides dataset and the permissions dataset of row-level security.
    expect(capstone?.nodes.filter((n) => n.phase === '6 · Visualize').map((n) => n.type)).toEqual([
      'AWS::QuickSight::DataSet',
      'AWS::QuickSight::DataSet',
      'AWS::QuickSight::Dashboard',
    ]);
  });

  it('gives every log group of every stack the configured retention, and every alarm a target', () => {
    const retention = everythingOn().logRetentionDays;
    for (const phase of ['foundation', 'ingestion', 'processing', 'analytics', 'orchestration']) {
      for (const group of ofType(phase, 'AWS::Logs::LogGroup'))
        expect(group.Properties?.RetentionInDays, `${phase} ${group.Properties?.LogGroupName}`).toBe(
          retention,
        );
      for (const alarm of ofType(phase, 'AWS::CloudWatch::Alarm'))
        expect(alarm.Properties?.AlarmActions, String(alarm.Properties?.AlarmName)).toHaveLength(1);
    }
    const alarms = ofType('orchestration', 'AWS::CloudWatch::Alarm').map((a) => a.Properties?.AlarmName);
    expect(alarms).toContain('launchpad-dev-dms-task-failures');
  });

  it('encrypts Athena results and the alerts topic with customer-managed keys', () => {
    const [workgroup] = ofType('analytics', 'AWS::Athena::WorkGroup');
    expect(
      workgroup?.Properties?.WorkGroupConfiguration.ResultConfiguration.EncryptionConfiguration,
    ).toMatchObject({
      EncryptionOption: 'SSE_KMS',
    });
    const [topic] = ofType('orchestration', 'AWS::SNS::Topic');
    expect(topic?.Properties?.KmsMasterKeyId).toBeDefined();
  });

  it('deploys QuickSight as code: Athena source through its own role, SPICE dataset, dashboard owned by the principal', () => {
    const [source] = ofType('analytics', 'AWS::QuickSight::DataSource');
    expect(source?.Properties?.DataSourceParameters.AthenaParameters.WorkGroup).toBe(
      'launchpad-dev-analytics',
    );
    const [dataSet] = ofType('analytics', 'AWS::QuickSight::DataSet');
    expect(dataSet?.Properties?.ImportMode).toBe('SPICE');
    const [dashboard] = ofType('analytics', 'AWS::QuickSight::Dashboard');
    const visuals = dashboard?.Properties?.Definition.Sheets[0].Visuals.map((v: object) => Object.keys(v)[0]);
    expect(visuals).toEqual(['KPIVisual', 'TableVisual', 'BarChartVisual', 'LineChartVisual']);
    expect(dashboard?.Properties?.Permissions[0].Principal).toBe(
      everythingOn().analytics.quicksight.principalArn,
    );
  });

  it('starts the pipeline on the schedule and on uploads', () => {
    const rules = ofType('orchestration', 'AWS::Events::Rule').map((r) => r.Properties ?? {});
    expect(rules.find((r) => r.Name === 'launchpad-dev-pipeline-schedule')?.ScheduleExpression).toBe(
      'cron(0 3 * * ? *)',
    );
    expect(rules.find((r) => r.Name === 'launchpad-dev-pipeline-on-upload')?.EventPattern).toMatchObject({
      'detail-type': ['Object Created'],
      detail: { object: { key: [{ prefix: 'uploads/' }] } },
    });
    expect(rules.find((r) => r.Name === 'launchpad-dev-dms-task-states')).toBeDefined();
  });

  it('runs MWAA in its smallest class in private subnets, its DAGs published and its variables set', () => {
    const [environment] = ofType('orchestration', 'AWS::MWAA::Environment');
    expect(environment?.Properties).toMatchObject({
      Name: 'launchpad-dev-airflow',
      EnvironmentClass: 'mw1.micro',
      MaxWorkers: 1,
      DagS3Path: 'dags',
      RequirementsS3Path: 'requirements.txt',
      StartupScriptS3Path: 'startup.sh',
    });
    const [published] = ofType('orchestration', 'Custom::S3Publish');
    const startup = JSON.stringify(published?.Properties?.Files['startup.sh']);
    for (const variable of [
      'LAUNCHPAD_ENVIRONMENT',
      'RAW_BUCKET',
      'RAW_CRAWLER',
      'RAW_TO_CLEAN_JOB',
      'ALERT_TOPIC_ARN',
    ])
      expect(startup).toContain(`export AIRFLOW_VAR_${variable}=`);
    const groups = ofType('orchestration', 'AWS::Logs::LogGroup').map((g) => g.Properties?.LogGroupName);
    expect(groups).toContain('airflow-launchpad-dev-airflow-Task');
    // The DAG's first task lists the raw zone's uploads/ (only those) for the validator.
    const statements = ofType('orchestration', 'AWS::IAM::Policy').flatMap(
      (policy) => policy.Properties?.PolicyDocument?.Statement ?? [],
    );
    expect(statements.find((statement: { Sid?: string }) => statement.Sid === 'ListUploads')).toMatchObject({
      Action: 's3:ListBucket',
      Condition: { StringLike: { 's3:prefix': ['uploads/', 'uploads/*'] } },
    });
    expect(ofType('orchestration', 'AWS::EC2::NatGateway')).toHaveLength(1);
  });
});
