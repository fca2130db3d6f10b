"""Python UDF workers: the daemon the engine starts (``python -m kindling.worker.daemon``), which forks one worker
per engine connection, and the worker's task loop over the engine's FlatBuffers frames."""
