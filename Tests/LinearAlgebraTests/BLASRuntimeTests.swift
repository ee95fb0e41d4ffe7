import Testing
@testable import LinearAlgebra

@Suite("BLAS runtime")
struct BLASRuntimeTests {
    @Test func configurationIsReported() {
        #expect(!BLASRuntime.configuration.isEmpty)
    }

    @Test func singleThreadSetting() {
        BLASRuntime.useSingleThread()
        #expect(BLASRuntime.threadCount == 1)
    }
}
