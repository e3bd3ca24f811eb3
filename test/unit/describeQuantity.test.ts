import { describe, expect, it } from 'vitest';
import { canonicalQuantity } from '../../src/kube/describe/quantity.js';

describe('canonicalQuantity (resource.Quantity.String after JSON decoding)', () => {
  const cases: [string | number, string][] = [
    ['100m', '100m'],
    ['0.5', '500m'],
    ['1000m', '1'],
    ['1024Mi', '1Gi'],
    ['1Gi', '1Gi'],
    ['1.5Gi', '1536Mi'],
    ['128974848', '128974848'],
    ['129e6', '129e6'],
    ['129M', '129M'],
    ['123Mi', '123Mi'],
    ['1e3', '1e3'],
    ['1000', '1k'],
    ['1500', '1500'],
    ['0.1m', '100u'],
    ['1Ki', '1Ki'],
    ['1023Ki', '1023Ki'],
    ['512', '512'],
    ['1.5', '1500m'],
    ['0.0001', '100u'],
    ['0', '0'],
    ['0.5Ki', '512'],
    ['0.5Mi', '512Ki'],
    ['1n', '1n'],
    ['0.1n', '1n'],
    [2, '2'],
    [0.25, '250m'],
  ];
  it.each(cases)('%s → %s', (input, expected) => {
    expect(canonicalQuantity(input)).toBe(expected);
  });
  it('leaves an unparsable value as it is', () => {
    expect(canonicalQuantity('lots')).toBe('lots');
  });
});
