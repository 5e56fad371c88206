import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEnvironmentConfig } from '../../lib/config/load-config.ts';
import { assemblyDir, resourcesOfType, stackOf } from '../../test/assembly.ts';
import { actionsOf, type Statement } from '../../test/iam.ts';
import { GLUE_JOBS_FILE } from './processing/glue-job-settings.ts';

const stack = () => stackOf('dev', 'processing');
const job = (name: string) => {
  const found = resourcesOfType(stack(), 'AWS::Glue::Job').find(([, r]) => r.Properties?.Name === name);
  if (!found) throw new Error(`no job ${name}`);
  return found[1].Properties as Record<string, any>;
};

describe('the processing stack (dev)', () => {
  const config = loadEnvironmentConfig('dev');

  it.each(['launchpad-dev-raw-to-clean', 'launchpad-dev-clean-to-curated'])(
    '%s: a Glue 5.0 Spark job sized and bounded by config',
    (name) => {
      const props = job(name);
      expect(props).toMatchObject({
        GlueVersion: '5.0',
        Command: { Name: 'glueetl', PythonVersion: '3' },
        WorkerType: config.processing.workerType,
        NumberOfWorkers: config.processing.numberOfWorkers,
        Timeout: config.processing.timeoutMinutes,
        MaxRetries: config.processing.maxRetries,
        ExecutionProperty: { MaxConcurrentRuns: 1 },
      });
      expect(props.DefaultArguments).toMatchObject({
        '--job-bookmark-option': 'job-bookmark-enable',
        '--enable-continuous-cloudwatch-log': 'true',
        '--enable-metrics': 'true',
      });
      expect(JSON.stringify(props.Role)).toContain('role/launchpad-dev-etl');
    },
  );

  it('gives each job the Glue version, arguments and Delta settings of pipeline/glue/jobs.json', () => {
    const jobs = JSON.parse(readFileSync(GLUE_JOBS_FILE, 'utf8')) as Record<
      string,
      { glueVersion: string; defaultArguments: Record<string, string> }
    >;
    // `s3://<raw bucket>/` in the file, the bucket of this environment and account in the template.
    const text = (value: unknown): string =>
      typeof value === 'string'
        ? value
        : ((value as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1] ?? [])
            .map((part) => (typeof part === 'string' ? part : `{${(part as { Ref: string }).Ref}}`))
            .join('');
    expect(Object.keys(jobs)).toEqual(['raw-to-clean', 'clean-to-curated']);
    for (const [purpose, settings] of Object.entries(jobs)) {
      const props = job(`launchpad-dev-${purpose}`);
      expect(props.GlueVersion).toBe(settings.glueVersion);
      for (const [name, value] of Object.entries(settings.defaultArguments)) {
        const expected = value.replace(/<(\w+) bucket>/, 'launchpad-dev-$1-{AWS::AccountId}');
        expect(text(props.DefaultArguments[name]), `${purpose} ${name}`).toBe(expected);
      }
    }
  });

  it('writes the curated zone as Delta Lake with schema merging on', () => {
    const args = job('launchpad-dev-clean-to-curated').DefaultArguments;
    expect(args['--datalake-formats']).toBe('delta');
    expect(args['--conf']).toContain('spark.sql.extensions=io.delta.sql.DeltaSparkSessionExtension');
    expect(args['--conf']).toContain('spark.databricks.delta.schema.autoMerge.enabled=true');
  });

  it('adds to the ETL role only what Glue needs: its logs, metrics, the scripts, the catalog', () => {
    const [[, policy] = []] = resourcesOfType(stack(), 'AWS::IAM::Policy');
    expect(policy?.Properties?.Roles).toEqual(['launchpad-dev-etl']);
    const statements =
      (policy?.Properties?.PolicyDocument as { Statement?: Statement[] } | undefined)?.Statement ?? [];
    expect(statements.flatMap(actionsOf).filter((a) => a.startsWith('s3:'))).toEqual(['s3:GetObject']);
    const scripts = statements.find((s) => s.Sid === 'ScriptsAndLibraries');
    expect([scripts?.Resource].flat()).toHaveLength(3);
    expect(JSON.stringify(scripts?.Resource)).not.toContain('*');
  });

  it('ships the job scripts and the pure transforms as assets', () => {
    const props = job('launchpad-dev-raw-to-clean');
    expect(JSON.stringify(props.Command.ScriptLocation)).toMatch(/\.py/);
    expect(JSON.stringify(props.DefaultArguments['--extra-py-files'])).toMatch(/\.zip/);
  });
});

describe('the transforms library of the Glue jobs', () => {
  it('holds the pipeline.glue.transforms package the scripts import, and no tests', () => {
    const dir = readdirSync(assemblyDir())
      .map((d) => path.join(assemblyDir(), d))
      .find((d) => existsSync(path.join(d, 'pipeline/glue/transforms/events.py')));
    expect(dir, 'a bundled asset with pipeline/glue/transforms').toBeDefined();
    const files = readdirSync(path.join(dir ?? '', 'pipeline/glue/transforms'));
    expect(files).toContain('rides.py');
    expect(files.filter((f) => f.startsWith('test_') || !f.endsWith('.py'))).toEqual([]);
    expect(existsSync(path.join(dir ?? '', 'pipeline/__init__.py'))).toBe(true);
  });
});
