import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadEnvironmentConfig } from '../../lib/config/load-config.ts';
import { readSqlFiles } from '../../lib/sql/sql-files.ts';
import { resourcesOfType, stackOf } from '../../test/assembly.ts';
import { actionsOf, type Statement } from '../../test/iam.ts';
import { LAKE_TABLES_FILE } from '../constructs/lake-catalog.ts';

const stack = () => stackOf('dev', 'analytics');
const table = (database: string, name: string) => {
  const found = resourcesOfType(stack(), 'AWS::Glue::Table').find(
    ([, r]) =>
      (r.Properties?.TableInput as { Name?: string } | undefined)?.Name === name &&
      JSON.stringify(r.Properties?.DatabaseName).includes(database),
  );
  if (!found) throw new Error(`no table ${database}.${name}`);
  return found[1].Properties?.TableInput as Record<string, any>;
};
const lakeTables = JSON.parse(readFileSync(LAKE_TABLES_FILE, 'utf8'));

describe('the analytics stack (dev)', () => {
  it('has one Glue database per zone it catalogs', () => {
    const names = resourcesOfType(stack(), 'AWS::Glue::Database').map(
      ([, r]) => (r.Properties?.DatabaseInput as { Name?: string } | undefined)?.Name,
    );
    expect(names.sort()).toEqual(['launchpad_dev_clean', 'launchpad_dev_curated']);
  });

  it('catalogs clean rides as Parquet with partition projection over the jobs’ folder layout', () => {
    const clean = table('CleanDatabase', 'rides');
    expect(clean.StorageDescriptor.Columns).toEqual(
      lakeTables.clean.columns.map((c: Record<string, string>) => ({
        Name: c.name,
        Type: c.type,
        Comment: c.comment,
      })),
    );
    expect(clean.PartitionKeys.map((k: { Name: string }) => k.Name)).toEqual(['year', 'month', 'day']);
    expect(clean.StorageDescriptor.SerdeInfo.SerializationLibrary).toMatch(/ParquetHiveSerDe/);
    expect(clean.Parameters).toMatchObject({
      'projection.enabled': 'true',
      'projection.month.digits': '2',
      'projection.day.digits': '2',
    });
    // The template must name the folders the raw → clean job writes (partitions.py: year=YYYY/month=MM/day=DD).
    const folders = ['year', 'month', 'day'].map((key) => `${key}=\${${key}}`).join('/');
    expect(JSON.stringify(clean.Parameters['storage.location.template'])).toContain(`rides/${folders}/`);
  });

  it('catalogs curated rides as a Delta Lake table Athena reads natively, with the newest schema', () => {
    const curated = table('CuratedDatabase', 'rides');
    expect(curated.Parameters.table_type).toBe('DELTA');
    expect(curated.StorageDescriptor.Columns.map((c: { Name: string }) => c.Name)).toContain('tip_amount');
    expect(JSON.stringify(curated.StorageDescriptor.Location)).toContain('/rides/');
    expect(curated.PartitionKeys.map((k: { Name: string }) => k.Name)).toEqual(['year', 'month']);
  });

  it('runs queries in a workgroup that enforces encrypted results, engine 3 and a scan cutoff', () => {
    const [[, workgroup] = []] = resourcesOfType(stack(), 'AWS::Athena::WorkGroup');
    const config = loadEnvironmentConfig('dev');
    expect(workgroup?.Properties).toMatchObject({
      Name: 'launchpad-dev-analytics',
      RecursiveDeleteOption: true,
      WorkGroupConfiguration: {
        EnforceWorkGroupConfiguration: true,
        PublishCloudWatchMetricsEnabled: true,
        BytesScannedCutoffPerQuery: config.analytics.bytesScannedCutoffMb * 1024 * 1024,
        EngineVersion: { SelectedEngineVersion: 'Athena engine version 3' },
        ResultConfiguration: { EncryptionConfiguration: { EncryptionOption: 'SSE_S3' } },
      },
    });
    expect(JSON.stringify(workgroup?.Properties)).toContain('launchpad-dev-athena-results-');
  });

  it('saves every query of pipeline/sql/named-queries in the workgroup, placeholders filled', () => {
    const saved = resourcesOfType(stack(), 'AWS::Athena::NamedQuery').map(([, r]) => r.Properties ?? {});
    expect(saved.map((q) => q.Name).sort()).toEqual(readSqlFiles('named-queries').map((f) => f.name));
    for (const query of saved) {
      expect(query).toMatchObject({
        WorkGroup: 'launchpad-dev-analytics',
        Database: 'launchpad_dev_curated',
      });
      expect(query.QueryString).not.toMatch(/\{\{/);
      expect(query.Description).toEqual(expect.any(String));
    }
  });

  it('creates the views of pipeline/sql/views on deploy, after the tables, dropping them on delete in dev', () => {
    const [[id, views] = []] = resourcesOfType(stack(), 'Custom::AthenaDdl');
    const statements = views?.Properties?.Statements as { Name: string; Sql: string; DropSql: string }[];
    expect(statements.map((s) => s.Name)).toEqual(readSqlFiles('views').map((f) => f.name));
    for (const statement of statements) {
      expect(statement.Sql).toMatch(/^CREATE OR REPLACE VIEW "launchpad_dev_curated"\./);
      expect(statement.DropSql).toBe(`DROP VIEW IF EXISTS "launchpad_dev_curated"."${statement.Name}"`);
    }
    expect(views?.Properties).toMatchObject({ WorkGroup: 'launchpad-dev-analytics', DropOnDelete: 'true' });
    const dependsOn = (stack().template.Resources[id ?? ''] as { DependsOn?: string[] }).DependsOn ?? [];
    const tableIds = resourcesOfType(stack(), 'AWS::Glue::Table').map(([tableId]) => tableId);
    expect(dependsOn).toEqual(expect.arrayContaining(tableIds));
  });

  it('lets the view runner touch only its workgroup, the two databases and the results folder', () => {
    const [[, fn] = []] = resourcesOfType(stack(), 'AWS::Lambda::Function').filter(
      ([, r]) => r.Properties?.FunctionName === 'launchpad-dev-athena-views',
    );
    const roleId = (fn?.Properties?.Role as { 'Fn::GetAtt': [string] } | undefined)?.['Fn::GetAtt'][0];
    expect(roleId).toBeDefined();
    const statements = resourcesOfType(stack(), 'AWS::IAM::Policy')
      .filter(([, r]) => JSON.stringify(r.Properties?.Roles).includes(`"${roleId}"`))
      .flatMap(
        ([, r]) => (r.Properties?.PolicyDocument as { Statement?: Statement[] } | undefined)?.Statement ?? [],
      );
    const resourcesFor = (action: string) =>
      JSON.stringify(statements.filter((s) => actionsOf(s).includes(action)).map((s) => s.Resource));
    expect(resourcesFor('athena:StartQueryExecution')).toContain('workgroup/launchpad-dev-analytics');
    expect(resourcesFor('glue:CreateTable')).not.toMatch(/database\/\*|launchpad_dev_raw/);
    expect(resourcesFor('glue:CreateTable')).toContain('table/launchpad_dev_curated/*');
    expect(resourcesFor('s3:PutObject')).toContain('/athena/*');
    expect(
      statements
        .flatMap(actionsOf)
        .filter((a) => a.startsWith('athena:'))
        .sort(),
    ).toEqual(['athena:GetQueryExecution', 'athena:StartQueryExecution']);
  });
});
