import { describe, expect, it } from 'vitest';
import { likeRegExp } from './like.js';

describe('likeRegExp', () => {
  it('matches % as any run and _ as one character, over the whole value, case-sensitively', () => {
    expect(likeRegExp('NL-%').test('NL-0001')).toBe(true);
    expect(likeRegExp('NL-%').test('nl-0001')).toBe(false);
    expect(likeRegExp('_L-000_').test('NL-0001')).toBe(true);
    expect(likeRegExp('%park%').test('Windpark\nNoord')).toBe(true);
    expect(likeRegExp('a').test('ab')).toBe(false);
  });

  it('takes every other character literally, regular-expression syntax included', () => {
    for (const text of [
      'a.b',
      '(x)',
      '[y]',
      'a+b*c?',
      '$^',
      'a|b',
      'c\\d',
      '{1}',
      'a/b',
      'x-y',
      '😀',
    ]) {
      expect(likeRegExp(text).test(text), text).toBe(true);
    }
    expect(likeRegExp('a.b').test('axb')).toBe(false);
  });

  it('honours an escape character', () => {
    expect(likeRegExp('100!%', '!').test('100%')).toBe(true);
    expect(likeRegExp('100!%', '!').test('1000')).toBe(false);
    expect(() => likeRegExp('a!b', '!')).toThrow(/Escape character must be followed/);
  });
});
