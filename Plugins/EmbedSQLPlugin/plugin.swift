import Foundation
import PackagePlugin

/// Carries `sql/` (migrations), `reports/` (report definitions) and `queries/` (every
/// other statement the tool runs, in one subfolder per concept) inside the binary.
///
/// A resource bundle would break as soon as the binary is copied on its own, so the
/// files become Swift string literals at build time. The folders sit at the top of
/// the repository, outside any target, so the plugin lists them itself; because each
/// file and each folder is an input of the command, editing or adding one re-runs the
/// generator.
@main
struct EmbedSQLPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let packageDirectory = context.package.directoryURL
        // A folder git has nothing in yet does not exist in a fresh clone.
        let folders = ["sql", "reports", "queries"].map { packageDirectory.appending(path: $0) }
            .filter { FileManager.default.fileExists(atPath: $0.path()) }
        var inputs: [URL] = []
        for folder in folders {
            let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
            while let url = enumerator?.nextObject() as? URL {
                var isFolder: ObjCBool = false
                FileManager.default.fileExists(atPath: url.path(), isDirectory: &isFolder)
                if isFolder.boolValue || url.pathExtension == "sql" { inputs.append(url) }
            }
        }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedSQL.swift")
        return [
            .buildCommand(
                displayName: "Embedding sql/, reports/ and queries/ into \(target.name)",
                executable: try context.tool(named: "carelog-embed").url,
                arguments: [output.path()] + folders.map { $0.path() },
                inputFiles: inputs.sorted { $0.path() < $1.path() } + folders,
                outputFiles: [output]
            )
        ]
    }
}
