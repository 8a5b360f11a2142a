// One fault scenario at a time: each one loads both cores on its own (10,000 HTTP requests, 1,000 objects reconciling,
// child processes), and running them together would only starve the timing-sensitive suites that run beside this one.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
