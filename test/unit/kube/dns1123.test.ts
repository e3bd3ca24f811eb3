import { describe, expect, test } from 'vitest';
import { DNS1123_LABEL_MESSAGE, DNS1123_SUBDOMAIN_MESSAGE, dns1123LabelErrors, dns1123SubdomainErrors } from '../../../src/kube/dns1123.js';

describe('RFC 1123 names (apimachinery IsDNS1123Label / IsDNS1123Subdomain)', () => {
  test.each([
    ['web-1', []],
    ['a', []],
    ['Web', [DNS1123_LABEL_MESSAGE]],
    ['-web', [DNS1123_LABEL_MESSAGE]],
    ['a.b', [DNS1123_LABEL_MESSAGE]],
    ['a'.repeat(64), ['must be no more than 63 characters']],
  ])('label %j', (value, errors) => {
    expect(dns1123LabelErrors(value)).toEqual(errors);
  });

  test.each([
    ['example.com', []],
    ['a.b-c.d', []],
    ['Example.com', [DNS1123_SUBDOMAIN_MESSAGE]],
    ['a..b', [DNS1123_SUBDOMAIN_MESSAGE]],
    ['a'.repeat(254), ['must be no more than 253 characters']],
  ])('subdomain %j', (value, errors) => {
    expect(dns1123SubdomainErrors(value)).toEqual(errors);
  });
});
