import { CsvParser, parseCsv } from './csv';

describe('parseCsv', () => {
  it('reads quoted fields, doubled quotes, CRLF and a byte-order mark, with the line each row starts on', () => {
    expect(
      parseCsv(
        '\uFEFFa,b,c\r\n1,"x, ""y""",3\r\n\r\n4,"two\nlines",6\n7,,\n"8"',
      ),
    ).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1', 'x, "y"', '3'] },
      { line: 4, fields: ['4', 'two\nlines', '6'] },
      { line: 6, fields: ['7', '', ''] },
      { line: 7, fields: ['8'] },
    ]);
  });

  it('reports an unterminated quote at the row it starts on', () => {
    expect(parseCsv('a,b\n1,"open\n2,3\n')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      {
        line: 2,
        fields: ['1', 'open\n2,3\n'],
        error: 'unterminated quoted field',
      },
    ]);
  });

  it('gives the same rows whatever the chunks', () => {
    const text = 'id,comment\r\n1,"a ""quoted""\r\nline"\r\n2,plain\r\n';
    const whole = parseCsv(text);
    const parser = new CsvParser();
    const rows = [...text].flatMap(c => parser.push(c));
    expect([...rows, ...parser.end()]).toEqual(whole);
    expect(whole).toEqual([
      { line: 1, fields: ['id', 'comment'] },
      { line: 2, fields: ['1', 'a "quoted"\r\nline'] },
      { line: 4, fields: ['2', 'plain'] },
    ]);
  });
});
