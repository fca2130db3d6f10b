"""The example job: a PySpark program where only the imports changed.

Sales by region, joined with a region table; then the bridge's costs made visible: a handle-only
transformation, an Arrow collect, and the same collect as pickled rows.
"""

import time

import pandas as pd

from kindling.sql import SparkSession
from kindling.sql import functions as F
from kindling.sql.functions import col, pandas_udf, udf

spark = SparkSession.builder.appName("kindling-demo").master("local[2]").getOrCreate()
print(f"engine ready: started and connected in {spark._startup_ms:.0f} ms")

sales = spark.createDataFrame(
    [
        ("north", "apples", 3, 1.5),
        ("north", "pears", 1, 2.25),
        ("south", "apples", 7, 1.25),
        ("south", "plums", None, 3.0),
        ("east", "apples", 2, 1.75),
        ("west", "figs", 4, None),
    ],
    "region string, product string, qty int, price double",
)
regions = spark.createDataFrame([("north", "Ada"), ("south", "Grace"), ("east", "Edsger")], ["region", "manager"])

revenue = (
    sales.withColumn("revenue", col("qty") * col("price"))
    .groupBy("region")
    .agg(F.sum("revenue").alias("revenue"), F.count("*").alias("orders"), F.countDistinct("product").alias("products"))
    .join(regions, "region", "left")
    .orderBy(col("revenue").desc_nulls_last())
)
print("Revenue by region:")
revenue.show()

# spark.range creates its data in the engine: no Python data crosses the bridge.
big = spark.range(0, 2_000_000).withColumn("bucket", col("id") % 10)
t0 = time.perf_counter()
df = big.groupBy("bucket").agg(F.sum("id").alias("total"))
t1 = time.perf_counter()
rows = df.orderBy("bucket").collect()
t2 = time.perf_counter()
print(f"one transformation (a round trip, no data): {(t1 - t0) * 1e3:.2f} ms; "
      f"grouped 2,000,000 rows into {len(rows)} buckets in {(t2 - t1) * 1e3:.0f} ms")

# The same result to pandas through Arrow, then as pickled rows (the classic slow path).
wide = spark.range(0, 500_000).select("id", (col("id") * 0.5).alias("half"), (col("id") % 7 == 0).alias("seventh"))
t0 = time.perf_counter()
pdf = wide.toPandas()
t1 = time.perf_counter()
spark.conf.set("spark.sql.execution.arrow.pyspark.enabled", "false")
pdf_pickled = wide.toPandas()
t2 = time.perf_counter()
spark.conf.set("spark.sql.execution.arrow.pyspark.enabled", "true")
assert pdf.equals(pdf_pickled)
print(f"toPandas of {len(pdf):,} rows: Arrow {(t1 - t0) * 1e3:.0f} ms, pickled rows {(t2 - t1) * 1e3:.0f} ms")

# Python re-enters only for UDFs: row at a time (pickled or Arrow) or vectorized (pandas), in pooled workers.
plus_one_pickled = udf(lambda x: x + 1, "bigint", useArrow=False)
plus_one_arrow = udf(lambda x: x + 1, "bigint", useArrow=True)


@pandas_udf("long")
def plus_one_pandas(v: pd.Series) -> pd.Series:
    return v + 1


nums = spark.range(0, 1_000_000, 1, 2)
nums.select(plus_one_arrow("id")).count()  # starts the worker daemon once
for label, f in (("pickled rows", plus_one_pickled), ("Arrow rows", plus_one_arrow), ("pandas", plus_one_pandas)):
    t0 = time.perf_counter()
    total = nums.select(f("id").alias("y")).agg(F.sum("y")).collect()[0][0]
    print(f"UDF x + 1 over 1,000,000 rows, {label}: {(time.perf_counter() - t0) * 1e3:.0f} ms (sum {total})")

spark.stop()
