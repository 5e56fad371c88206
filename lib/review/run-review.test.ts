import { describe, expect, it } from 'vitest';
import { variantDir } from '../../test/variant-app.ts';
import { runReview } from './run-review.ts';

describe('npm run review in a region without bundled prices', () => {
  it('still writes the comment, its cost part saying so and naming the command that fetches them', () => {
    const { markdown, review } = runReview({ assembly: variantDir('unpriced-region') });
    expect(markdown).toMatch(/^## Monthly cost estimate\n\n\*\*No prices are bundled for eu-west-1\*\*/);
    expect(markdown).toContain('`npm run prices:refresh -- --region eu-west-1`');
    // Nothing priced is invented: no dollar figure, and no resource there is priced.
    expect(markdown).not.toContain('$');
    expect(review.estimate.resources.filter((r) => r.status === 'priced')).toEqual([]);
  });
});
