import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, parseCsv } from './csv.js';

describe('parseCsv', () => {
  it('reads quoted fields with separators, doubled quotes and line breaks, keeping start lines', () => {
    const text = 'a,b\r\n"x, y","say ""hi"""\r\n"two\nlines",z\n';
    expect(parseCsv(text)).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x, y', 'say "hi"'] },
      { line: 3, fields: ['two\nlines', 'z'] },
    ]);
  });

  it('skips blank lines and a byte-order mark, and keeps empty fields', () => {
    expect(parseCsv('\ufeffa,b\n\n1,\n')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 3, fields: ['1', ''] },
    ]);
  });

  it("uses ';' when the header does, as Dutch spreadsheet exports do", () => {
    expect(parseCsv('id;latitude\nNL-1;52,5\n')[1]?.fields).toEqual(['NL-1', '52,5']);
  });

  it('reads a last line without a line break', () => {
    expect(parseCsv('a\n1')).toEqual([
      { line: 1, fields: ['a'] },
      { line: 2, fields: ['1'] },
    ]);
  });

  it('names the line of an unclosed quote or a stray quote', () => {
    expect(() => parseCsv('a\n"open\n')).toThrow(CsvSyntaxError);
    expect(() => parseCsv('a\n"open\n')).toThrow(/line 2/);
    expect(() => parseCsv('a\nx"y\n')).toThrow(/line 2: a quote inside an unquoted field/);
  });
});
