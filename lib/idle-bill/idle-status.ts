/**
 * The idle bill of one environment: what is deployed and since when, what it costs a month with no traffic
 * at all (the estimate's idle components: hourly charges, keys, storage minimums), whether the opt-in
 * automatic teardown of dev is due, and the issue text that tells the owner.
 */
import type { Estimate } from '../cost/estimate/estimate-types.ts';
import type { DeployedStack } from './deployed-stacks.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface IdleResource {
  readonly resource: string;
  readonly service: string;
  readonly idleMonthly: number;
}

export interface IdleStatus {
  readonly environment: string;
  readonly stacks: readonly DeployedStack[];
  /** The creation of the oldest stack; null when nothing is deployed. */
  readonly upSince: Date | null;
  /** The latest creation or update of any stack; null when nothing is deployed. */
  readonly lastDeployAt: Date | null;
  /** Whole days since `upSince`. */
  readonly daysUp: number;
  /** Whole days since `lastDeployAt`. */
  readonly daysSinceDeploy: number;
  /** Monthly US dollars of the idle components of the deployed phases (the estimate's environment idle figure). */
  readonly idleMonthly: number;
  /** The resources that cost money idle, largest first. */
  readonly idleResources: readonly IdleResource[];
  /** `autoTeardownAfterDays` of the config; null when off. */
  readonly autoTeardownAfterDays: number | null;
  /** The automatic teardown is on and that many days have passed without a deploy. */
  readonly teardownDue: boolean;
}

export interface IdleStatusInput {
  readonly environment: string;
  readonly stacks: readonly DeployedStack[];
  /** The environment's estimate; none is needed when nothing is deployed. */
  readonly estimate: Estimate | undefined;
  readonly now: Date;
  readonly autoTeardownAfterDays: number | null;
}

export function idleStatus(input: IdleStatusInput): IdleStatus {
  const { environment, stacks, estimate, now } = input;
  const deployed = new Set(stacks.map((s) => s.name));
  const upSince = stacks.length > 0 ? new Date(Math.min(...stacks.map((s) => s.createdAt.getTime()))) : null;
  const lastDeployAt =
    stacks.length > 0 ? new Date(Math.max(...stacks.map((s) => s.lastChangedAt.getTime()))) : null;
  // Only the stacks that are there bill: a phase in the config but not deployed (or torn down) costs nothing.
  const resources = (estimate?.resources ?? []).filter(
    (r) => r.environment === environment && r.idle > 0 && deployedStack(r.stack, deployed),
  );
  const idleResources = resources
    .map((r) => ({ resource: `${r.stack}/${r.logicalId}`, service: r.service, idleMonthly: r.idle }))
    .sort((a, b) => b.idleMonthly - a.idleMonthly || a.resource.localeCompare(b.resource));
  const days = (since: Date | null) => (since ? Math.floor((now.getTime() - since.getTime()) / DAY_MS) : 0);
  const daysSinceDeploy = days(lastDeployAt);
  const after = input.autoTeardownAfterDays;
  return {
    environment,
    stacks,
    upSince,
    lastDeployAt,
    daysUp: days(upSince),
    daysSinceDeploy,
    idleMonthly: round(idleResources.reduce((n, r) => n + r.idleMonthly, 0)),
    idleResources,
    autoTeardownAfterDays: after,
    teardownDue: after !== null && stacks.length > 0 && daysSinceDeploy >= after,
  };
}

/**
 * The estimate names a stack `<env>/<phase>`; CloudFormation `<project>-<env>-<phase>`. A deployed name ending
 * in `-<phase>` is the phase's stack.
 */
function deployedStack(estimateStack: string, deployed: ReadonlySet<string>): boolean {
  const phase = estimateStack.split('/').pop() ?? estimateStack;
  return [...deployed].some((name) => name.endsWith(`-${phase}`));
}

const round = (n: number) => Math.round(n * 100) / 100;
const usd = (n: number) => `$${n.toFixed(2)}`;
const day = (d: Date) => d.toISOString().slice(0, 10);

/** The hidden line that marks the issue this workflow keeps for an environment, and only that one. */
export const idleIssueMarker = (environment: string) =>
  `<!-- launchpad:idle-bill environment=${environment} -->`;

export const idleIssueTitle = (environment: string) => `Idle bill: ${environment} is deployed`;

/** Where a person tears the environment down. */
const teardownHint = (environment: string) =>
  `Actions → teardown → Run workflow → environment \`${environment}\` (or \`npm run destroy -- --env ${environment}\`)`;

/** One line for logs and the job summary: `dev has been up 9 days; idle $11.65/month; tear down with: …`. */
export function idleHeadline(status: IdleStatus): string {
  if (status.stacks.length === 0) return `${status.environment} has nothing deployed: no idle bill.`;
  const up = status.daysUp === 1 ? '1 day' : `${status.daysUp} days`;
  return `${status.environment} has been up ${up}; idle ${usd(status.idleMonthly)}/month; tear down with: ${teardownHint(status.environment)}`;
}

/** The issue's body: the headline, the stacks, what bills idle and the automatic teardown's state. */
export function idleIssueBody(status: IdleStatus, now: Date): string {
  const env = status.environment;
  const lines = [
    idleIssueMarker(env),
    `**${idleHeadline(status)}**`,
    '',
    `Deployed since ${status.upSince ? day(status.upSince) : '—'}; last deploy ${status.lastDeployAt ? `${day(status.lastDeployAt)} (${status.daysSinceDeploy} days ago)` : '—'}.`,
    '',
    '| Stack | Status | Created | Last change |',
    '|---|---|---|---|',
    ...status.stacks.map(
      (s) => `| ${s.name} | ${s.status} | ${day(s.createdAt)} | ${day(s.lastChangedAt)} |`,
    ),
    '',
  ];
  if (status.idleResources.length > 0) {
    lines.push(
      "What costs money with no traffic at all (the estimate's idle components, after always-free allowances):",
      '',
      '| Resource | Service | Idle per month |',
      '|---|---|--:|',
      ...status.idleResources.map((r) => `| ${r.resource} | ${r.service} | ${usd(r.idleMonthly)} |`),
      '',
    );
  }
  if (status.autoTeardownAfterDays === null) {
    lines.push(
      env === 'dev'
        ? `Automatic teardown is off. To tear dev down after some days without a deploy, set \`"autoTeardownAfterDays"\` in \`config/dev.json\`.`
        : `Only dev can be torn down automatically; ${env} waits for you.`,
    );
  } else {
    const dueOn = status.lastDeployAt
      ? day(new Date(status.lastDeployAt.getTime() + status.autoTeardownAfterDays * DAY_MS))
      : '—';
    lines.push(
      status.teardownDue
        ? `Automatic teardown: ${env} has had no deploy for ${status.daysSinceDeploy} days (\`autoTeardownAfterDays\`: ${status.autoTeardownAfterDays}), so this run tears it down.`
        : `Automatic teardown: on ${dueOn}, after ${status.autoTeardownAfterDays} days without a deploy (\`autoTeardownAfterDays\` in \`config/${env}.json\`). A deploy before then moves the date.`,
    );
  }
  lines.push(
    '',
    `_Kept up to date daily by the idle-bill workflow (last checked ${day(now)}), which closes this issue once nothing is deployed._`,
  );
  return `${lines.join('\n')}\n`;
}
