"""Fleet telemetry: a Prometheus exporter reading every port's module at scrape time (issue 16)."""
