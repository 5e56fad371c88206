import { CfnOutput, Stack } from 'aws-cdk-lib';
import * as athena from 'aws-cdk-lib/aws-athena';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { fillPlaceholders, readSqlFiles } from '../../lib/sql/sql-files.ts';
import { AthenaDdl } from '../constructs/athena-ddl.ts';
import { ATHENA_WORKGROUP_PURPOSE, AthenaWorkgroup } from '../constructs/athena-workgroup.ts';
import { LakeCatalog } from '../constructs/lake-catalog.ts';
import { QuickSightDashboard } from '../constructs/quicksight-dashboard.ts';
import type { FoundationStack } from './foundation-stack.ts';
import { logRetention, PhaseStack, type PhaseStackProps } from './phase-stack.ts';

export interface AnalyticsStackProps extends PhaseStackProps {
  /** The foundation of this environment: the lake's key (its buckets are found by name). */
  readonly foundation: FoundationStack;
}

/**
 * Phase 4: the Glue Data Catalog of the clean and curated zones, the environment's Athena workgroup with
 * the saved queries and views of pipeline/sql/, and (opt-in) QuickSight over the curated table.
 */
export class AnalyticsStack extends PhaseStack {
  readonly catalog: LakeCatalog;
  readonly athena: AthenaWorkgroup;
  /** Values of the placeholders in pipeline/sql/ files, for this environment. */
  readonly sqlValues: Readonly<Record<string, string>>;

  constructor(scope: Construct, props: AnalyticsStackProps) {
    super(scope, 'analytics', props);
    const { config, names } = this;
    const bucket = (purpose: string) =>
      s3.Bucket.fromBucketName(this, purpose, names.bucket(purpose, Stack.of(this).account));
    const [clean, curated, results] = [bucket('clean'), bucket('curated'), bucket('athena-results')];
    const key = props.foundation.dataLake.key;

    this.catalog = new LakeCatalog(this, 'Catalog', { names, clean, curated });
    this.athena = new AthenaWorkgroup(this, 'Athena', {
      workgroupName: names.resource(ATHENA_WORKGROUP_PURPOSE),
      resultsBucket: results,
      key,
      bytesScannedCutoffMb: config.analytics.bytesScannedCutoffMb,
    });
    const workgroupName = this.athena.workgroupName;
    const [cleanDb, curatedDb] = [names.glueDatabase('clean'), names.glueDatabase('curated')];
    this.sqlValues = { clean_db: cleanDb, curated_db: curatedDb };

    for (const query of readSqlFiles('named-queries')) {
      const saved = new athena.CfnNamedQuery(this, `Query-${query.name}`, {
        name: query.name,
        description: query.description,
        database: curatedDb,
        workGroup: workgroupName,
        queryString: fillPlaceholders(query.sql, this.sqlValues, query.file),
      });
      saved.addResourceDependency(this.athena.workgroup);
    }

    const views = readSqlFiles('views');
    const ddl = new AthenaDdl(this, 'Views', {
      functionName: names.resource('athena-views'),
      workgroup: this.athena,
      statements: views.map((view) => ({
        name: view.name,
        sql: fillPlaceholders(view.sql, this.sqlValues, view.file),
        dropSql: `DROP VIEW IF EXISTS "${curatedDb}"."${view.name}"`,
      })),
      databaseNames: [cleanDb, curatedDb],
      logRetention: logRetention(config),
    });
    // Views need their tables and the workgroup first.
    ddl.resource.node.addDependency(this.catalog, this.athena);

    const quick = config.analytics.quicksight;
    if (config.costlyServices.quicksight && quick.principalArn) {
      new QuickSightDashboard(this, 'QuickSight', {
        names,
        principalArn: quick.principalArn,
        spice: quick.spice,
        refreshAt: quick.refreshSchedule ?? undefined,
        viewerArns: quick.viewerArns,
        cityRules: quick.rowLevelSecurity,
        hideFaresFromViewers: quick.hideFaresFromViewers,
        workgroup: this.athena,
        databaseName: curatedDb,
        curated,
      });
    }

    const output = (id: string, value: string, description: string) =>
      new CfnOutput(this, id, { value, description });
    output('WorkgroupName', workgroupName, 'Athena workgroup: results encrypted, scan cutoff per query');
    output('CleanDatabaseName', cleanDb, 'Glue database of the clean zone (table rides)');
    output('CuratedDatabaseName', curatedDb, 'Glue database of the curated zone (table rides, views)');
    output('ResultsLocation', this.athena.resultsLocation, 'Where Athena writes query results');
  }
}
