import Foundation

/// How long one test may run before it fails as hung: 10 minutes with two cores or
/// more, 30 with one. Swift Testing starts the tests together, so a test's wall time
/// grows with the whole suite's work on a small machine: under `taskset -c 0` the suite
/// took 11 minutes and 26 tests passed the 10-minute mark while none was stuck.
/// scripts/test passes the cores the run may use (`nproc`, which follows taskset) as
/// CARELOG_TEST_CORES; scripts/test's limit on the whole run stays (docs/testing.md).
enum TestTimeLimit {
    static var minutes: Int {
        let cores = Int(ProcessInfo.processInfo.environment["CARELOG_TEST_CORES"] ?? "") ?? ProcessInfo.processInfo.activeProcessorCount
        return cores >= 2 ? 10 : 30
    }
}
