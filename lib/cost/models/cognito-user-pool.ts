import type { CostModel } from './cost-model.ts';
import { stringProperty } from './cost-model.ts';
import { PRICE_SERVICES } from './price-services.ts';

const TIERS = ['LITE', 'ESSENTIALS', 'PLUS'] as const;
type Tier = (typeof TIERS)[number];

/**
 * Cognito user pools: monthly active users (MAUs) at the rate of the pool's feature plan (`UserPoolTier`,
 * Essentials when unset, as for every new pool). Essentials and Lite include 10,000 MAUs a month that never
 * expire; Plus has none. Federated (SAML/OIDC) users, machine-to-machine token requests and SMS/email
 * messages are not priced here. App clients, domains and groups cost nothing.
 *
 * Pricing: https://aws.amazon.com/cognito/pricing/
 */
export const cognitoUserPool: CostModel = {
  types: ['AWS::Cognito::UserPool'],
  service: 'Amazon Cognito',
  usage: {
    monthlyActiveUsers: {
      description: 'Users who sign up, sign in, refresh a token or change their account in a month',
      unit: 'MAUs',
      default: 100,
    },
  },
  prices: [
    {
      service: PRICE_SERVICES.cognito,
      queries: [
        {
          id: 'cognito.mau.lite',
          unit: 'MAU',
          description: 'Cognito user pool monthly active user, Lite plan',
          usageType: 'CognitoUserPoolsMAU-Lite',
          unverified: 'the Lite bands after the first 100,000 MAUs could not be checked against an AWS page',
        },
        {
          id: 'cognito.mau.essentials',
          unit: 'MAU',
          description: 'Cognito user pool monthly active user, Essentials plan',
          usageType: 'CognitoUserPoolsMAU-Essentials',
          alwaysFree: {
            quantity: 10_000,
            note: 'Always free: 10,000 MAUs a month per account on the Essentials plan; it does not expire.',
          },
        },
        {
          id: 'cognito.mau.plus',
          unit: 'MAU',
          description: 'Cognito user pool monthly active user, Plus plan',
          usageType: 'CognitoUserPoolsMAU-Plus',
        },
      ],
    },
  ],
  components: ({ resource, usage }) => {
    const tier = planOf(stringProperty(resource, 'UserPoolTier', 'ESSENTIALS'));
    return [
      {
        name: `Monthly active users (${tier.toLowerCase()} plan)`,
        priceId: `cognito.mau.${tier.toLowerCase()}`,
        quantity: usage('monthlyActiveUsers'),
        basis: `monthlyActiveUsers, UserPoolTier ${tier}`,
      },
    ];
  },
};

/** A plan CloudFormation accepts, else Essentials (the default of new pools; an unresolved token too). */
function planOf(value: string): Tier {
  const upper = value.toUpperCase();
  return (TIERS as readonly string[]).includes(upper) ? (upper as Tier) : 'ESSENTIALS';
}
