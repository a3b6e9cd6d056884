/// What a build did and how long each stage took.
public struct BuildReport: Sendable {
    public struct Stage: Sendable {
        public var name: String
        /// Wall-clock time.
        public var seconds: Double
        /// Processor time on all cores together (user and system); more than `seconds` when the
        /// stage ran in parallel.
        public var cpuSeconds: Double
    }

    public var pages: Int
    public var sections: Int
    public var files: Int
    public var bytes: Int
    public var stages: [Stage]
    /// Problems that did not stop the build, by location.
    public var warnings: [Diagnostic] = []

    public var totalSeconds: Double { stages.reduce(0) { $0 + $1.seconds } }
}
