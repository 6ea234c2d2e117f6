import { describe, expect, it } from 'vitest';
import { ValidationException } from '../protocol/errors.js';
import { paginate } from './paginate.js';

const items = ['delta', 'alpha', 'charlie', 'bravo'].map((name) => ({ name }));
const key = (item: { name: string }) => item.name;

describe('paginate', () => {
  it('returns everything, sorted, in one page without MaxResults', () => {
    expect(paginate(items, key, {})).toEqual({
      page: [{ name: 'alpha' }, { name: 'bravo' }, { name: 'charlie' }, { name: 'delta' }],
    });
  });

  it('pages by MaxResults until no NextToken is left', () => {
    const first = paginate(items, key, { MaxResults: 3 });
    expect(first.page.map(key)).toEqual(['alpha', 'bravo', 'charlie']);
    const second = paginate(items, key, { MaxResults: 3, NextToken: first.nextToken });
    expect(second).toEqual({ page: [{ name: 'delta' }] });
  });

  it('continues after the last name even when items changed in between', () => {
    const { nextToken } = paginate(items, key, { MaxResults: 2 });
    const changed = [...items.filter((i) => i.name !== 'charlie'), { name: 'bz' }];
    expect(paginate(changed, key, { NextToken: nextToken }).page.map(key)).toEqual(['bz', 'delta']);
  });

  it('refuses a token it did not issue', () => {
    expect(() => paginate(items, key, { NextToken: 'garbage' })).toThrow(ValidationException);
  });
});
