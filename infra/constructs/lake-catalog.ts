import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Stack } from 'aws-cdk-lib';
import * as glue from 'aws-cdk-lib/aws-glue';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct, type IConstruct } from 'constructs';
import type { ResourceNames } from '../../lib/config/resource-names.ts';
import { acknowledgeWildcardResource } from '../nag/acknowledge-wildcard-resource.ts';
import { removalPolicyOf } from './removal-policy.ts';

/** Written by `python3 -m pipeline.glue.lake_tables` from the transforms' column lists. */
export const LAKE_TABLES_FILE = path.resolve(import.meta.dirname, '../../pipeline/schemas/lake-tables.json');
/** Where the Glue jobs write each table, under its zone's bucket. */
export const TABLE_PREFIX = 'rides/';
export const TABLE_NAME = 'rides';
/** Years partition projection enumerates for queries that do not filter on year. */
const PROJECTED_YEARS = '2024,2035';

interface TableSchema {
  readonly description: string;
  readonly columns: glue.CfnTable.ColumnProperty[];
  readonly partitionKeys: glue.CfnTable.ColumnProperty[];
}

const PARQUET = {
  inputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
  outputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat',
  serializationLibrary: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe',
};

export interface LakeCatalogProps {
  /** Names of this environment's resources (the databases are `<project>_<environment>_<zone>`). */
  readonly names: ResourceNames;
  /** The clean zone's bucket: the clean database's location and its table's data. */
  readonly clean: s3.IBucket;
  /** The curated zone's bucket: the curated database's location and its Delta table. */
  readonly curated: s3.IBucket;
}

/**
 * The Glue Data Catalog of the clean and curated zones: one database per zone and the `rides` table of
 * each. Clean is Parquet with partition projection (Athena computes the partitions from the folder
 * layout: no crawler, no MSCK REPAIR); curated is a Delta Lake table that Athena reads natively.
 */
export class LakeCatalog extends Construct {
  /**
   * Lets `grantee` do `actions` (perms.ts: GLUE_*) on the Data Catalog entries of `databases` and of every
   * table in them. Glue ARNs name databases, so a database of any stack, or a pattern such as
   * `launchpad_dev_*`, is granted without a reference to it.
   */
  static grantTables(
    grantee: iam.IGrantable & IConstruct,
    actions: readonly string[],
    databases: readonly string[],
  ): iam.Grant {
    const stack = Stack.of(grantee);
    const arn = (resource: string, resourceName?: string) =>
      stack.formatArn({ service: 'glue', resource, resourceName });
    const entries = databases.map((name) => ({
      name,
      database: arn('database', name),
      tables: arn('table', `${name}/*`),
    }));
    for (const { name, database, tables } of entries) {
      if (name.includes('*')) {
        acknowledgeWildcardResource(
          grantee,
          database,
          `Glue ARNs select databases by name: ${name} matches the databases of one environment only.`,
        );
      }
      acknowledgeWildcardResource(
        grantee,
        tables,
        `Every table and view of ${name}: their names come from the jobs, the crawler and pipeline/sql.`,
      );
    }
    return iam.Grant.addToPrincipal({
      grantee,
      actions: [...actions],
      resourceArns: [arn('catalog'), ...entries.map((e) => e.database), ...entries.map((e) => e.tables)],
    });
  }

  readonly cleanDatabase: glue.CfnDatabase;
  readonly curatedDatabase: glue.CfnDatabase;
  readonly cleanTable: glue.CfnTable;
  readonly curatedTable: glue.CfnTable;

  constructor(scope: Construct, id: string, props: LakeCatalogProps) {
    super(scope, id);
    const { names } = props;
    const schemas = JSON.parse(readFileSync(LAKE_TABLES_FILE, 'utf8')) as Record<
      'clean' | 'curated',
      TableSchema
    >;
    const catalogId = Stack.of(this).account;
    const database = (zone: 'clean' | 'curated', bucket: s3.IBucket) => {
      const db = new glue.CfnDatabase(this, `${zone[0]?.toUpperCase()}${zone.slice(1)}Database`, {
        catalogId,
        databaseInput: {
          name: names.glueDatabase(zone),
          description: `The ${zone} zone of ${names.prefix}`,
          locationUri: bucket.s3UrlForObject(''),
        },
      });
      db.applyRemovalPolicy(removalPolicyOf(this));
      return db;
    };
    this.cleanDatabase = database('clean', props.clean);
    this.curatedDatabase = database('curated', props.curated);

    const cleanLocation = props.clean.s3UrlForObject(TABLE_PREFIX);
    const clean = schemas.clean;
    this.cleanTable = new glue.CfnTable(this, 'CleanRides', {
      catalogId,
      databaseName: this.cleanDatabase.ref,
      tableInput: {
        name: TABLE_NAME,
        description: `${clean.description}. Partitions are projected from year=YYYY/month=MM/day=DD/.`,
        tableType: 'EXTERNAL_TABLE',
        parameters: {
          EXTERNAL: 'TRUE',
          classification: 'parquet',
          'parquet.compression': 'SNAPPY',
          'projection.enabled': 'true',
          'projection.year.type': 'integer',
          'projection.year.range': PROJECTED_YEARS,
          'projection.month.type': 'integer',
          'projection.month.range': '1,12',
          'projection.month.digits': '2',
          'projection.day.type': 'integer',
          'projection.day.range': '1,31',
          'projection.day.digits': '2',
          'storage.location.template': `${cleanLocation}year=\${year}/month=\${month}/day=\${day}/`,
        },
        partitionKeys: clean.partitionKeys,
        storageDescriptor: {
          location: cleanLocation,
          columns: clean.columns,
          inputFormat: PARQUET.inputFormat,
          outputFormat: PARQUET.outputFormat,
          serdeInfo: { serializationLibrary: PARQUET.serializationLibrary },
        },
      },
    });

    const curatedLocation = props.curated.s3UrlForObject(TABLE_PREFIX);
    const curated = schemas.curated;
    // Athena reads the schema and the partitions from the Delta log; the columns here serve views,
    // QuickSight and the console, so they are kept equal to the job's newest schema.
    this.curatedTable = new glue.CfnTable(this, 'CuratedRides', {
      catalogId,
      databaseName: this.curatedDatabase.ref,
      tableInput: {
        name: TABLE_NAME,
        description: `${curated.description}. Partitioned by year and month of the first event (Delta log).`,
        tableType: 'EXTERNAL_TABLE',
        parameters: {
          EXTERNAL: 'TRUE',
          table_type: 'DELTA',
          classification: 'delta',
          'spark.sql.sources.provider': 'delta',
        },
        partitionKeys: curated.partitionKeys,
        storageDescriptor: {
          location: curatedLocation,
          columns: curated.columns,
          inputFormat: PARQUET.inputFormat,
          outputFormat: PARQUET.outputFormat,
          serdeInfo: {
            serializationLibrary: PARQUET.serializationLibrary,
            parameters: { path: curatedLocation },
          },
        },
      },
    });
  }
}
