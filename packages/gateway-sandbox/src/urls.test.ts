import { describe, expect, it } from 'vitest';
import { isHttpUrl, originsOf } from './urls.ts';

describe('isHttpUrl', () => {
  it('accepts absolute http(s) URLs only', () => {
    expect(isHttpUrl('https://shop.example/return?x=1')).toBe(true);
    expect(isHttpUrl('http://127.0.0.1:5180/')).toBe(true);
    for (const bad of [
      '/relative',
      'ftp://x.example',
      'javascript:alert(1)',
      'http://',
      '',
      42,
      null,
    ]) {
      expect(isHttpUrl(bad)).toBe(false);
    }
  });
});

describe('originsOf', () => {
  it('keeps the origins of parsable URLs and skips the rest', () => {
    expect(
      originsOf('https://a.example/x', null, 'not a url', undefined, 'http://b.example:81/y'),
    ).toEqual(['https://a.example', 'http://b.example:81']);
  });
});
