// Fixtures run in parallel (one per core by default): most of the suite's time is `nodesim`
// processes the CLI tests start and seeded simulations, and no fixture shares mutable state with
// another (each writes under its own TempDir; the process-wide job-execution and characterisation
// caches are thread-safe and hold pure results). Tests within a fixture still run one at a time.
[assembly: Parallelizable(ParallelScope.Fixtures)]
