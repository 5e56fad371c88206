import { type CostModel, HOURS_PER_MONTH, numberProperty, stringProperty } from './cost-model.ts';
import type { PriceQuery } from './price-query.ts';
import { PRICE_SERVICES } from './price-services.ts';

/** Schedulers included in the environment price. */
const INCLUDED_SCHEDULERS = 2;
const ABSENT = 'Amazon MWAA is not offered in every region';
/** The Price List names sizes `Small`, not `small`. */
const capitalize = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
const hourlyPrice = (id: string, description: string, type: string, size: string): PriceQuery => ({
  id,
  unit: 'Hrs',
  description,
  attributes: { type, size: capitalize(size) },
  optional: ABSENT,
});

/**
 * Managed Workflows for Apache Airflow: environment hours, extra workers and schedulers, metadata storage.
 *
 * Pricing: https://aws.amazon.com/managed-workflows-for-apache-airflow/pricing/
 */
export const mwaaEnvironment: CostModel = {
  types: ['AWS::MWAA::Environment'],
  service: 'Amazon MWAA',
  usage: {
    averageExtraWorkers: {
      description: 'Workers running above MinWorkers, on average',
      unit: 'workers',
      default: 0,
    },
    metadataGb: { description: 'Metadata database storage', unit: 'GB', default: 1 },
  },
  prices: [
    {
      service: PRICE_SERVICES.mwaa,
      queries: [
        ...['micro', 'small', 'medium', 'large'].map((size) =>
          hourlyPrice(`mwaa.environment.mw1.${size}`, `MWAA environment mw1.${size}`, 'Environment', size),
        ),
        ...['worker', 'scheduler'].flatMap((role) =>
          ['small', 'medium', 'large'].map((size) =>
            hourlyPrice(
              `mwaa.${role}.mw1.${size}`,
              `MWAA additional ${role} mw1.${size}`,
              capitalize(role),
              size,
            ),
          ),
        ),
        {
          id: 'mwaa.metadb-storage',
          unit: 'GB-Mo',
          description: 'MWAA meta database storage',
          usageType: 'Airflow-StandardDatabaseStorage',
          optional: ABSENT,
        },
      ],
    },
  ],
  components: ({ resource, usage }) => {
    const environmentClass = stringProperty(resource, 'EnvironmentClass', 'mw1.small');
    const minWorkers = numberProperty(resource, 'MinWorkers', 1);
    const schedulers = numberProperty(resource, 'Schedulers', INCLUDED_SCHEDULERS);
    const extraWorkers = Math.max(0, minWorkers - 1) + usage('averageExtraWorkers');
    const extraSchedulers = Math.max(0, schedulers - INCLUDED_SCHEDULERS);
    const hourly = (name: string, priceId: string, count: number, basis: string) =>
      count > 0 ? [{ name, priceId, quantity: HOURS_PER_MONTH * count, idle: true, basis }] : [];
    return [
      ...hourly(
        `Environment (${environmentClass})`,
        `mwaa.environment.${environmentClass}`,
        1,
        '730 h, one worker and two schedulers included',
      ),
      ...hourly(
        'Additional workers',
        `mwaa.worker.${environmentClass}`,
        extraWorkers,
        `730 h × ${extraWorkers} workers (MinWorkers − 1 + averageExtraWorkers)`,
      ),
      ...hourly(
        'Additional schedulers',
        `mwaa.scheduler.${environmentClass}`,
        extraSchedulers,
        `730 h × ${extraSchedulers} schedulers beyond 2`,
      ),
      {
        name: 'Metadata storage',
        priceId: 'mwaa.metadb-storage',
        quantity: usage('metadataGb'),
        idle: true,
        basis: 'metadataGb',
      },
    ];
  },
};
