import { readFileSync } from 'node:fs';
import { Stack } from 'aws-cdk-lib';
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
const DATASET = 'rides';

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
}

/**
 * "Visualize" deployed, not clicked together: an Athena data source through a role of its own, a dataset
 * over the curated rides table, and a dashboard defined as code (KPIs, revenue by city, rides per day).
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
    const dataSet = new quicksight.CfnDataSet(this, 'Rides', {
      awsAccountId: stack.account,
      dataSetId: names.resource('rides'),
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
    });

    this.dashboard = new quicksight.CfnDashboard(this, 'Dashboard', {
      awsAccountId: stack.account,
      dashboardId: names.resource('rides'),
      name: `${names.prefix} rides`,
      definition: ridesDefinition(dataSet.attrArn),
      permissions: [{ principal: principalArn, actions: OWNER_ACTIONS.dashboard }],
      dashboardPublishOptions: { adHocFilteringOption: { availabilityStatus: 'ENABLED' } },
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

/** One sheet: ride and revenue KPIs, revenue by city (bar), completed rides per day (line). */
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
            kpiVisual: {
              visualId: 'revenue-kpi',
              title: title('Fares (sum)'),
              chartConfiguration: { fieldWells: { values: [sum('revenue', 'fare_amount')] } },
            },
          },
          {
            barChartVisual: {
              visualId: 'revenue-by-city',
              title: title('Fares by city'),
              chartConfiguration: {
                orientation: 'HORIZONTAL',
                fieldWells: {
                  barChartAggregatedFieldWells: {
                    category: [{ categoricalDimensionField: { fieldId: 'city', column: column('city') } }],
                    values: [sum('city-revenue', 'fare_amount')],
                  },
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
