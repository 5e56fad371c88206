/**
 * Names every resource `${project}-${environment}-${purpose}`, so a name tells which environment owns it
 * and one environment's policies can be scoped to its own names.
 */
export class ResourceNames {
  constructor(
    readonly project: string,
    readonly environment: string,
  ) {}

  /** `${project}-${environment}` — the prefix every name of this environment starts with. */
  get prefix(): string {
    return `${this.project}-${this.environment}`;
  }

  resource(purpose: string): string {
    return `${this.prefix}-${purpose}`;
  }

  /**
   * S3 bucket names are global: the account id keeps two learners' `launchpad-dev-raw` apart. In a stack,
   * pass `Stack.of(scope).account` (a token resolved at deploy time).
   */
  bucket(purpose: string, account: string): string {
    return `${this.resource(purpose)}-${account}`;
  }

  /** Glue and Athena identifiers allow no hyphens. */
  glueDatabase(purpose: string): string {
    return `${this.project}_${this.environment}_${purpose}`.replaceAll('-', '_');
  }

  /** Log group of the Glue jobs' continuous logs: under /aws-glue/, where the ETL role may write. */
  get glueJobLogGroup(): string {
    return `/aws-glue/${this.prefix}/jobs`;
  }

  /** Name pattern matching all Glue databases of this environment, for scoping policies. */
  get glueDatabasePattern(): string {
    return `${this.project}_${this.environment}_*`.replaceAll('-', '_');
  }
}
