"""Charts shared by the two notebooks of this folder.

outsourcing-pyspark.ipynb builds its frames with Spark SQL on the Delta tables, outsourcing-pandas.ipynb with
pandas on `scripts/pipeline export` files; both hand frames of the same columns to these functions, so a chart is
drawn by one piece of code whichever way its data was computed. Each function draws one figure and returns it.
"""
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.ticker import FuncFormatter, LogLocator

# The 2023 US Merger Guidelines bands of the HHI (0-10,000): above 1,800 highly, 1,000-1,800 moderately concentrated.
HHI_BANDS_2023 = ((1000, "1,000: moderately concentrated above"), (1800, "1,800: highly concentrated above"))


def plot_export_revenue(series: pd.DataFrame):
    """Offshore executed value (export revenue) by city and year, in USD bn on a log scale.

    series: entity_name, year, usd_bn, status. A gap between published years is left open, not bridged, and every
    point that is not an actual figure is labelled with its status (E estimate, D derived by the pipeline).
    """
    fig, ax = plt.subplots(figsize=(9, 5))
    for name, rows in series.groupby("entity_name", sort=True):
        rows = rows.sort_values("year")
        years = range(int(rows.year.min()), int(rows.year.max()) + 1)
        levels = rows.set_index("year").usd_bn.astype(float).reindex(years)
        ax.plot(list(years), levels.values, marker="o", label=name)
        for row in rows.itertuples():
            if row.status != "A":
                ax.annotate(row.status, (row.year, float(row.usd_bn)), textcoords="offset points", xytext=(4, 4),
                            fontsize=8, color="dimgray")
    ax.set_yscale("log")
    ax.yaxis.set_major_locator(LogLocator(base=10, subs=(1.0, 2.0, 5.0)))
    ax.yaxis.set_minor_locator(LogLocator(base=10, subs="auto"))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:g}"))
    ax.set_xlabel("year")
    ax.set_ylabel("USD bn (log scale)")
    ax.set_title("Offshore executed value (export revenue) of model cities")
    ax.legend(loc="upper left")
    ax.grid(True, which="both", alpha=0.3)
    fig.tight_layout()
    return fig


def plot_growth_ranking(ranking: pd.DataFrame):
    """Year-on-year growth of each city and year, fastest at the top, with the nation's growth of that year.

    ranking: entity_name, year, yoy, china_yoy, prev_status (fractions). A bar whose base year was derived from
    the published rate (prev_status D) is marked with *: its growth is the published rate, not a check of it.
    """
    ranking = ranking.sort_values("yoy", ascending=True)
    labels = [f"{row.entity_name} {row.year}{'*' if row.prev_status == 'D' else ''}" for row in ranking.itertuples()]
    fig, ax = plt.subplots(figsize=(9, 0.45 * len(ranking) + 1.5))
    positions = range(len(ranking))
    ax.barh(positions, ranking.yoy.astype(float) * 100, color="tab:blue", label="city")
    china = ranking.china_yoy.astype(float) * 100
    ax.scatter(china, positions, marker="D", color="black", zorder=3, label="China, same year")
    ax.set_yticks(list(positions))
    ax.set_yticklabels(labels)
    ax.set_xlabel("growth on the previous year, % (* base derived from the published rate)")
    ax.set_title("Full-year growth of offshore executed value, model cities")
    ax.legend(loc="lower right")
    ax.grid(True, axis="x", alpha=0.3)
    fig.tight_layout()
    return fig


def plot_market_concentration(concentration: pd.DataFrame):
    """The HHI of destination markets per scope and period, as the range from hhi_lower to hhi_upper.

    concentration: scope_name, year, period, hhi_lower, hhi_upper, top_member, top_share. The range is the
    uncertainty the unnamed remainder leaves (fragmented at the bottom, one market at the top).
    """
    scopes = sorted(concentration.scope_name.unique())
    fig, axes = plt.subplots(1, len(scopes), figsize=(4 * len(scopes) + 1, 4.5), sharey=True, squeeze=False)
    for ax, scope in zip(axes[0], scopes):
        rows = concentration[concentration.scope_name == scope].sort_values(["year", "period"])
        labels = [f"{row.year} {row.period}" for row in rows.itertuples()]
        positions = range(len(rows))
        ax.vlines(positions, rows.hhi_lower.astype(float), rows.hhi_upper.astype(float), linewidth=6,
                  color="tab:orange", alpha=0.7)
        ax.scatter(positions, rows.hhi_lower.astype(float), color="tab:orange", marker="_", s=200)
        for position, row in zip(positions, rows.itertuples()):
            ax.annotate(f"{row.top_member} {float(row.top_share):.0%}", (position, float(row.hhi_upper)),
                        textcoords="offset points", xytext=(0, 5), ha="center", fontsize=8)
        for level, label in HHI_BANDS_2023:
            ax.axhline(level, linestyle="--", color="gray", linewidth=1)
        ax.set_xticks(list(positions))
        ax.set_xticklabels(labels, rotation=30)
        ax.set_xlim(-0.7, len(rows) - 0.3)
        ax.set_title(scope)
    axes[0][0].set_ylabel("HHI of destination markets (0-10,000)")
    axes[0][0].set_ylim(0, 10000)
    fig.suptitle("Destination-market concentration: HHI bounds, top market; dashed: 2023 guideline bands")
    fig.tight_layout()
    return fig


def plot_plans(plans: pd.DataFrame):
    """For every plan with a base: the growth it requires beside the growth the series showed into its base year.

    plans: entity_name, indicator, target_year, required_cagr, trend_growth, trend_measure (fractions).
    """
    plans = plans[plans.required_cagr.notna()]
    labels = [f"{row.entity_name}\n{row.indicator}\nby {row.target_year}" for row in plans.itertuples()]
    positions = pd.RangeIndex(len(plans))
    fig, ax = plt.subplots(figsize=(7, 4.5))
    ax.bar(positions - 0.2, plans.required_cagr.astype(float) * 100, width=0.4, label="required CAGR to the target")
    trend = plans.trend_growth.astype(float) * 100
    ax.bar(positions + 0.2, trend, width=0.4, label="growth into the base year")
    for position, row in zip(positions, plans.itertuples()):
        if pd.notna(row.trend_growth):
            ax.annotate(row.trend_measure, (position + 0.2, float(row.trend_growth) * 100),
                        textcoords="offset points", xytext=(0, 3), ha="center", fontsize=8)
    ax.set_xticks(list(positions))
    ax.set_xticklabels(labels)
    ax.set_ylabel("% a year")
    ax.set_ylim(0, 1.3 * max(plans.required_cagr.astype(float).max(), trend.max(skipna=True) / 100) * 100)
    ax.set_title("Plans: growth required against growth shown")
    ax.legend(loc="upper center", ncol=2)
    ax.grid(True, axis="y", alpha=0.3)
    fig.tight_layout()
    return fig
