"""Daily `run` of the outsourcing statistics pipeline on a cluster, through spark-submit.

The command it builds is the README's (Running on a cluster, the YARN and Kubernetes variants):

    spark-submit --master <the connection's> --deploy-mode cluster --files conf/cluster.conf \
      --packages org.apache.hadoop:hadoop-aws:3.3.4 \
      --class org.outsourcingstats.jobs.PipelineCli jobs/target/outsourcing-pipeline.jar run --config-file cluster.conf

Needs apache-airflow-providers-apache-spark, spark-submit of a Spark 3.5 distribution on the Airflow worker, and the
Spark connection `spark_default` naming the cluster's master (yarn, or k8s://...). On a standalone master (client
mode) leave out deploy_mode and files, and give --config-file the configuration's full path instead.
"""

from airflow import DAG
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator
from outsourcing_common import DAILY, PIPELINE_HOME

with DAG(dag_id="outsourcing_pipeline_spark_submit", **DAILY) as dag:
    SparkSubmitOperator(
        task_id="run",
        conn_id="spark_default",
        deploy_mode="cluster",
        name="outsourcing-pipeline-run",
        application=f"{PIPELINE_HOME}/jobs/target/outsourcing-pipeline.jar",
        java_class="org.outsourcingstats.jobs.PipelineCli",
        # Shipped into the driver's working directory, where --config-file finds it by its name.
        files=f"{PIPELINE_HOME}/conf/cluster.conf",
        # Must match the cluster's Hadoop (3.3.4 for Spark 3.5's own builds). S3A reads the credentials from the
        # environment or the instance profile, never from conf/.
        packages="org.apache.hadoop:hadoop-aws:3.3.4",
        application_args=["run", "--config-file", "cluster.conf"],
        # spark-submit's settings win over the pipeline's pipeline.spark.* (README, Configuration).
        conf={
            "spark.driver.memory": "4g",
            "spark.executor.instances": "4",
            "spark.executor.cores": "2",
            "spark.executor.memory": "4g",
            # Airflow's retry is the only one: a second YARN attempt inside the task would hide the first failure.
            "spark.yarn.maxAppAttempts": "1",
        },
    )
