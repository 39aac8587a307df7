import Foundation
import PackagePlugin

/// Carries `sql/` (migrations) and `reports/` (report definitions) inside the binary.
///
/// A resource bundle would break as soon as the binary is copied on its own, so the
/// files become Swift string literals at build time. The folders sit at the top of
/// the repository, outside any target, so the plugin lists them itself; because each
/// file is an input of the command, editing or adding one re-runs the generator.
@main
struct EmbedSQLPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let packageDirectory = context.package.directoryURL
        // A folder git has nothing in yet does not exist in a fresh clone.
        let folders = ["sql", "reports"].map { packageDirectory.appending(path: $0) }
            .filter { FileManager.default.fileExists(atPath: $0.path()) }
        var inputs: [URL] = []
        for folder in folders {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path())) ?? []
            inputs += names.filter { $0.hasSuffix(".sql") }.sorted().map { folder.appending(path: $0) }
        }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedSQL.swift")
        return [
            .buildCommand(
                displayName: "Embedding sql/ and reports/ into \(target.name)",
                executable: try context.tool(named: "carelog-embed").url,
                arguments: [output.path()] + folders.map { $0.path() },
                inputFiles: inputs + folders,
                outputFiles: [output]
            )
        ]
    }
}
