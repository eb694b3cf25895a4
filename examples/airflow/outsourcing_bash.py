"""Daily `run` of the outsourcing statistics pipeline from a checkout on the Airflow worker.

The task runs the README's command, `scripts/pipeline run`, in that checkout: Spark in local mode, or on a standalone
cluster when --master spark://HOST:7077 is added (README, Commands and Running on a cluster). Needs Java 17 on the
worker (PATH or JAVA_HOME).
"""

from airflow import DAG
from outsourcing_common import DAILY, PIPELINE_HOME

try:
    from airflow.providers.standard.operators.bash import BashOperator
except ImportError:  # Airflow 2, before the operator moved to the standard provider.
    from airflow.operators.bash import BashOperator

# Relative to the checkout: start from conf/local.conf for one machine, conf/cluster.conf for a cluster (README,
# Configuration). A Variable too, rendered when the task runs.
CONFIG_FILE = "{{ var.value.get('outsourcing_pipeline_config_file', 'conf/local.conf') }}"

with DAG(dag_id="outsourcing_pipeline_bash", **DAILY) as dag:
    BashOperator(
        task_id="run",
        # From the checkout's root: the configuration's relative paths resolve against the working directory.
        bash_command=f"cd {PIPELINE_HOME} && scripts/pipeline run --config-file {CONFIG_FILE}",
        # The jar is built when the checkout is deployed (mvn -B -DskipTests package): without this the launcher
        # would rebuild it inside a scheduled run whenever the sources are newer, and need Maven to.
        env={"PIPELINE_NO_BUILD": "1"},
        append_env=True,
    )
