/**
 * The query that turns a raw row-level table into a pilot's per-unit
 * aggregate (aggregate-columns.ts), from the pilot's own definition: its
 * unit, group labels, date column, start and end, and metrics. Run in a
 * warehouse, it gives the small file `form: unit-sums` reads
 * (docs/warehouse.md); fieldproof runs its DuckDB form itself on a Parquet
 * file (load-parquet.ts).
 *
 * It reads cells the way the loader does (pilot-format.md, "Data"), so the
 * aggregate gives the results the raw file gives:
 * - unit and group trimmed; the group one of the two labels exactly; a row
 *   with nothing in any column the pilot reads is blank and skipped;
 * - the date's first ten characters, YYYY-MM-DD (a time after it is ignored);
 *   before `started` the pre period, after `ended` counted as `after` only;
 * - numbers with a currency symbol or code, thousands commas, spaces, a
 *   trailing %, accounting parentheses; a yes/no outcome as 1/0, true/false,
 *   yes/no in any case; an empty cell leaves the row out of that metric (a
 *   ratio's row needs both cells);
 * - a value it cannot read, an empty unit or date, a group that is neither
 *   label, or a negative denominator stops the query with a message naming
 *   the column and the value (the row-level loader lists such rows instead).
 * Units are listed in the order of their first rows as the warehouse reads
 * the table: that order is what randomization inference draws from
 * (statistics.md section 10), as it is for a row-level file.
 */
import { aggregateColumnNames, metricSumColumns, PERIOD_COLUMN, ROWS_COLUMN } from '../load/aggregate-columns.ts';
import type { Metric, Pilot } from '../pilot.ts';
import { DIALECT, type Dialect, type DialectName } from './dialects.ts';

export interface AggregateQueryOptions {
  dialect: DialectName;
  /** The raw table, as the warehouse names it (project.dataset.table, schema.table): written as given. */
  table: string;
  /** The pilot file, named in the query's opening comment. */
  pilotFile?: string;
  /** An expression numbering the table's rows in file order, where the source has one (DuckDB's file_row_number for Parquet); else ROW_NUMBER(). */
  rowOrder?: string;
  /**
   * Columns the source already holds as numbers, booleans or dates (a Parquet
   * file's DOUBLE, INTEGER, BOOLEAN, DATE, TIMESTAMP): read as they are,
   * rather than as text. Cast to text and read back they give the same values
   * (DuckDB writes a double in its shortest exact form), only slower.
   */
  typed?: ReadonlySet<string>;
}

/** Currency symbols and codes, and spaces (thousands groups in some exports): removed before a number is read. */
const CURRENCY_AND_SPACES = '[$€£¥₹ ]|USD|EUR|GBP|CHF|CAD|AUD|JPY';
/** A number once its currency, spaces, parentheses and % are gone: plain, thousands in commas, or scientific. */
const NUMBER = '-?([0-9]+|[0-9]{1,3}(,[0-9]{3})+)([.][0-9]+)?([eE][-+]?[0-9]+)?|-?[.][0-9]+';
/** A date cell: YYYY-MM-DD, maybe a time after it. */
const DATE = '[0-9]{4}-[0-9]{2}-[0-9]{2}([T ].*)?';

/** A column of the raw table read as a number or as a yes/no outcome: one per column and reading, however many metrics use it. */
interface SourceCell {
  column: string;
  outcome: boolean;
  /** The stem of its names in the query: c0, c1, ... */
  name: string;
}

export function aggregateQuery(pilot: Pilot, options: AggregateQueryOptions): string {
  const sql = DIALECT[options.dialect];
  const q = (name: string) => sql.identifier(name);
  const cells: SourceCell[] = [];
  const cellOf = (column: string, outcome: boolean): SourceCell => {
    const found = cells.find((cell) => cell.column === column && cell.outcome === outcome);
    if (found !== undefined) return found;
    const cell = { column, outcome, name: `c${cells.length}` };
    cells.push(cell);
    return cell;
  };
  const metricCells = pilot.metrics.map((metric) => metricSources(metric, cellOf));
  const dated = pilot.date !== undefined;
  const texts = [...new Set(cells.map((cell) => cell.column))];
  const textName = (column: string) => `t${texts.indexOf(column)}`;
  const typed = (column: string) => options.typed?.has(column) === true;
  const datedTyped = dated && typed(pilot.date as string);
  const stop = (parts: string[], type: Parameters<Dialect['fail']>[1]) => sql.fail(parts.join(' || '), type);
  const said = (text: string) => sql.literal(text);
  const quoted = (expression: string) => `${said('"')} || COALESCE(${expression}, '') || ${said('"')}`;
  // Each message names the table's row, which also keeps it from being a constant: PostgreSQL
  // evaluates a constant cast while planning, even in a CASE branch no row takes.
  const where = (column: string) => `${said('fieldproof: row ')} || ${sql.text('source_row')} || ${said(` of the table, column "${column}" `)}`;

  const lines: string[] = [];
  const add = (...more: string[]) => lines.push(...more);
  add(
    `-- fieldproof: per-unit sums of the pilot "${oneLine(pilot.title)}"${options.pilotFile === undefined ? '' : ` (${options.pilotFile})`}, ${sql.name} dialect.`,
    '-- Run it on the raw row-level table, save the result as CSV in data/, and point the pilot at it:',
    '--   data: <the saved file>',
    '--   form: unit-sums',
    `-- One row per ${dated ? 'unit and period' : 'unit'}: ${aggregateColumnNames(pilot).join(', ')} (docs/warehouse.md).`,
    'WITH cells AS (',
    '  -- Each column the pilot reads, once, as trimmed text.',
    '  SELECT',
    `    TRIM(${sql.text(q(pilot.unit))}) AS unit_text,`,
    `    TRIM(${sql.text(q(pilot.group.column))}) AS group_text,`,
    ...(dated ? [datedTyped ? `    ${q(pilot.date as string)} AS date_value,` : `    TRIM(${sql.text(q(pilot.date as string))}) AS date_text,`] : []),
    ...texts.map((column) => (typed(column) ? `    ${q(column)} AS ${textName(column)},` : `    TRIM(${sql.text(q(column))}) AS ${textName(column)},`)),
    `    ${options.rowOrder ?? sql.rowNumber} AS source_row`,
    `  FROM ${options.table}`,
    '),',
  );
  const blank = [
    ...['unit_text', 'group_text', ...(dated && !datedTyped ? ['date_text'] : []), ...texts.filter((column) => !typed(column)).map(textName)].map((name) => `COALESCE(${name}, '') = ''`),
    ...[...(datedTyped ? ['date_value'] : []), ...texts.filter(typed).map(textName)].map((name) => `${name} IS NULL`),
  ];
  const labels = [pilot.group.pilot, pilot.group.control].map(said).join(', ');
  add(
    'checked AS (',
    '  -- Every row names its unit and one of the two group labels, and a date when the pilot has a date column.',
    '  SELECT',
    `    CASE WHEN COALESCE(unit_text, '') = '' THEN ${stop([where(pilot.unit), said('is empty; expected a unit name')], 'text')} ELSE unit_text END AS unit,`,
    `    CASE WHEN group_text IN (${labels}) THEN group_text ELSE ${stop([where(pilot.group.column), said('holds '), quoted('group_text'), said(`; expected ${JSON.stringify(pilot.group.pilot)} or ${JSON.stringify(pilot.group.control)}`)], 'text')} END AS arm,`,
  );
  if (dated) {
    add(
      datedTyped
        ? `    CASE WHEN date_value IS NOT NULL THEN CAST(date_value AS DATE) ELSE ${stop([where(pilot.date as string), said('is empty; expected a date as YYYY-MM-DD')], 'date')} END AS day,`
        : `    CASE WHEN date_text IS NOT NULL AND ${sql.fullMatch('date_text', DATE)} THEN CAST(SUBSTR(date_text, 1, 10) AS DATE) ELSE ${stop([where(pilot.date as string), said('holds '), quoted('date_text'), said('; expected a date as YYYY-MM-DD')], 'date')} END AS day,`,
    );
  }
  for (const column of texts) {
    const text = textName(column);
    add(`    ${text},`);
    if (!typed(column) && cells.some((cell) => cell.column === column && !cell.outcome)) {
      add(`    REPLACE(${sql.removeAll(text, CURRENCY_AND_SPACES)}, '−', '-') AS ${text}_bare,`);
    }
  }
  add('    source_row', '  FROM cells', `  WHERE NOT (${blank.join(' AND ')})`, '),');

  const numberTexts = texts.filter((column) => !typed(column) && cells.some((cell) => cell.column === column && !cell.outcome));
  add(
    'shaped AS (',
    '  -- Accounting parentheses make an amount negative; a trailing % divides it by 100.',
    '  SELECT',
    ...numberTexts.flatMap((column) => {
      const bare = `${textName(column)}_bare`;
      const inner = `CASE WHEN ${bare} LIKE '(%)' THEN SUBSTR(${bare}, 2, LENGTH(${bare}) - 2) ELSE ${bare} END`;
      return [`    CASE WHEN ${bare} LIKE '(%)' THEN -1 ELSE 1 END AS ${textName(column)}_sign,`, `    ${inner} AS ${textName(column)}_inner,`];
    }),
    '    *',
    '  FROM checked',
    '),',
    'split AS (',
    '  SELECT',
    ...numberTexts.flatMap((column) => {
      const inner = `${textName(column)}_inner`;
      const percent = `SUBSTR(${inner}, LENGTH(${inner}), 1) = '%'`;
      return [
        `    CASE WHEN ${percent} THEN SUBSTR(${inner}, 1, LENGTH(${inner}) - 1) ELSE ${inner} END AS ${textName(column)}_digits,`,
        `    CASE WHEN ${percent} THEN CAST(0.01 AS ${sql.double}) ELSE CAST(1 AS ${sql.double}) END AS ${textName(column)}_scale,`,
      ];
    }),
    '    *',
    '  FROM shaped',
    '),',
  );
  const valueLines = cells.map((cell) => {
    const text = textName(cell.column);
    if (typed(cell.column)) {
      if (!cell.outcome) return `    CAST(${text} AS ${sql.double}) AS ${cell.name},`;
      // Through a double, so that 0.5 is refused rather than rounded to an outcome.
      const outcome = `CAST(${text} AS ${sql.double})`;
      return `    CASE WHEN ${text} IS NULL THEN NULL WHEN ${outcome} = 1 THEN 1 WHEN ${outcome} = 0 THEN 0 ELSE ${stop([where(cell.column), said('holds '), quoted(sql.text(text)), said('; expected a yes/no outcome: 1 or 0, true or false, yes or no')], 'integer')} END AS ${cell.name},`;
    }
    const empty = `COALESCE(${text}, '') = ''`;
    if (cell.outcome) {
      const lower = `LOWER(${text})`;
      return `    CASE WHEN ${empty} THEN NULL WHEN ${lower} IN ('1', 'true', 'yes') THEN 1 WHEN ${lower} IN ('0', 'false', 'no') THEN 0 ELSE ${stop([where(cell.column), said('holds '), quoted(text), said('; expected a yes/no outcome: 1 or 0, true or false, yes or no')], 'integer')} END AS ${cell.name},`;
    }
    const digits = `${text}_digits`;
    const readable = `${sql.fullMatch(digits, NUMBER)} AND NOT (${text}_sign = -1 AND ${digits} LIKE '-%')`;
    return (
      `    CASE WHEN ${empty} THEN NULL` +
      // Accounting writes a zero amount as a dash after a currency symbol: "$ -".
      ` WHEN ${text}_bare = '-' AND ${text} <> '-' THEN CAST(0 AS ${sql.double})` +
      ` WHEN ${readable} THEN CAST(REPLACE(${digits}, ',', '') AS ${sql.double}) * ${text}_scale * ${text}_sign` +
      ` ELSE ${stop([where(cell.column), said('holds '), quoted(text), said('; expected a number, e.g. 1200, 1,200.50, $1,200 or 12%')], 'double')} END AS ${cell.name},`
    );
  });
  const period = dated
    ? `CASE WHEN day < DATE '${pilot.started}' THEN 'pre'${pilot.ended === undefined ? '' : ` WHEN day > DATE '${pilot.ended}' THEN 'after'`} ELSE 'pilot' END`
    : `'pilot'`;
  add(
    'valued AS (',
    `  -- Each row's period${dated ? ` (before ${pilot.started}: pre${pilot.ended === undefined ? '' : `; after ${pilot.ended}: after, counted only`})` : ''}, and each cell's value.`,
    '  SELECT',
    '    unit,',
    '    arm,',
    `    ${period} AS period,`,
    ...valueLines,
    '    source_row',
    '  FROM split',
    '),',
  );
  const metricLines = pilot.metrics.flatMap((metric, m) => {
    const sources = metricCells[m] as MetricSources;
    const counted = (value: string) =>
      sources.denominator === null
        ? `CASE WHEN period = 'after' THEN NULL ELSE ${value} END`
        : `CASE WHEN period = 'after' OR ${sources.numerator.name} IS NULL OR ${sources.denominator.name} IS NULL THEN NULL ELSE ${value} END`;
    const lines = [`    ${counted(sources.numerator.name)} AS m${m}_numerator,`];
    if (sources.denominator !== null) {
      const denominator = sources.denominator;
      const checkedDenominator = `CASE WHEN ${denominator.name} < 0 THEN ${stop([where(denominator.column), said('holds '), quoted(sql.text(denominator.name)), said("; a ratio's denominator counts things, expected 0 or more")], 'double')} ELSE ${denominator.name} END`;
      lines.push(`    ${counted(checkedDenominator)} AS m${m}_denominator,`);
    }
    return lines;
  });
  add('measured AS (', '  SELECT', '    unit,', '    arm,', '    period,', ...metricLines, '    source_row', '  FROM valued', '),');
  add(
    'grouped AS (',
    '  SELECT',
    '    unit,',
    '    arm,',
    '    period,',
    `    COUNT(*) AS row_count,`,
    ...pilot.metrics.flatMap((metric, m) => [
      `    COUNT(m${m}_numerator) AS m${m}_rows,`,
      `    COALESCE(SUM(m${m}_numerator), 0) AS m${m}_numerator,`,
      ...(metricSumColumns(metric).denominator === null ? [] : [`    COALESCE(SUM(m${m}_denominator), 0) AS m${m}_denominator,`]),
    ]),
    '    MIN(source_row) AS first_row',
    '  FROM measured',
    '  GROUP BY unit, arm, period',
    '),',
    'ordered AS (',
    '  -- Units in the order of their first rows, and a unit\'s periods in time order.',
    '  SELECT *, MIN(first_row) OVER (PARTITION BY unit) AS unit_order',
    '  FROM grouped',
    ')',
    'SELECT',
    `  unit AS ${q(pilot.unit)},`,
    `  arm AS ${q(pilot.group.column)},`,
    ...(dated ? [`  period AS ${q(PERIOD_COLUMN)},`] : []),
    `  row_count AS ${q(ROWS_COLUMN)},`,
    pilot.metrics
      .flatMap((metric, m) => {
        const names = metricSumColumns(metric);
        return [`  m${m}_rows AS ${q(names.rows)}`, `  m${m}_numerator AS ${q(names.numerator)}`, ...(names.denominator === null ? [] : [`  m${m}_denominator AS ${q(names.denominator)}`])];
      })
      .join(',\n'),
    'FROM ordered',
    "ORDER BY unit_order, CASE period WHEN 'pre' THEN 0 WHEN 'pilot' THEN 1 ELSE 2 END;",
  );
  return `${lines.join('\n')}\n`;
}

interface MetricSources {
  numerator: SourceCell;
  denominator: SourceCell | null;
}

/** How each kind's cells are read (pilot-format.md, "Data"); a new kind must say, or the compiler stops at `never`. */
function metricSources(metric: Metric, cellOf: (column: string, outcome: boolean) => SourceCell): MetricSources {
  const type = metric.type;
  switch (type) {
    case 'ratio':
      return { numerator: cellOf(metric.numerator as string, false), denominator: cellOf(metric.denominator as string, false) };
    case 'mean':
      return { numerator: cellOf(metric.column as string, false), denominator: null };
    case 'proportion':
      return { numerator: cellOf(metric.column as string, true), denominator: null };
    case 'funnel':
    case 'duration':
      // Refused by the pilot's schema (pilot.ts, AGGREGATED_TYPES): their cells need the raw rows.
      throw new Error(`a ${type} metric has no per-unit aggregate query; it needs the raw rows`);
    default: {
      const unknown: never = type;
      throw new Error(`no aggregate query for metric type ${String(unknown)}`);
    }
  }
}

/** A title inside an SQL comment: on one line. */
function oneLine(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]+/g, ' ');
}
