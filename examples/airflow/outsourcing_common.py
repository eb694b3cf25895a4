"""What both DAGs of the outsourcing statistics pipeline share; copy it into the DAGs folder beside them.

Airflow puts the DAGs folder on sys.path, so the DAG files import it by its name.
"""

from datetime import datetime, timedelta, timezone

# A checkout of the pipeline on the Airflow worker, where `mvn -B -DskipTests package` built the application jar. An
# Airflow Variable, so that moving it needs no edit here; rendered when the task runs, not each time the scheduler
# parses the DAG files.
PIPELINE_HOME = "{{ var.value.get('outsourcing_pipeline_home', '/opt/outsourcing-pipeline') }}"

DEFAULT_ARGS = {
    "owner": "data-engineering",
    # A rerun is safe: every write is a MERGE or an idempotent append keyed on the batch, and a run killed half way
    # is completed by the next one (README, Runs cost what their data costs).
    "retries": 1,
    "retry_delay": timedelta(minutes=30),
    # A batch that fails to normalise fails only the first attempt: later runs leave it aside and exit 0 until it is
    # released (README, No input can stop a run). A retry must therefore alert as a failure does.
    "email": ["data-oncall@example.com"],
    "email_on_failure": True,
    "email_on_retry": True,
}

# The keyword arguments of DAG(...) besides its id.
DAILY = {
    "description": "Lands new files, normalises them and rebuilds the gold tables and the report",
    "schedule": "@daily",
    "start_date": datetime(2026, 1, 1, tzinfo=timezone.utc),
    # Each run lands whatever is new in the landing folder: missed days need no run of their own.
    "catchup": False,
    # Writers of a local warehouse would queue on its lock; a warehouse on HDFS or S3 has none, and one writer at a
    # time is the scheduler's job (README, Running on a cluster, Concurrency).
    "max_active_runs": 1,
    "default_args": DEFAULT_ARGS,
    "tags": ["outsourcing-pipeline"],
}
