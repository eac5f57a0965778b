import { describe, expect, it } from 'vitest';
import { shippedCatalog } from '../../src/bedrock/catalog.js';
import { suggestCatalogIds } from '../../src/bedrock/catalog-suggestions.js';

describe('suggestCatalogIds', () => {
  const catalog = shippedCatalog();

  it('finds the dated id of a misspelt id written without its date and version', () => {
    expect(suggestCatalogIds(catalog, 'anthropic.claude-sonet-4-5')).toContain(
      'anthropic.claude-sonnet-4-5-20250929-v1:0',
    );
  });

  it('finds the id a typo away, first', () => {
    expect(suggestCatalogIds(catalog, 'amazon.nova-pro-v1:1')[0]).toBe('amazon.nova-pro-v1:0');
  });

  it('suggests nothing for text that resembles no model', () => {
    expect(suggestCatalogIds(catalog, 'zzzzzzzzzzzzzzzzzzzzzzzz')).toEqual([]);
  });
});
