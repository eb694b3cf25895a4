// The single-machine peer of scripts/bench: DuckDB runs the lean aggregation (contracts_to_observations.sql, the
// same file Spark's lean job runs) over a contracts register and writes the observations to Parquet; `compare`
// checks them against the pipeline's observations exported as CSV.
//
//   node bench/duckdb.mjs run --landing DIR --out FILE.parquet [--reference DIR]
//   node bench/duckdb.mjs fast --landing DIR --out FILE.parquet [--reference DIR]
//   node bench/duckdb.mjs compare --result FILE.parquet --expected FILE.csv
//
// compare exits 1 when the two differ (row counts, totals per indicator, or any single value).
//
// run is the equal-semantics peer (exact decimals, what compare checks). fast is the fastest honest DuckDB job: the
// same SQL, rows, keys and Parquet layout (value still DECIMAL(38, 6)), but money read from the CSV as DOUBLE,
// converted with floating-point `/`, rounded to 6 places per contract and summed in DOUBLE. The semantic
// difference: DOUBLE sums may differ from the exact decimal sums at the sixth decimal (on the 1 M-row register
// about 550 to 590 of 41,337 values differed, by at most 0.000014 or a relative 4e-13, and the last digit can vary
// from run to run with the order of the parallel sums), so compare reports differences for fast's output; use run
// for the check. Most of run's time is not the arithmetic but parsing the CSV's money as
// DECIMAL(38, 6): DuckDB 1.5.6 casts text to a DECIMAL wider than 18 digits over 200 times slower than to
// DECIMAL(18, 6) or DOUBLE.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';

const here = dirname(fileURLToPath(import.meta.url));
const KEY = ['entity_code', 'year', 'sector', 'market', 'indicator'];

// Spark's try_divide for decimals, exactly: DuckDB's `/` on decimals divides in floating point, which rounds a few
// contracts in a million differently at the sixth decimal. Integer arithmetic on micro-units, half away from zero.
const TRY_DIVIDE = `CREATE MACRO try_divide(a, b) AS CASE WHEN b = 0 THEN NULL ELSE
  CAST(sign(a) * sign(b) * ((2 * abs(CAST(a * 1000000 AS HUGEINT)) * 1000000 + abs(CAST(b * 1000000 AS HUGEINT)))
       // (2 * abs(CAST(b * 1000000 AS HUGEINT)))) AS DECIMAL(38, 0)) * CAST(0.000001 AS DECIMAL(7, 6)) END`;

// fast's try_divide: NULL for a zero divisor like Spark's, otherwise floating-point division.
const TRY_DIVIDE_DOUBLE = `CREATE MACRO try_divide(a, b) AS CASE WHEN b = 0 THEN NULL ELSE
  CAST(a AS DOUBLE) / CAST(b AS DOUBLE) END`;

function options(argv) {
  const parsed = {};
  for (let i = 0; i < argv.length; i += 2) {
    if (!argv[i].startsWith('--') || argv[i + 1] === undefined) {
      fail(`unexpected argument '${argv[i]}': options are --name value pairs`);
    }
    parsed[argv[i].slice(2)] = argv[i + 1];
  }
  return parsed;
}

function required(opts, name) {
  if (!opts[name]) fail(`--${name} is required`);
  return opts[name];
}

function fail(message) {
  console.error(`error: ${message}`);
  process.exit(2);
}

const quote = (text) => `'${text.replaceAll("'", "''")}'`;

/** DuckDB's read_csv columns from the Spark DDL of bench/contracts.ddl (DuckDB knows STRING, DATE and DECIMAL). */
function columnsOf(ddl) {
  const columns = [...ddl.matchAll(/(\w+)\s+([A-Za-z]+(?:\(\s*\d+\s*,\s*\d+\s*\))?)/g)];
  return `{${columns.map(([, name, type]) => `${quote(name)}: ${quote(type)}`).join(', ')}}`;
}

/** The aggregation without the trailing semicolon, so that it can be wrapped in COPY (...). */
function aggregationSql() {
  return readFileSync(join(here, 'contracts_to_observations.sql'), 'utf8').trim().replace(/;$/, '');
}

/** fast's aggregation: each contract's USD amount rounded to 6 places in DOUBLE instead of cast to DECIMAL(38, 6). */
function doubleAggregationSql() {
  const usd = new RegExp(String.raw`CAST\((CASE WHEN c\.currency = 'CNY' THEN try_divide\(c\.(\w+), r\.cny_per_usd\)`
    + String.raw`\s+ELSE c\.\2 END) AS DECIMAL\(38, 6\)\)`, 'g');
  let count = 0;
  const sql = aggregationSql().replace(usd, (_, amount) => { count += 1; return `round(${amount}, 6)`; });
  if (count !== 2) fail(`fast: expected 2 USD conversions in contracts_to_observations.sql, found ${count}`);
  return sql;
}

async function fast(opts) {
  return run(opts, true);
}

async function run(opts, double = false) {
  const landing = resolve(required(opts, 'landing'));
  const out = resolve(required(opts, 'out'));
  const reference = resolve(opts.reference ?? join(here, '..', 'conf', 'reference'));
  const connection = await (await DuckDBInstance.create(':memory:')).connect();
  const ddl = readFileSync(join(here, 'contracts.ddl'), 'utf8');
  await connection.run(double ? TRY_DIVIDE_DOUBLE : TRY_DIVIDE);
  await connection.run(`CREATE VIEW contracts AS SELECT * FROM read_csv(${quote(join(landing, 'contracts', '*.csv'))},
      header = true, auto_detect = false,
      columns = ${columnsOf(double ? ddl.replaceAll(/DECIMAL\(\s*\d+\s*,\s*\d+\s*\)/g, 'DOUBLE') : ddl)})`);
  for (const name of ['entities', 'fx_rates']) {
    await connection.run(`CREATE VIEW ${name} AS SELECT * FROM read_csv(${quote(join(reference, `${name}.csv`))},
        header = true, all_varchar = true)`);
  }
  const sql = double ? doubleAggregationSql() : aggregationSql();
  await connection.run(`COPY (${sql}\n) TO ${quote(out)} (FORMAT parquet)`);
  const rows = await connection.runAndReadAll(`SELECT count(*) AS n FROM read_parquet(${quote(out)})`);
  console.log(`duckdb${double ? ' (fast, DOUBLE money)' : ''}: wrote ${rows.getRowObjectsJson()[0].n} observations `
    + `to ${out}`);
}

async function compare(opts) {
  const result = resolve(required(opts, 'result'));
  const expected = resolve(required(opts, 'expected'));
  const connection = await (await DuckDBInstance.create(':memory:')).connect();
  await connection.run(`CREATE VIEW duck AS SELECT ${KEY.join(', ')}, value FROM read_parquet(${quote(result)})`);
  await connection.run(`CREATE VIEW pipeline AS SELECT * FROM read_csv(${quote(expected)}, header = true,
      auto_detect = false, columns = {'entity_code': 'VARCHAR', 'year': 'INTEGER', 'sector': 'VARCHAR',
      'market': 'VARCHAR', 'indicator': 'VARCHAR', 'value': 'DECIMAL(38, 6)'})`);
  const totals = (await connection.runAndReadAll(`
      SELECT coalesce(p.indicator, d.indicator) AS indicator, p.rows AS pipeline_rows, d.rows AS duckdb_rows,
             p.total AS pipeline_total, d.total AS duckdb_total
      FROM (SELECT indicator, count(*) AS rows, sum(value) AS total FROM pipeline GROUP BY indicator) p
      FULL JOIN (SELECT indicator, count(*) AS rows, sum(value) AS total FROM duck GROUP BY indicator) d
        ON p.indicator = d.indicator
      ORDER BY indicator`)).getRowObjectsJson();
  const differing = (await connection.runAndReadAll(`
      SELECT ${KEY.map((k) => `coalesce(p.${k}, d.${k}) AS ${k}`).join(', ')}, p.value AS pipeline, d.value AS duckdb
      FROM pipeline p FULL JOIN duck d ON ${KEY.map((k) => `p.${k} = d.${k}`).join(' AND ')}
      WHERE p.value IS DISTINCT FROM d.value
      ORDER BY ${KEY.join(', ')}`)).getRowObjectsJson();

  console.log('indicator        pipeline rows  duckdb rows  pipeline total                duckdb total');
  for (const t of totals) {
    console.log(`${String(t.indicator).padEnd(16)} ${String(t.pipeline_rows ?? 0).padStart(13)} `
      + `${String(t.duckdb_rows ?? 0).padStart(12)}  ${String(t.pipeline_total ?? '-').padStart(28)}  `
      + `${String(t.duckdb_total ?? '-').padStart(28)}`);
  }
  const same = differing.length === 0 && totals.length > 0
    && totals.every((t) => t.pipeline_rows === t.duckdb_rows && t.pipeline_total === t.duckdb_total);
  if (same) {
    console.log(`duckdb check: OK, every one of the ${totals.reduce((n, t) => n + Number(t.pipeline_rows), 0)} `
      + 'observations equals the pipeline\'s');
    return;
  }
  console.log(`duckdb check: FAILED, ${differing.length} observation(s) differ; the first ones:`);
  for (const row of differing.slice(0, 10)) console.log(`  ${JSON.stringify(row)}`);
  process.exit(1);
}

const [command, ...rest] = process.argv.slice(2);
const commands = { run, fast, compare };
if (!commands[command]) fail(`name a command: ${Object.keys(commands).join(', ')}`);
await commands[command](options(rest));
