import { describe, expect, it } from 'vitest';
import { createCsvParser, CsvSyntaxError } from '../../src/batch/parse-csv.ts';

function parse(text: string, chunk = text.length || 1): string[][] {
  const parser = createCsvParser();
  const records = [];
  for (let i = 0; i < text.length; i += chunk) records.push(...parser.push(text.slice(i, i + chunk)));
  records.push(...parser.end());
  return records.map((record) => [...record.fields]);
}

describe('the CSV parser (RFC 4180)', () => {
  it.each([1, 2, 5, 1000])('reads quoted commas, doubled quotes, line breaks in quotes, CRLF and a BOM, fed %i characters at a time', (chunk) => {
    const text = '\uFEFFa,b,c\r\n"x, y","say ""hi""","two\r\nlines"\r\n,,\r\nlast,row,"no newline"';
    expect(parse(text, chunk)).toEqual([['a', 'b', 'c'], ['x, y', 'say "hi"', 'two\r\nlines'], ['', '', ''], ['last', 'row', 'no newline']]);
  });

  it('skips blank lines and gives each record the line it starts on', () => {
    const parser = createCsvParser();
    const records = [...parser.push('a\n\n"b\nc"\nd\n'), ...parser.end()];
    expect(records.map((record) => [record.fields[0], record.line])).toEqual([['a', 1], ['b\nc', 3], ['d', 5]]);
  });

  it('names line:col of a quote in an unquoted field, text after a closing quote, and a quote that never closes', () => {
    const error = (text: string) => {
      try {
        parse(text);
      } catch (caught) {
        if (caught instanceof CsvSyntaxError) return `${caught.line}:${caught.column} ${caught.message}`;
        throw caught;
      }
      return 'no error';
    };
    expect(error('a,b\nx,y"z\n')).toMatch(/^2:4 a quote inside a field that does not start with one/);
    expect(error('a\n"x"y\n')).toMatch(/^2:4 text after the closing quote of a field \(the field's quote opened at line 2, column 1\)/);
    expect(error('a\nb\n"open\nstill open')).toMatch(/^3:1 a quoted field that never closes/);
  });

  it('hands out the records before a syntax error first', () => {
    const parser = createCsvParser();
    expect(parser.push('a\nb\n"c"x\n').map((record) => record.fields[0])).toEqual(['a', 'b']);
    expect(() => parser.end()).toThrow(CsvSyntaxError);
  });
});
