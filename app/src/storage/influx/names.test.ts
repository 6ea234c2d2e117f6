import { describe, expect, it } from 'vitest';
import { decodeName, encodeName } from './names.js';

describe('encodeName / decodeName', () => {
  it.each([
    ['plain_name', 'plain_name'],
    ['100%', '100%25'],
    ['back\\slash', 'back%5Cslash'],
    ['trailing\\', 'trailing%5C'],
    ['new\nline', 'new%0Aline'],
    ['cr\r\n', 'cr%0D%0A'],
    ['%41 already looks encoded', '%2541 already looks encoded'],
    ['%5C', '%255C'],
  ])('encodes %j as %j and decodes it back', (text, encoded) => {
    expect(encodeName(text)).toBe(encoded);
    expect(decodeName(encoded)).toBe(text);
  });

  it('leaves what line protocol escaping handles untouched', () => {
    const text = 'a, b="c" \'d\'\t🌬️ 風力';
    expect(encodeName(text)).toBe(text);
  });

  it('leaves no backslash, newline or carriage return behind', () => {
    expect(encodeName('\\\n\r\\')).not.toMatch(/[\\\n\r]/);
  });

  it('decodes only the four sequences it produces', () => {
    expect(decodeName('%41%2x%')).toBe('%41%2x%');
  });
});
