/**
 * What differs between the warehouses the aggregate query is written for:
 * quoting, the text and double types, regular expressions, row numbers and
 * how a query stops on a value it cannot read. Everything else in the query
 * (aggregate-query.ts) is SQL all four read alike: CASE, CAST, SUBSTR,
 * LENGTH, TRIM, LOWER, REPLACE, COUNT, SUM, COALESCE, DATE '...' literals,
 * window MIN and `||`.
 *
 * Regular expressions are written without backslashes ([0-9], [.]) because
 * BigQuery and Snowflake would read a backslash in a string literal as an
 * escape of its own.
 */

export const DIALECTS = ['duckdb', 'bigquery', 'snowflake', 'postgres'] as const;
export type DialectName = (typeof DIALECTS)[number];

export type SqlType = 'text' | 'double' | 'integer' | 'date';

export interface Dialect {
  name: DialectName;
  /** A column name as written in the pilot, quoted so its case and spaces are kept. */
  identifier(name: string): string;
  /** A string literal. */
  literal(text: string): string;
  /** The value of `expression` as text (a number, date or boolean column written as the warehouse writes it). */
  text(expression: string): string;
  /** The double-precision type the sums are made in. */
  readonly double: string;
  /** True when the whole of `expression` matches `pattern` (no backslashes in it). */
  fullMatch(expression: string, pattern: string): string;
  /** Every match of `pattern` in `expression` removed. */
  removeAll(expression: string, pattern: string): string;
  /** A number counting the source rows in the order the warehouse reads them. */
  readonly rowNumber: string;
  /** An expression of `type` that stops the query with `message` (an SQL text expression). */
  fail(message: string, type: SqlType): string;
}

const doubleQuoted = (name: string) => `"${name.replaceAll('"', '""')}"`;
const standardLiteral = (text: string) => `'${text.replaceAll("'", "''")}'`;
// BigQuery and Snowflake read backslash escapes inside '...'.
const escapedLiteral = (text: string) => `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;

/**
 * PostgreSQL and Snowflake have no function that raises an error from a
 * query, but both refuse to cast text that is not a number, and quote the
 * text in their message: the message is cast, so the user reads it.
 */
const failByCast = (types: Record<SqlType, string>) => (message: string, type: SqlType) => {
  const stop = `CAST(${message} AS ${types.integer})`;
  if (type === 'integer') return stop;
  // No warehouse casts a number to a date: through text.
  return type === 'date' ? `CAST(CAST(${stop} AS ${types.text}) AS ${types.date})` : `CAST(${stop} AS ${types[type]})`;
};

export const DIALECT: Record<DialectName, Dialect> = {
  duckdb: {
    name: 'duckdb',
    identifier: doubleQuoted,
    literal: standardLiteral,
    text: (expression) => `CAST(${expression} AS VARCHAR)`,
    double: 'DOUBLE',
    fullMatch: (expression, pattern) => `regexp_full_match(${expression}, ${standardLiteral(pattern)})`,
    removeAll: (expression, pattern) => `regexp_replace(${expression}, ${standardLiteral(pattern)}, '', 'g')`,
    rowNumber: 'ROW_NUMBER() OVER ()',
    fail: (message, type) => `CAST(error(${message}) AS ${{ text: 'VARCHAR', double: 'DOUBLE', integer: 'INTEGER', date: 'DATE' }[type]})`,
  },
  bigquery: {
    name: 'bigquery',
    identifier: (name) => `\`${name.replaceAll('\\', '\\\\').replaceAll('`', '\\`')}\``,
    literal: escapedLiteral,
    text: (expression) => `CAST(${expression} AS STRING)`,
    double: 'FLOAT64',
    fullMatch: (expression, pattern) => `REGEXP_CONTAINS(${expression}, ${escapedLiteral(`^(${pattern})$`)})`,
    removeAll: (expression, pattern) => `REGEXP_REPLACE(${expression}, ${escapedLiteral(pattern)}, '')`,
    rowNumber: 'ROW_NUMBER() OVER ()',
    fail: (message, type) => `CAST(ERROR(${message}) AS ${{ text: 'STRING', double: 'FLOAT64', integer: 'INT64', date: 'DATE' }[type]})`,
  },
  snowflake: {
    name: 'snowflake',
    identifier: doubleQuoted,
    literal: escapedLiteral,
    text: (expression) => `CAST(${expression} AS VARCHAR)`,
    double: 'DOUBLE',
    // RLIKE matches the whole text.
    fullMatch: (expression, pattern) => `RLIKE(${expression}, ${escapedLiteral(pattern)})`,
    removeAll: (expression, pattern) => `REGEXP_REPLACE(${expression}, ${escapedLiteral(pattern)}, '')`,
    // Snowflake's ROW_NUMBER needs an ORDER BY; ordering by a constant keeps the order rows are read in.
    rowNumber: 'ROW_NUMBER() OVER (ORDER BY NULL)',
    fail: failByCast({ text: 'VARCHAR', double: 'DOUBLE', integer: 'INTEGER', date: 'DATE' }),
  },
  postgres: {
    name: 'postgres',
    identifier: doubleQuoted,
    literal: standardLiteral,
    text: (expression) => `CAST(${expression} AS TEXT)`,
    double: 'DOUBLE PRECISION',
    fullMatch: (expression, pattern) => `(${expression} ~ ${standardLiteral(`^(${pattern})$`)})`,
    removeAll: (expression, pattern) => `regexp_replace(${expression}, ${standardLiteral(pattern)}, '', 'g')`,
    rowNumber: 'ROW_NUMBER() OVER ()',
    fail: failByCast({ text: 'TEXT', double: 'DOUBLE PRECISION', integer: 'INTEGER', date: 'DATE' }),
  },
};
