import { describe, expect, it } from 'vitest';
import { en } from '../locales/en.ts';
import { km } from '../locales/km.ts';
import { th } from '../locales/th.ts';
import { type CheckoutLocalePack, localePackFor } from './locale-pack.ts';

describe('localePackFor', () => {
  const packs = [th, km];

  it('finds a pack by tag or language, in any case', () => {
    expect(localePackFor('th', packs)).toEqual({ pack: th, matched: true });
    expect(localePackFor('th-TH', packs)).toEqual({ pack: th, matched: true });
    expect(localePackFor('km-KH', packs)).toEqual({ pack: km, matched: true });
    expect(localePackFor('KM', packs)).toEqual({ pack: km, matched: true });
  });

  it('prefers an exact regional pack over the language pack', () => {
    const thTH: CheckoutLocalePack = { ...th, locale: 'th-TH' };
    expect(localePackFor('th-TH', [th, thTH]).pack).toBe(thTH);
    expect(localePackFor('th-th', [th, thTH]).pack).toBe(thTH);
    expect(localePackFor('th', [th, thTH]).pack).toBe(th);
  });

  it('falls back to English, which is built in, and says when that is a miss', () => {
    expect(localePackFor('en-GB', packs)).toEqual({ pack: en, matched: true });
    expect(localePackFor('en')).toEqual({ pack: en, matched: true });
    // Thai asked for but not passed in: English stands in.
    expect(localePackFor('th-TH')).toEqual({ pack: en, matched: false });
    expect(localePackFor('xx', packs)).toEqual({ pack: en, matched: false });
  });
});
