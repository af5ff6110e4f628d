/**
 * A streaming CSV parser (RFC 4180): comma-separated, fields optionally in
 * double quotes with `""` for a quote, quoted fields may span lines; CRLF,
 * LF or CR line ends; a leading byte-order mark is ignored; blank lines are
 * skipped. Each row carries the line it starts on.
 */

export interface CsvRow {
  /** 1-based line of the file the row starts on. */
  line: number;
  fields: string[];
  /** Set when the row cannot be read (an unterminated quote). */
  error?: string;
}

export class CsvParser {
  private field = '';
  private row: string[] = [];
  private fieldStarted = false;
  private inQuotes = false;
  private quoteSeen = false;
  private afterCR = false;
  private line = 1;
  private rowLine = 1;
  private started = false;
  private out: CsvRow[] = [];

  /** Feeds the next chunk; answers the rows it completed. */
  push(chunk: string): CsvRow[] {
    let text = chunk;
    if (!this.started) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    for (const c of text) this.char(c);
    return this.take();
  }

  /** Ends the input; answers the last row, if any. */
  end(): CsvRow[] {
    if (this.inQuotes && !this.quoteSeen) {
      this.out.push({
        line: this.rowLine,
        fields: [...this.row, this.field],
        error: 'unterminated quoted field',
      });
      this.reset();
    } else if (this.fieldStarted || this.row.length) {
      this.endRow();
    }
    return this.take();
  }

  private take() {
    const rows = this.out;
    this.out = [];
    return rows;
  }

  private char(c: string) {
    const afterCR = this.afterCR;
    this.afterCR = false;
    if (this.inQuotes) {
      if (this.quoteSeen) {
        this.quoteSeen = false;
        if (c === '"') {
          this.field += '"';
          return;
        }
        this.inQuotes = false; // the quote closed the field; c follows it
      } else if (c === '"') {
        this.quoteSeen = true;
        return;
      } else {
        this.field += c;
        if (c === '\n' && !afterCR) this.line++;
        if (c === '\r') {
          this.line++;
          this.afterCR = true;
        }
        return;
      }
    }
    if (c === ',') {
      this.row.push(this.field);
      this.field = '';
      this.fieldStarted = true;
    } else if (c === '\r' || c === '\n') {
      if (c === '\n' && afterCR) return; // the LF of a CRLF
      this.line++;
      this.afterCR = c === '\r';
      this.endRow();
    } else if (c === '"' && this.field === '' && !this.inQuotes) {
      this.inQuotes = true;
      this.fieldStarted = true;
    } else {
      this.field += c;
      this.fieldStarted = true;
    }
  }

  private endRow() {
    const fields = [...this.row, this.field];
    if (!(fields.length === 1 && fields[0] === '' && !this.fieldStarted)) {
      this.out.push({ line: this.rowLine, fields });
    }
    this.reset();
  }

  private reset() {
    this.row = [];
    this.field = '';
    this.fieldStarted = false;
    this.inQuotes = false;
    this.quoteSeen = false;
    this.rowLine = this.line;
  }
}

/** Parses a whole CSV text (for small inputs and tests). */
export function parseCsv(text: string): CsvRow[] {
  const parser = new CsvParser();
  return [...parser.push(text), ...parser.end()];
}
