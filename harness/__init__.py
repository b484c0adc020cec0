"""Code that drives the real application the way people do, shared by the tests (``tests/``),
the reliability drills (``reliability/``) and the benchmarks: none of them imports another's
files. Never shipped (the frozen build takes only ``src/``)."""
