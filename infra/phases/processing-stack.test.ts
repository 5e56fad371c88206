import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveIntrinsics } from '../../lib/assembly/intrinsics.ts';
import { loadEnvironmentConfig } from '../../lib/config/load-config.ts';
import { assemblyDir, resourcesOfType, stackOf } from '../../test/assembly.ts';
import { actionsOf, roleStatements } from '../../test/iam.ts';
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
      const [[, role] = []] = resourcesOfType(stack(), 'AWS::IAM::Role').filter(([id]) =>
        JSON.stringify(props.Role).includes(`"${id}"`),
      );
      expect(role?.Properties?.RoleName).toBe(`${name}-job`);
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

  /** What a job's role may do in S3, as `action → ['<zone>/<key pattern>', ...]`. */
  const s3Access = (job: string) => {
    const access: Record<string, string[]> = {};
    for (const statement of roleStatements(stack(), `${job}-job`).filter((s) => s.Effect === 'Allow')) {
      const resources = [resolveIntrinsics(statement.Resource, { region: 'us-east-1', account: '123' })]
        .flat()
        .map((arn) => String(arn).replace(/^arn:aws:s3:::launchpad-dev-([a-z]+)-123/, '$1'));
      for (const action of actionsOf(statement).filter((a) => a.startsWith('s3:'))) {
        access[action] = [...new Set([...(access[action] ?? []), ...resources])].sort();
      }
    }
    return access;
  };

  it('raw → clean reads the raw ride folders and writes clean: nothing of curated, no deletes in raw', () => {
    const access = s3Access('launchpad-dev-raw-to-clean');
    expect(access['s3:ListBucket']).toEqual(['clean', 'raw']);
    expect(access['s3:GetObject']?.filter((r) => !r.includes('cdk-'))).toEqual([
      'clean/glue-temp/*',
      'clean/quarantine/rides/*',
      'clean/rides/*',
      'raw/stream/rides/*',
      'raw/uploads/rides/*',
    ]);
    const written = ['clean/glue-temp/*', 'clean/quarantine/rides/*', 'clean/rides/*'];
    expect(access['s3:PutObject']).toEqual(written);
    expect(access['s3:DeleteObject']).toEqual(written);
    // Every path the job is told to write is one it may write.
    const args = job('launchpad-dev-raw-to-clean').DefaultArguments;
    for (const name of ['--clean_path', '--quarantine_path', '--TempDir']) {
      const url = JSON.stringify(resolveIntrinsics(args[name], { region: 'us-east-1', account: '123' }));
      expect(written, name).toContain(
        `${url.replace(/^"s3:\/\/launchpad-dev-([a-z]+)-123\/(.*)"$/, '$1/$2')}*`,
      );
    }
    expect(JSON.stringify(access)).not.toContain('curated');
  });

  it('clean → curated reads clean rides and writes curated: never raw, never a write to clean', () => {
    const access = s3Access('launchpad-dev-clean-to-curated');
    expect(access['s3:GetObject']?.filter((r) => !r.includes('cdk-'))).toEqual([
      'clean/rides/*',
      'curated/glue-temp/*',
      'curated/rides/*',
    ]);
    expect(access['s3:PutObject']).toEqual(['curated/glue-temp/*', 'curated/rides/*']);
    expect(access['s3:DeleteObject']).toEqual(['curated/glue-temp/*', 'curated/rides/*']);
    expect(JSON.stringify(access)).not.toContain('raw');
  });

  it.each([
    ['launchpad-dev-raw-to-clean', ['launchpad_dev_clean', 'launchpad_dev_raw']],
    ['launchpad-dev-clean-to-curated', ['launchpad_dev_clean', 'launchpad_dev_curated']],
  ])('%s reads the catalog of its own zones only, never the audit database', (job, databases) => {
    const glue = roleStatements(stack(), `${job}-job`).filter((s) =>
      actionsOf(s).some((a) => a.startsWith('glue:')),
    );
    const named = new Set(
      glue.flatMap((s) =>
        [...JSON.stringify(s.Resource).matchAll(/(?:database|table)\/(\w+)/g)].map((m) => m[1]),
      ),
    );
    expect([...named].sort()).toEqual(databases);
    expect(glue.flatMap(actionsOf).every((a) => a.startsWith('glue:Get'))).toBe(true);
  });

  it('each job role also reads its own script and the transforms, and writes Glue logs and metrics only', () => {
    for (const job of ['launchpad-dev-raw-to-clean', 'launchpad-dev-clean-to-curated']) {
      const statements = roleStatements(stack(), `${job}-job`);
      const scripts = statements.find((s) => s.Sid === 'ScriptsAndLibraries');
      expect([scripts?.Resource].flat()).toHaveLength(2);
      expect(JSON.stringify(scripts?.Resource)).not.toContain('*');
      const other = statements
        .flatMap(actionsOf)
        .filter((a) => !a.startsWith('s3:') && !a.startsWith('glue:') && !a.startsWith('kms:'));
      expect([...new Set(other)].sort()).toEqual([
        'cloudwatch:PutMetricData',
        'logs:AssociateKmsKey',
        'logs:CreateLogGroup',
        'logs:CreateLogStream',
        'logs:PutLogEvents',
      ]);
    }
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
