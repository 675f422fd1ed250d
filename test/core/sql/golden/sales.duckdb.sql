-- fieldproof: per-unit sums of the pilot "Test pilot" (pilots/test.md), duckdb dialect.
-- Run it on the raw row-level table, save the result as CSV in data/, and point the pilot at it:
--   data: <the saved file>
--   form: unit-sums
-- One row per unit and period: rep, group, period, row_count, revenue__rows, revenue__numerator, won__rows, won__numerator, per_call__rows, per_call__numerator, per_call__denominator (docs/warehouse.md).
WITH cells AS (
  -- Each column the pilot reads, once, as trimmed text.
  SELECT
    TRIM(CAST("rep" AS VARCHAR)) AS unit_text,
    TRIM(CAST("group" AS VARCHAR)) AS group_text,
    TRIM(CAST("day" AS VARCHAR)) AS date_text,
    TRIM(CAST("revenue" AS VARCHAR)) AS t0,
    TRIM(CAST("won" AS VARCHAR)) AS t1,
    TRIM(CAST("calls" AS VARCHAR)) AS t2,
    ROW_NUMBER() OVER () AS source_row
  FROM sales_rows
),
checked AS (
  -- Every row names its unit and one of the two group labels, and a date when the pilot has a date column.
  SELECT
    CASE WHEN COALESCE(unit_text, '') = '' THEN CAST(error('fieldproof: row ' || CAST(source_row AS VARCHAR) || ' of the table, column "rep" ' || 'is empty; expected a unit name') AS VARCHAR) ELSE unit_text END AS unit,
    CASE WHEN group_text IN ('pilot', 'control') THEN group_text ELSE CAST(error('fieldproof: row ' || CAST(source_row AS VARCHAR) || ' of the table, column "group" ' || 'holds ' || '"' || COALESCE(group_text, '') || '"' || '; expected "pilot" or "control"') AS VARCHAR) END AS arm,
    CASE WHEN date_text IS NOT NULL AND regexp_full_match(date_text, '[0-9]{4}-[0-9]{2}-[0-9]{2}([T ].*)?') THEN CAST(SUBSTR(date_text, 1, 10) AS DATE) ELSE CAST(error('fieldproof: row ' || CAST(source_row AS VARCHAR) || ' of the table, column "day" ' || 'holds ' || '"' || COALESCE(date_text, '') || '"' || '; expected a date as YYYY-MM-DD') AS DATE) END AS day,
    t0,
    REPLACE(regexp_replace(t0, '[$€£¥₹ ]|USD|EUR|GBP|CHF|CAD|AUD|JPY', '', 'g'), '−', '-') AS t0_bare,
    t1,
    t2,
    REPLACE(regexp_replace(t2, '[$€£¥₹ ]|USD|EUR|GBP|CHF|CAD|AUD|JPY', '', 'g'), '−', '-') AS t2_bare,
    source_row
  FROM cells
  WHERE NOT (COALESCE(unit_text, '') = '' AND COALESCE(group_text, '') = '' AND COALESCE(date_text, '') = '' AND COALESCE(t0, '') = '' AND COALESCE(t1, '') = '' AND COALESCE(t2, '') = '')
),
shaped AS (
  -- Accounting parentheses make an amount negative; a trailing % divides it by 100.
  SELECT
    CASE WHEN t0_bare LIKE '(%)' THEN -1 ELSE 1 END AS t0_sign,
    CASE WHEN t0_bare LIKE '(%)' THEN SUBSTR(t0_bare, 2, LENGTH(t0_bare) - 2) ELSE t0_bare END AS t0_inner,
    CASE WHEN t2_bare LIKE '(%)' THEN -1 ELSE 1 END AS t2_sign,
    CASE WHEN t2_bare LIKE '(%)' THEN SUBSTR(t2_bare, 2, LENGTH(t2_bare) - 2) ELSE t2_bare END AS t2_inner,
    *
  FROM checked
),
split AS (
  SELECT
    CASE WHEN SUBSTR(t0_inner, LENGTH(t0_inner), 1) = '%' THEN SUBSTR(t0_inner, 1, LENGTH(t0_inner) - 1) ELSE t0_inner END AS t0_digits,
    CASE WHEN SUBSTR(t0_inner, LENGTH(t0_inner), 1) = '%' THEN CAST(0.01 AS DOUBLE) ELSE CAST(1 AS DOUBLE) END AS t0_scale,
    CASE WHEN SUBSTR(t2_inner, LENGTH(t2_inner), 1) = '%' THEN SUBSTR(t2_inner, 1, LENGTH(t2_inner) - 1) ELSE t2_inner END AS t2_digits,
    CASE WHEN SUBSTR(t2_inner, LENGTH(t2_inner), 1) = '%' THEN CAST(0.01 AS DOUBLE) ELSE CAST(1 AS DOUBLE) END AS t2_scale,
    *
  FROM shaped
),
valued AS (
  -- Each row's period (before 2026-03-02: pre; after 2026-05-31: after, counted only), and each cell's value.
  SELECT
    unit,
    arm,
    CASE WHEN day < DATE '2026-03-02' THEN 'pre' WHEN day > DATE '2026-05-31' THEN 'after' ELSE 'pilot' END AS period,
    CASE WHEN COALESCE(t0, '') = '' THEN NULL WHEN t0_bare = '-' AND t0 <> '-' THEN CAST(0 AS DOUBLE) WHEN regexp_full_match(t0_digits, '-?([0-9]+|[0-9]{1,3}(,[0-9]{3})+)([.][0-9]+)?([eE][-+]?[0-9]+)?|-?[.][0-9]+') AND NOT (t0_sign = -1 AND t0_digits LIKE '-%') THEN CAST(REPLACE(t0_digits, ',', '') AS DOUBLE) * t0_scale * t0_sign ELSE CAST(error('fieldproof: row ' || CAST(source_row AS VARCHAR) || ' of the table, column "revenue" ' || 'holds ' || '"' || COALESCE(t0, '') || '"' || '; expected a number, e.g. 1200, 1,200.50, $1,200 or 12%') AS DOUBLE) END AS c0,
    CASE WHEN COALESCE(t1, '') = '' THEN NULL WHEN LOWER(t1) IN ('1', 'true', 'yes') THEN 1 WHEN LOWER(t1) IN ('0', 'false', 'no') THEN 0 ELSE CAST(error('fieldproof: row ' || CAST(source_row AS VARCHAR) || ' of the table, column "won" ' || 'holds ' || '"' || COALESCE(t1, '') || '"' || '; expected a yes/no outcome: 1 or 0, true or false, yes or no') AS INTEGER) END AS c1,
    CASE WHEN COALESCE(t2, '') = '' THEN NULL WHEN t2_bare = '-' AND t2 <> '-' THEN CAST(0 AS DOUBLE) WHEN regexp_full_match(t2_digits, '-?([0-9]+|[0-9]{1,3}(,[0-9]{3})+)([.][0-9]+)?([eE][-+]?[0-9]+)?|-?[.][0-9]+') AND NOT (t2_sign = -1 AND t2_digits LIKE '-%') THEN CAST(REPLACE(t2_digits, ',', '') AS DOUBLE) * t2_scale * t2_sign ELSE CAST(error('fieldproof: row ' || CAST(source_row AS VARCHAR) || ' of the table, column "calls" ' || 'holds ' || '"' || COALESCE(t2, '') || '"' || '; expected a number, e.g. 1200, 1,200.50, $1,200 or 12%') AS DOUBLE) END AS c2,
    source_row
  FROM split
),
measured AS (
  SELECT
    unit,
    arm,
    period,
    CASE WHEN period = 'after' THEN NULL ELSE c0 END AS m0_numerator,
    CASE WHEN period = 'after' THEN NULL ELSE c1 END AS m1_numerator,
    CASE WHEN period = 'after' OR c0 IS NULL OR c2 IS NULL THEN NULL ELSE c0 END AS m2_numerator,
    CASE WHEN period = 'after' OR c0 IS NULL OR c2 IS NULL THEN NULL ELSE CASE WHEN c2 < 0 THEN CAST(error('fieldproof: row ' || CAST(source_row AS VARCHAR) || ' of the table, column "calls" ' || 'holds ' || '"' || COALESCE(CAST(c2 AS VARCHAR), '') || '"' || '; a ratio''s denominator counts things, expected 0 or more') AS DOUBLE) ELSE c2 END END AS m2_denominator,
    source_row
  FROM valued
),
grouped AS (
  SELECT
    unit,
    arm,
    period,
    COUNT(*) AS row_count,
    COUNT(m0_numerator) AS m0_rows,
    COALESCE(SUM(m0_numerator), 0) AS m0_numerator,
    COUNT(m1_numerator) AS m1_rows,
    COALESCE(SUM(m1_numerator), 0) AS m1_numerator,
    COUNT(m2_numerator) AS m2_rows,
    COALESCE(SUM(m2_numerator), 0) AS m2_numerator,
    COALESCE(SUM(m2_denominator), 0) AS m2_denominator,
    MIN(source_row) AS first_row
  FROM measured
  GROUP BY unit, arm, period
),
ordered AS (
  -- Units in the order of their first rows, and a unit's periods in time order.
  SELECT *, MIN(first_row) OVER (PARTITION BY unit) AS unit_order
  FROM grouped
)
SELECT
  unit AS "rep",
  arm AS "group",
  period AS "period",
  row_count AS "row_count",
  m0_rows AS "revenue__rows",
  m0_numerator AS "revenue__numerator",
  m1_rows AS "won__rows",
  m1_numerator AS "won__numerator",
  m2_rows AS "per_call__rows",
  m2_numerator AS "per_call__numerator",
  m2_denominator AS "per_call__denominator"
FROM ordered
ORDER BY unit_order, CASE period WHEN 'pre' THEN 0 WHEN 'pilot' THEN 1 ELSE 2 END;
