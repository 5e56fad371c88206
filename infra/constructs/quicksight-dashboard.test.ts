import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { resourcesOfType } from '../../test/assembly.ts';
import { variantStackOf } from '../../test/variant-app.ts';
import {
  everythingOn,
  QUICKSIGHT_ANALYST,
  QUICKSIGHT_EUROPE,
  QUICKSIGHT_VIEWERS,
} from '../../test/variants.ts';
import { cityRulesSql, MONEY_COLUMNS } from './quicksight-dashboard.ts';

type Json = Record<string, any>;

// The every-switch-on dev app: QuickSight on, SPICE, viewers, row- and column-level security.
const analytics = () => variantStackOf('all-switches-on', 'dev', 'analytics');
const ofType = (type: string) =>
  resourcesOfType(analytics(), type).map(([, r]) => (r.Properties ?? {}) as Json);
const owner = everythingOn().analytics.quicksight.principalArn;

/** Every object in a JSON tree that has `key`, with the value under it. */
function findAll(node: unknown, key: string): unknown[] {
  if (!node || typeof node !== 'object') return [];
  const own = key in node ? [(node as Json)[key]] : [];
  return [...own, ...Object.values(node).flatMap((child) => findAll(child, key))];
}

describe('the QuickSight dashboard', () => {
  it('sums no money over several currencies: every visual with fares also splits by currency', () => {
    const [dashboard] = ofType('AWS::QuickSight::Dashboard');
    const visuals = dashboard?.Definition.Sheets.flatMap((sheet: Json) => sheet.Visuals) as Json[];
    const withMoney = visuals.filter((visual) =>
      findAll(visual, 'NumericalMeasureField').some((field) =>
        (MONEY_COLUMNS as readonly string[]).includes((field as Json).Column.ColumnName),
      ),
    );
    expect(withMoney.length).toBeGreaterThan(0);
    for (const visual of withMoney) {
      const [kind] = Object.keys(visual);
      const wells = findAll(visual, 'FieldWells')[0] as Json;
      // The dimensions a visual draws its measures apart by.
      const splits = ['Category', 'Colors', 'SmallMultiples', 'GroupBy'].flatMap((slot) =>
        findAll(wells, slot).flatMap((fields) =>
          findAll(fields, 'CategoricalDimensionField').map((f) => (f as Json).Column.ColumnName),
        ),
      );
      expect(splits, `${kind} ${JSON.stringify(visual).slice(0, 80)}`).toContain('currency');
    }
  });

  it('refreshes the SPICE dataset in full every day at the configured UTC time', () => {
    const [schedule] = ofType('AWS::QuickSight::RefreshSchedule');
    const [rides] = ofType('AWS::QuickSight::DataSet').filter((d) => d.DataSetId === 'launchpad-dev-rides');
    expect(rides?.ImportMode).toBe('SPICE');
    expect(schedule).toMatchObject({
      DataSetId: 'launchpad-dev-rides',
      Schedule: {
        RefreshType: 'FULL_REFRESH',
        ScheduleFrequency: { Interval: 'DAILY', TimeOfTheDay: '05:00', TimeZone: 'UTC' },
      },
    });
    // The live (DIRECT_QUERY) dataset of the repository's own configs has nothing to refresh.
  });

  it('applies row-level security from a permissions dataset of cities per user or group', () => {
    const dataSets = ofType('AWS::QuickSight::DataSet');
    const rules = dataSets.find((d) => d.UseAs === 'RLS_RULES');
    const rides = dataSets.find((d) => d.DataSetId === 'launchpad-dev-rides');
    expect(rules).toMatchObject({ DataSetId: 'launchpad-dev-rides-city-rules', ImportMode: 'SPICE' });
    expect(rides?.RowLevelPermissionDataSet).toMatchObject({
      PermissionPolicy: 'GRANT_ACCESS',
      FormatVersion: 'VERSION_2',
    });
    expect(JSON.stringify(rides?.RowLevelPermissionDataSet.Arn)).toContain('CityRules');
    const sql = rules?.PhysicalTableMap.rules.CustomSql.SqlQuery;
    expect(sql).toContain(QUICKSIGHT_EUROPE);
    expect(sql).toContain("'London,Paris,Berlin'");
    expect(rules?.PhysicalTableMap.rules.CustomSql.Columns.map((c: Json) => c.Name)).toEqual([
      'UserARN',
      'GroupARN',
      'city',
    ]);
  });

  it('lets only the owner see fares and tips, and the viewers only view the dashboard', () => {
    const rides = ofType('AWS::QuickSight::DataSet').find((d) => d.DataSetId === 'launchpad-dev-rides');
    expect(rides?.ColumnLevelPermissionRules).toEqual([
      { Principals: [owner], ColumnNames: ['fare_amount', 'tip_amount'] },
    ]);
    const [dashboard] = ofType('AWS::QuickSight::Dashboard');
    const viewer = dashboard?.Permissions.find((p: Json) => p.Principal === QUICKSIGHT_VIEWERS);
    expect(viewer?.Actions.sort()).toEqual([
      'quicksight:DescribeDashboard',
      'quicksight:ListDashboardVersions',
      'quicksight:QueryDashboard',
    ]);
    expect(JSON.stringify(rides?.Permissions)).not.toContain(QUICKSIGHT_VIEWERS);
  });
});

describe('cityRulesSql', () => {
  it('is a query of constant rows that Trino-style engines run: a principal per row, its cities as one list', async () => {
    const sql = cityRulesSql([
      { principalArn: QUICKSIGHT_EUROPE, cities: ['London', 'Paris'] },
      { principalArn: QUICKSIGHT_ANALYST, cities: ["Martha's Vineyard"] },
    ]);
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      const rows = (await connection.runAndReadAll(sql)).getRowObjectsJS();
      expect(rows).toEqual([
        { UserARN: null, GroupARN: QUICKSIGHT_EUROPE, city: 'London,Paris' },
        { UserARN: QUICKSIGHT_ANALYST, GroupARN: null, city: "Martha's Vineyard" },
      ]);
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });
});
