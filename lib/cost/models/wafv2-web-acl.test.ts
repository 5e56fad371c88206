import { describe, expect, it } from 'vitest';
import { componentsOf, monthlyCost, quantities, usageDefaults, usageRead } from './model-test-kit.ts';
import { webAcl } from './wafv2-web-acl.ts';

describe('WAF web ACL', () => {
  it('bills the web ACL and each entry of Rules, idle or not, and the requests inspected', () => {
    const rules = [{ Name: 'a' }, { Name: 'b' }, { Name: 'managed' }];
    expect(quantities(componentsOf(webAcl, { Rules: rules }, { requests: 5 }))).toEqual({
      'waf.web-acl': 1,
      'waf.rule': 3,
      'waf.requests': 5,
    });
    expect(
      componentsOf(webAcl, { Rules: rules })
        .filter((c) => c.idle)
        .map((c) => c.priceId),
    ).toEqual(['waf.web-acl', 'waf.rule']);
    expect(quantities(componentsOf(webAcl, { Rules: { Ref: 'Rules' } }))).toMatchObject({ 'waf.rule': 0 });
    expect(usageDefaults(webAcl)).toEqual({ requests: 10_000 });
    expect(usageRead(webAcl)).toEqual(['requests']);
  });

  it('prices as Infracost does: $5 + 18 rules × $1 + 1 million requests × $0.60 = $23.60', () => {
    // aws_wafv2_web_acl.my_waf2 of wafv2_web_acl_test.golden: 16 rules, a rule group and a managed group.
    const rules = Array.from({ length: 18 }, (_, i) => ({ Name: `r${i}` }));
    expect(monthlyCost(componentsOf(webAcl, { Rules: rules }, { requests: 1e6 })).after).toBeCloseTo(23.6, 6);
  });
});
