"""Development tooling, apart from the product: synthetic data and the benchmarks that `make bench` runs."""
