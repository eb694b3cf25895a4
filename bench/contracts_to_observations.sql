-- Contracts to observations without validation: the sums the pipeline's normalize step writes into observations
-- for a contracts register (ContractRegister: contract_value and executed_value in USD, and contracts, by entity,
-- year, sector and market, with the OFFSHORE, ONSHORE and ALL markets and the ALL sector; period FY, status A).
-- The lean job (`scripts/pipeline bench lean`) and DuckDB (bench/duckdb.mjs) both run this file over three views:
--   contracts  <landing>/contracts/*.csv read with the schema of bench/contracts.ddl
--   entities   conf/reference/entities.csv, every column text
--   fx_rates   conf/reference/fx_rates.csv, every column text
-- Names are matched as the generator writes them (GB/T 2260 code, English or Chinese name, client market CN for
-- onshore); the pipeline also accepts aliases and spelling variants, and quarantines what does not match.
--
-- One dialect difference: DuckDB's `/` on decimals is floating-point division (on a 1 M-row register, 25 yuan
-- amounts then round differently at the sixth decimal); Spark's is exact. try_divide is Spark's own function (`/`
-- that gives NULL for a zero divisor); DuckDB has none, so bench/duckdb.mjs defines it as a macro doing exact
-- decimal division rounded half up to 6 places, which is what Spark computes for DECIMAL(38, 6) / DECIMAL(12, 6).
-- Everything else is the common subset of both dialects.
WITH entity_names AS (
  SELECT code AS name, code, name_en, level FROM entities
  UNION ALL SELECT name_en, code, name_en, level FROM entities
  UNION ALL SELECT name_zh, code, name_en, level FROM entities),
rates AS (
  SELECT CAST(year AS INT) AS year, CAST(cny_per_usd AS DECIMAL(12, 6)) AS cny_per_usd FROM fx_rates),
usd AS (
  -- Each contract converted at its signing year's rate and rounded to 6 places before summing, as the pipeline does.
  SELECT e.code AS entity_code, e.name_en AS entity_name, e.level AS entity_level, year(c.signed_date) AS year,
         c.sector, CASE WHEN c.client_market = 'CN' THEN 'ONSHORE' ELSE c.client_market END AS market,
         CAST(CASE WHEN c.currency = 'CNY' THEN try_divide(c.contract_value, r.cny_per_usd)
                   ELSE c.contract_value END AS DECIMAL(38, 6)) AS contract_value,
         CAST(CASE WHEN c.currency = 'CNY' THEN try_divide(c.executed_value, r.cny_per_usd)
                   ELSE c.executed_value END AS DECIMAL(38, 6)) AS executed_value
  FROM contracts c
  JOIN entity_names e ON e.name = c.city
  LEFT JOIN rates r ON r.year = year(c.signed_date)),
detail AS (
  SELECT entity_code, entity_name, entity_level, year, sector, market,
         CASE WHEN market = 'ONSHORE' THEN 'ONSHORE' ELSE 'OFFSHORE' END AS side,
         sum(contract_value) AS contract_value, sum(executed_value) AS executed_value, count(*) AS contracts
  FROM usd
  GROUP BY entity_code, entity_name, entity_level, year, sector, market),
rolled AS (
  -- Rolled up from the few detail rows, not from the contracts: a sector's markets, OFFSHORE (the destinations)
  -- and ALL, and the same across sectors. The ONSHORE side repeats the ONSHORE market and is dropped below.
  SELECT entity_code, entity_name, entity_level, year,
         CASE WHEN grouping(sector) = 0 THEN sector ELSE 'ALL' END AS sector,
         CASE WHEN grouping(market) = 0 THEN market WHEN grouping(side) = 0 THEN side ELSE 'ALL' END AS market,
         grouping(side) = 0 AND side = 'ONSHORE' AS repeated,
         sum(contract_value) AS contract_value, sum(executed_value) AS executed_value, sum(contracts) AS contracts
  FROM detail
  GROUP BY GROUPING SETS (
    (entity_code, entity_name, entity_level, year, sector, market),
    (entity_code, entity_name, entity_level, year, sector, side),
    (entity_code, entity_name, entity_level, year, sector),
    (entity_code, entity_name, entity_level, year, market),
    (entity_code, entity_name, entity_level, year, side),
    (entity_code, entity_name, entity_level, year)))
SELECT entity_code, entity_name, entity_level, year, 'FY' AS period, sector, market, i.indicator,
       CAST(CASE i.indicator WHEN 'contract_value' THEN contract_value WHEN 'executed_value' THEN executed_value
                 ELSE CAST(contracts AS DECIMAL(38, 6)) END AS DECIMAL(38, 6)) AS value,
       CASE WHEN i.indicator = 'contracts' THEN 'count' ELSE 'USD' END AS unit, 'A' AS status
FROM rolled CROSS JOIN (VALUES ('contract_value'), ('executed_value'), ('contracts')) AS i(indicator)
WHERE NOT repeated
