import { describe, expect, it } from 'vitest';
import { glueCrawler } from './glue-crawler.ts';
import { componentsOf, monthlyCost, quantities, usageDefaults, usageRead } from './model-test-kit.ts';

const SCHEDULED = { Schedule: { ScheduleExpression: 'cron(0 2 * * ? *)' } };

describe('Glue crawler', () => {
  it('scheduled or manual runs, 10-minute minimum', () => {
    expect(quantities(componentsOf(glueCrawler, SCHEDULED))).toEqual({ 'glue.crawler.dpu-hour': 10 });
    expect(quantities(componentsOf(glueCrawler, {}, { averageMinutes: 30 }))).toEqual({
      'glue.crawler.dpu-hour': 4,
    });
  });

  it('reads the runs of its kind, their duration and DPUs; by default 30 scheduled or 4 manual runs', () => {
    expect(usageDefaults(glueCrawler)).toEqual({
      scheduledRunsPerMonth: 30,
      manualRunsPerMonth: 4,
      averageMinutes: 2,
      dpus: 2,
    });
    expect(usageRead(glueCrawler, SCHEDULED)).toEqual(['averageMinutes', 'dpus', 'scheduledRunsPerMonth']);
    expect(usageRead(glueCrawler)).toEqual(['averageMinutes', 'dpus', 'manualRunsPerMonth']);
  });

  it('has no always-free allowance', () => {
    const cost = monthlyCost(componentsOf(glueCrawler));
    expect(cost.before).toBeGreaterThan(0);
    expect(cost.after).toBe(cost.before);
  });
});
