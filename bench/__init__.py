"""Throughput, scaling and memory benchmarks for newsgraph (see README.md)."""
