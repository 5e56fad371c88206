import type { CostModel } from './cost-model.ts';
import { PRICE_SERVICES } from './price-services.ts';

/**
 * WAF web ACLs: a web-ACL-month and a rule-month for each entry of `Rules` (own rules, rule groups and
 * managed rule groups alike), deployed or idle, plus the requests inspected. Paid managed rule groups
 * (Bot Control, Fraud Control) add fees of their own, not priced here.
 *
 * Pricing: https://aws.amazon.com/waf/pricing/
 */
export const webAcl: CostModel = {
  types: ['AWS::WAFv2::WebACL'],
  service: 'AWS WAF',
  usage: {
    requests: { description: 'Web requests inspected per month', unit: 'requests', default: 10_000 },
  },
  prices: [
    {
      service: PRICE_SERVICES.waf,
      queries: [
        {
          id: 'waf.web-acl',
          unit: 'WebACL',
          description: 'WAF web ACL, per web-ACL-month',
          usageType: 'WebACLV2',
        },
        {
          id: 'waf.rule',
          unit: 'Rule',
          description: 'WAF rule or rule group in a web ACL, per rule-month',
          usageType: 'RuleV2',
        },
        {
          id: 'waf.requests',
          unit: 'Requests',
          description: 'WAF web requests inspected',
          usageType: 'RequestV2-Tier1',
        },
      ],
    },
  ],
  components: ({ resource, usage }) => {
    const rules = Array.isArray(resource.properties.Rules) ? resource.properties.Rules.length : 0;
    return [
      { name: 'Web ACL', priceId: 'waf.web-acl', quantity: 1, idle: true, basis: 'one web ACL' },
      {
        name: 'Rules and rule groups',
        priceId: 'waf.rule',
        quantity: rules,
        idle: true,
        basis: `${rules} entries of Rules`,
      },
      { name: 'Requests', priceId: 'waf.requests', quantity: usage('requests'), basis: 'requests' },
    ];
  },
};
