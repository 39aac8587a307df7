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
                _ = FileManager.default.fileExists(atPath: url.path(), isDirectory: &isFolder)
                if isFolder.boolValue || url.pathExtension == "sql" { inputs.append(url) }
            }
        }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedSQL.swift")
        let commitOutput = context.pluginWorkDirectoryURL.appending(path: "BuildCommit.swift")
        let git = GitFiles(package: packageDirectory)
        return [
            .buildCommand(
                displayName: "Embedding sql/, reports/ and queries/ into \(target.name)",
                executable: try context.tool(named: "carelog-embed").url,
                arguments: [output.path()] + folders.map { $0.path() },
                inputFiles: inputs.sorted { $0.path() < $1.path() } + folders,
                outputFiles: [output]
            ),
            // The commit the build comes from, for `carelog --version`: read from the
            // files git keeps (HEAD, the branch's ref, packed-refs), which are this
            // command's inputs, so that a commit or a checkout re-runs it. No git
            // program is run; outside a git checkout the commit is unknown.
            .buildCommand(
                displayName: "Recording the git commit of \(target.name)",
                executable: try context.tool(named: "carelog-embed").url,
                arguments: ["--commit", commitOutput.path()] + (git.map { [$0.gitDirectory.path(), $0.commonDirectory.path()] } ?? []),
                inputFiles: git?.inputs ?? [],
                outputFiles: [commitOutput]
            ),
        ]
    }
}

/// Where git keeps the checkout's HEAD and refs: `.git` as a folder, or, in a linked
/// worktree, a `.git` file naming the worktree's folder (`gitdir: …`), whose
/// `commondir` names the folder with the branches.
struct GitFiles {
    let gitDirectory: URL
    let commonDirectory: URL

    init?(package: URL) {
        let dotGit = package.appending(path: ".git")
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dotGit.path(), isDirectory: &isFolder) else { return nil }
        if isFolder.boolValue {
            gitDirectory = dotGit
        } else {
            guard let text = try? String(contentsOf: dotGit, encoding: .utf8), text.hasPrefix("gitdir:") else { return nil }
            let path = text.dropFirst("gitdir:".count).trimmingCharacters(in: .whitespacesAndNewlines)
            gitDirectory = path.hasPrefix("/") ? URL(fileURLWithPath: path) : package.appending(path: path)
        }
        if let common = try? String(contentsOf: gitDirectory.appending(path: "commondir"), encoding: .utf8) {
            let path = common.trimmingCharacters(in: .whitespacesAndNewlines)
            commonDirectory = path.hasPrefix("/") ? URL(fileURLWithPath: path) : gitDirectory.appending(path: path)
        } else {
            commonDirectory = gitDirectory
        }
    }

    /// HEAD, the ref it names (where it exists) and packed-refs (where it exists).
    var inputs: [URL] {
        var files = [gitDirectory.appending(path: "HEAD")]
        if let head = try? String(contentsOf: files[0], encoding: .utf8), head.hasPrefix("ref:") {
            let ref = head.dropFirst("ref:".count).trimmingCharacters(in: .whitespacesAndNewlines)
            files += [gitDirectory.appending(path: ref), commonDirectory.appending(path: ref)]
        }
        files.append(commonDirectory.appending(path: "packed-refs"))
        return files.filter { FileManager.default.fileExists(atPath: $0.path()) }
    }
}
