// A streaming RFC 4180 CSV parser: quoted fields with commas, doubled quotes and line breaks inside,
// CRLF or LF line ends, a leading BOM. Fed in chunks, it keeps only the record being read.

export interface CsvRecord {
  readonly fields: readonly string[];
  /** The line the record starts on (1-based). */
  readonly line: number;
}

/** A malformed record: where (line:col) and why. */
export class CsvSyntaxError extends Error {
  readonly line: number;
  readonly column: number;
  constructor(line: number, column: number, message: string) {
    super(message);
    this.name = 'CsvSyntaxError';
    this.line = line;
    this.column = column;
  }
}

type State = 'field-start' | 'unquoted' | 'quoted' | 'quote-in-quoted' | 'after-cr';

export interface CsvParser {
  /** Feed the next chunk of text; returns the records it completed. */
  push(chunk: string): CsvRecord[];
  /** The end of the text: the last record, if it had no line break after it. */
  end(): CsvRecord[];
}

export function createCsvParser(): CsvParser {
  let state: State = 'field-start';
  let field = '';
  let fields: string[] = [];
  let line = 1;
  let column = 0;
  let recordLine = 1;
  let quoteLine = 1;
  let quoteColumn = 1;
  let first = true;
  let blank = true;
  // A syntax error is raised after the records before it are handed out, so they still run.
  let failure: CsvSyntaxError | undefined;

  const endField = () => {
    fields.push(field);
    field = '';
  };
  const endRecord = (out: CsvRecord[]) => {
    endField();
    // A blank line is no record (a trailing newline, spacing between rows).
    if (!(blank && fields.length === 1 && fields[0] === '')) out.push({ fields, line: recordLine });
    fields = [];
    blank = true;
  };

  const step = (char: string, out: CsvRecord[]) => {
    column++;
    if (state === 'after-cr') {
      state = 'field-start';
      if (char === '\n') {
        line++;
        column = 0;
        recordLine = line;
        return;
      }
      // A lone CR ends a line too.
      line++;
      column = 1;
      recordLine = line;
    }
    if (state === 'field-start' || state === 'unquoted') {
      if (char === ',') {
        blank = false;
        endField();
        state = 'field-start';
      } else if (char === '\n' || char === '\r') {
        endRecord(out);
        state = 'field-start';
        if (char === '\r') {
          state = 'after-cr';
          return;
        }
        line++;
        column = 0;
        recordLine = line;
      } else if (char === '"') {
        if (state === 'unquoted') throw new CsvSyntaxError(line, column, 'a quote inside a field that does not start with one; quote the whole field and double the quotes in it ("say ""hi""")');
        blank = false;
        state = 'quoted';
        quoteLine = line;
        quoteColumn = column;
      } else {
        blank = false;
        field += char;
        state = 'unquoted';
      }
      return;
    }
    if (state === 'quoted') {
      if (char === '"') state = 'quote-in-quoted';
      else {
        field += char;
        if (char === '\n') {
          line++;
          column = 0;
        }
      }
      return;
    }
    // quote-in-quoted: a doubled quote is a quote; the closing quote must end the field.
    if (char === '"') {
      field += '"';
      state = 'quoted';
    } else if (char === ',' || char === '\n' || char === '\r') {
      state = 'unquoted';
      step0(char, out);
    } else {
      throw new CsvSyntaxError(line, column, `text after the closing quote of a field (the field's quote opened at line ${quoteLine}, column ${quoteColumn}); a quote inside a quoted field is written twice ("")`);
    }
  };
  // Handle a separator after a closing quote without counting its column twice.
  const step0 = (char: string, out: CsvRecord[]) => {
    column--;
    step(char, out);
  };

  return {
    push(chunk) {
      if (failure) throw failure;
      const out: CsvRecord[] = [];
      let text = chunk;
      if (first && text.length > 0) {
        first = false;
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      }
      try {
        for (const char of text) step(char, out);
      } catch (error) {
        if (!(error instanceof CsvSyntaxError)) throw error;
        failure = error;
      }
      return out;
    },
    end() {
      if (failure) throw failure;
      const out: CsvRecord[] = [];
      if (state === 'quoted') throw new CsvSyntaxError(quoteLine, quoteColumn, 'a quoted field that never closes: the quote opened here has no closing quote before the end of the file');
      if (state !== 'after-cr' && !(blank && fields.length === 0 && field === '')) endRecord(out);
      return out;
    },
  };
}
