"""Benchmarks of okrsite at scale (docs/performance.md).

- bench.generate: a synthetic organization of N units (content directory + mkdocs.yml)
- bench.run: build time with okrsite against plain MkDocs with the same pages
- bench.profile: where the build time goes (timers and cProfile)
- bench.plain: the plain MkDocs baseline; bench.snapshot: benchmark a committed okrsite
"""
