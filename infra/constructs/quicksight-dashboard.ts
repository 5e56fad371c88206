import { readFileSync } from 'node:fs';
import { Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as quicksight from 'aws-cdk-lib/aws-quicksight';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { ResourceNames } from '../../lib/config/resource-names.ts';
import type { IAthenaWorkgroup } from './athena-workgroup.ts';
import { LAKE_TABLES_FILE, TABLE_NAME, TABLE_PREFIX } from './lake-catalog.ts';
import { ATHENA_READ_RESULTS, GLUE_READ_TABLES } from './perms.ts';

const QUICKSIGHT_TYPES: Record<string, string> = {
  string: 'STRING',
  int: 'INTEGER',
  double: 'DECIMAL',
  timestamp: 'DATETIME',
};
const OWNER_ACTIONS = {
  dataSource: [
    'quicksight:DescribeDataSource',
    'quicksight:DescribeDataSourcePermissions',
    'quicksight:PassDataSource',
    'quicksight:UpdateDataSource',
    'quicksight:UpdateDataSourcePermissions',
    'quicksight:DeleteDataSource',
  ],
  dataSet: [
    'quicksight:DescribeDataSet',
    'quicksight:DescribeDataSetPermissions',
    'quicksight:PassDataSet',
    'quicksight:DescribeIngestion',
    'quicksight:ListIngestions',
    'quicksight:CreateIngestion',
    'quicksight:CancelIngestion',
    'quicksight:UpdateDataSet',
    'quicksight:UpdateDataSetPermissions',
    'quicksight:DeleteDataSet',
  ],
  dashboard: [
    'quicksight:DescribeDashboard',
    'quicksight:ListDashboardVersions',
    'quicksight:QueryDashboard',
    'quicksight:DescribeDashboardPermissions',
    'quicksight:UpdateDashboard',
    'quicksight:UpdateDashboardPermissions',
    'quicksight:UpdateDashboardPublishedVersion',
    'quicksight:DeleteDashboard',
  ],
};
const VIEWER_ACTIONS = [
  'quicksight:DescribeDashboard',
  'quicksight:ListDashboardVersions',
  'quicksight:QueryDashboard',
];
const DATASET = 'rides';
/** The columns of money: restricted by hideFaresFromViewers, and never summed across currencies. */
export const MONEY_COLUMNS = ['fare_amount', 'tip_amount'] as const;
/** The column row-level security filters on: a rule lists the cities a principal sees. */
const RLS_COLUMN = 'city';

/** One row-level security rule: a QuickSight user or group and the cities it may see. */
export interface CityRule {
  /** ARN of the QuickSight user or group the rule is for. */
  readonly principalArn: string;
  /** Cities, as the rides' city column spells them, whose rows the principal sees. */
  readonly cities: readonly string[];
}

export interface QuickSightDashboardProps {
  /** Names of this environment's resources. */
  readonly names: ResourceNames;
  /** QuickSight user or group that owns everything here. */
  readonly principalArn: string;
  /** Import into SPICE instead of querying Athena on every view. */
  readonly spice: boolean;
  /** Where QuickSight's queries run, with its results bucket and the lake's key. */
  readonly workgroup: IAthenaWorkgroup;
  /** The curated database, whose rides table the dataset reads. */
  readonly databaseName: string;
  /** The curated zone's bucket, whose table data Athena reads for QuickSight. */
  readonly curated: s3.IBucket;
  /** Daily full refresh of the SPICE dataset at this UTC time (HH:MM). @default - none: imported once */
  readonly refreshAt?: string;
  /** Users and groups that may view the dashboard, read only. @default - none */
  readonly viewerArns?: readonly string[];
  /** Row-level security: who sees which cities. @default - none: everyone shared with sees every row */
  readonly cityRules?: readonly CityRule[];
  /** Only the owner sees fares and tips (column-level security). @default false */
  readonly hideFaresFromViewers?: boolean;
}

/**
 * "Visualize" deployed, not clicked together: an Athena data source through a role of its own, a dataset
 * over the curated rides table (refreshed daily when it is in SPICE), and a dashboard defined as code (rides,
 * fares per currency, fares by city with one panel per currency, rides per day). Opt-in fine-grained access:
 * row-level security from a permissions dataset (principal → cities) and fares hidden from viewers.
 */
export class QuickSightDashboard extends Construct {
  readonly dashboard: quicksight.CfnDashboard;

  constructor(scope: Construct, id: string, props: QuickSightDashboardProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const { names, principalArn } = props;
    const role = this.accessRole(props);

    const dataSource = new quicksight.CfnDataSource(this, 'Athena', {
      awsAccountId: stack.account,
      dataSourceId: names.resource('athena'),
      name: `${names.prefix} Athena`,
      type: 'ATHENA',
      dataSourceParameters: {
        athenaParameters: { workGroup: props.workgroup.workgroupName, roleArn: role.roleArn },
      },
      sslProperties: { disableSsl: false },
      permissions: [{ principal: principalArn, actions: OWNER_ACTIONS.dataSource }],
    });
    const curated = JSON.parse(readFileSync(LAKE_TABLES_FILE, 'utf8')).curated as {
      columns: { name: string; type: string }[];
      partitionKeys: { name: string; type: string }[];
    };
    const cityRules = props.cityRules ?? [];
    const rules = cityRules.length > 0 ? this.cityRulesDataSet(props, dataSource, cityRules) : undefined;
    const ridesId = names.resource('rides');
    const dataSet = new quicksight.CfnDataSet(this, 'Rides', {
      awsAccountId: stack.account,
      dataSetId: ridesId,
      name: `${names.prefix} rides`,
      importMode: props.spice ? 'SPICE' : 'DIRECT_QUERY',
      physicalTableMap: {
        [DATASET]: {
          relationalTable: {
            dataSourceArn: dataSource.attrArn,
            catalog: 'AwsDataCatalog',
            schema: props.databaseName,
            name: TABLE_NAME,
            inputColumns: [...curated.columns, ...curated.partitionKeys].map((c) => ({
              name: c.name,
              type: QUICKSIGHT_TYPES[c.type] ?? 'STRING',
            })),
          },
        },
      },
      permissions: [{ principal: principalArn, actions: OWNER_ACTIONS.dataSet }],
      // GRANT_ACCESS: a principal sees the rows of its rules' cities, no rule means no rows; owners see all.
      rowLevelPermissionDataSet: rules && {
        arn: rules.attrArn,
        permissionPolicy: 'GRANT_ACCESS',
        formatVersion: 'VERSION_2',
      },
      // A restricted column is visible only to the principals of its rule: here the owner alone.
      columnLevelPermissionRules: props.hideFaresFromViewers
        ? [{ principals: [principalArn], columnNames: [...MONEY_COLUMNS] }]
        : undefined,
    });

    if (rules) {
      Validations.of(dataSet).acknowledge({
        id: 'CloudFormation-Validate::W9009',
        reason:
          'RowLevelPermissionDataSet is deprecated in favour of the semantic model of QuickSight data prep (DataPrepConfiguration), which CloudFormation also accepts but which replaces the whole logical table map; the classic property is what the QuickSight guides and the API still document and apply.',
      });
    }

    if (props.spice && props.refreshAt) {
      const schedule = new quicksight.CfnRefreshSchedule(this, 'DailyRefresh', {
        awsAccountId: stack.account,
        dataSetId: ridesId,
        schedule: {
          scheduleId: 'daily',
          refreshType: 'FULL_REFRESH',
          scheduleFrequency: { interval: 'DAILY', timeOfTheDay: props.refreshAt, timeZone: 'UTC' },
        },
      });
      schedule.addResourceDependency(dataSet);
    }

    this.dashboard = new quicksight.CfnDashboard(this, 'Dashboard', {
      awsAccountId: stack.account,
      dashboardId: names.resource('rides'),
      name: `${names.prefix} rides`,
      definition: ridesDefinition(dataSet.attrArn),
      permissions: [
        { principal: principalArn, actions: OWNER_ACTIONS.dashboard },
        ...(props.viewerArns ?? []).map((principal) => ({ principal, actions: VIEWER_ACTIONS })),
      ],
      dashboardPublishOptions: { adHocFilteringOption: { availabilityStatus: 'ENABLED' } },
    });
  }

  /**
   * The permissions dataset of row-level security: the rules as constant rows of an Athena query (nothing
   * scanned), imported into SPICE, so a deploy that changes the rules re-imports them.
   */
  private cityRulesDataSet(
    props: QuickSightDashboardProps,
    dataSource: quicksight.CfnDataSource,
    rules: readonly CityRule[],
  ): quicksight.CfnDataSet {
    const columns = ['UserARN', 'GroupARN', RLS_COLUMN].map((name) => ({ name, type: 'STRING' }));
    return new quicksight.CfnDataSet(this, 'CityRules', {
      awsAccountId: Stack.of(this).account,
      dataSetId: props.names.resource('rides-city-rules'),
      name: `${props.names.prefix} rides: cities per user or group`,
      importMode: 'SPICE',
      useAs: 'RLS_RULES',
      physicalTableMap: {
        rules: {
          customSql: {
            dataSourceArn: dataSource.attrArn,
            name: 'city rules',
            sqlQuery: cityRulesSql(rules),
            columns,
          },
        },
      },
      permissions: [{ principal: props.principalArn, actions: OWNER_ACTIONS.dataSet }],
    });
  }

  /** What QuickSight may do when it queries Athena for this dashboard: read curated, write results. */
  private accessRole(props: QuickSightDashboardProps): iam.Role {
    const role = new iam.Role(this, 'AccessRole', {
      roleName: props.names.resource('quicksight'),
      assumedBy: new iam.ServicePrincipal('quicksight.amazonaws.com'),
      description: `QuickSight reads the curated zone of ${props.names.prefix} through Athena`,
    });
    props.workgroup.grantQueries(role, {
      athena: ATHENA_READ_RESULTS,
      glue: GLUE_READ_TABLES,
      databases: [props.databaseName],
      results: true,
      reads: [{ bucket: props.curated, prefix: TABLE_PREFIX }],
    });
    return role;
  }
}

/**
 * The rules of row-level security as an Athena query of constant rows: one per rule, the principal in the
 * UserARN or GroupARN column, its cities as one comma-separated value (QuickSight reads it as a list).
 */
export function cityRulesSql(rules: readonly CityRule[]): string {
  const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;
  const NULL = 'CAST(NULL AS varchar)';
  const rows = rules.map(({ principalArn, cities }) => {
    const group = /:group\//.test(principalArn);
    const [user, groupArn] = group ? [NULL, quote(principalArn)] : [quote(principalArn), NULL];
    return `(${user}, ${groupArn}, ${quote(cities.join(','))})`;
  });
  return `SELECT * FROM (VALUES ${rows.join(', ')}) AS rules (UserARN, GroupARN, ${RLS_COLUMN})`;
}

/** One sheet: rides (KPI), fares per currency (table), fares by city per currency (bar), rides per day (line). */
function ridesDefinition(dataSetArn: string): quicksight.CfnDashboard.DashboardVersionDefinitionProperty {
  const column = (columnName: string) => ({ dataSetIdentifier: DATASET, columnName });
  const sum = (fieldId: string, columnName: string) => ({
    numericalMeasureField: {
      fieldId,
      column: column(columnName),
      aggregationFunction: { simpleNumericalAggregation: 'SUM' },
    },
  });
  const count = (fieldId: string) => ({
    categoricalMeasureField: { fieldId, column: column('ride_id'), aggregationFunction: 'DISTINCT_COUNT' },
  });
  const dimension = (fieldId: string, columnName: string) => ({
    categoricalDimensionField: { fieldId, column: column(columnName) },
  });
  const title = (text: string) => ({ visibility: 'VISIBLE', formatText: { plainText: text } });
  return {
    dataSetIdentifierDeclarations: [{ identifier: DATASET, dataSetArn }],
    sheets: [
      {
        sheetId: 'overview',
        name: 'Overview',
        visuals: [
          {
            kpiVisual: {
              visualId: 'rides-kpi',
              title: title('Rides'),
              chartConfiguration: { fieldWells: { values: [count('rides')] } },
            },
          },
          {
            // Decision 15: one total per currency, never one total of all fares.
            tableVisual: {
              visualId: 'fares-by-currency',
              title: title('Fares by currency'),
              chartConfiguration: {
                fieldWells: {
                  tableAggregatedFieldWells: {
                    groupBy: [dimension('currency', 'currency')],
                    values: [count('currency-rides'), sum('currency-fares', 'fare_amount')],
                  },
                },
              },
            },
          },
          {
            barChartVisual: {
              visualId: 'revenue-by-city',
              title: title('Fares by city, one panel per currency'),
              chartConfiguration: {
                orientation: 'HORIZONTAL',
                fieldWells: {
                  barChartAggregatedFieldWells: {
                    category: [dimension('city', 'city')],
                    values: [sum('city-revenue', 'fare_amount')],
                    smallMultiples: [dimension('city-currency', 'currency')],
                  },
                },
                // Each currency on its own axis: bars of different currencies are never compared.
                smallMultiplesOptions: {
                  xAxis: { scale: 'INDEPENDENT' },
                  yAxis: { scale: 'INDEPENDENT' },
                },
                sortConfiguration: {
                  categorySort: [{ fieldSort: { fieldId: 'city-revenue', direction: 'DESC' } }],
                },
              },
            },
          },
          {
            lineChartVisual: {
              visualId: 'rides-per-day',
              title: title('Rides per day'),
              chartConfiguration: {
                fieldWells: {
                  lineChartAggregatedFieldWells: {
                    category: [
                      {
                        dateDimensionField: {
                          fieldId: 'day',
                          column: column('requested_at'),
                          dateGranularity: 'DAY',
                        },
                      },
                    ],
                    values: [count('daily-rides')],
                    colors: [{ categoricalDimensionField: { fieldId: 'status', column: column('status') } }],
                  },
                },
              },
            },
          },
        ],
      },
    ],
  };
}
