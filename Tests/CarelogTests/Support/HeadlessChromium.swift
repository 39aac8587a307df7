import Foundation

/// Headless Chromium, when this machine has it (`apt-get install -y chromium`): what a
/// person printing an HTML page would get. Tests that use it are skipped without it;
/// nothing here installs anything.
///
/// Chromium is a child process that this waits for (at most 180 s): call these from
/// `OwnThread.run`, never straight from a test's task (docs/testing.md).
enum HeadlessChromium {
    /// The executable, or nil when none is on PATH.
    static let executable: URL? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            for name in ["chromium", "chromium-browser", "google-chrome"] {
                let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
                if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            }
        }
        return nil
    }()

    static var isAvailable: Bool { executable != nil }

    struct Failed: Error, CustomStringConvertible {
        var description: String
    }

    /// Prints `html` (a file) to PDF as the browser's "Save as PDF" does, with the
    /// page's own @page size, and returns the PDF's bytes.
    static func printToPDF(_ html: URL) throws -> Data {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let pdf = folder.appendingPathComponent("out.pdf")
        _ = try run(["--no-pdf-header-footer", "--print-to-pdf=\(pdf.path)", html.absoluteString], folder: folder)
        return try Data(contentsOf: pdf)
    }

    /// Pages of a PDF Chromium wrote: its page objects (`/Type /Page`, not `/Pages`).
    static func pageCount(_ pdf: Data) -> Int {
        let text = String(decoding: pdf, as: UTF8.self)
        let expression = try! NSRegularExpression(pattern: "/Type\\s*/Page(?![s\\w])")
        return expression.numberOfMatches(in: text, range: NSRange(text.startIndex..., in: text))
    }

    /// The elements of `html` whose text does not fit in their box (wider or taller, so
    /// clipped or running over a neighbour), laid out at the page's own width: a copy
    /// of the page with a script that measures each cell, heading and paragraph.
    static func overflowing(_ html: String) throws -> [String] {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("page.html")
        let script = """
            <script>
            var bad = [];
            document.querySelectorAll('td, th, h1, p').forEach(function (e) {
              var r = document.createRange(); r.selectNodeContents(e);
              var t = r.getBoundingClientRect(), b = e.getBoundingClientRect();
              if (t.width > 0 && (t.right > b.right + 0.5 || t.left < b.left - 0.5 || t.bottom > b.bottom + 0.5))
                bad.push(e.textContent.trim().slice(0, 40));
            });
            document.body.setAttribute('data-overflowing', bad.join(' | '));
            </script>
            """
        try Data(html.replacingOccurrences(of: "</body>", with: script + "</body>").utf8).write(to: page)
        let dom = try run(["--window-size=1000,1000", "--dump-dom", page.absoluteString], folder: folder)
        guard let start = dom.range(of: "data-overflowing=\"") else { throw Failed(description: "no measurement in the page") }
        let value = dom[start.upperBound...].prefix { $0 != "\"" }
        return value.isEmpty ? [] : value.components(separatedBy: " | ")
    }

    private static func scratchFolder() throws -> URL {
        try ScratchFolder.create("chromium")
    }

    /// Runs Chromium with its own profile folder and returns its standard output.
    private static func run(_ arguments: [String], folder: URL) throws -> String {
        guard let executable else { throw Failed(description: "chromium is not installed") }
        let process = Process()
        process.executableURL = executable
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(folder.appendingPathComponent("profile").path)"]
            + arguments
        let output = folder.appendingPathComponent("stdout")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // A Chromium that never ends must not hold its thread (and its test) for ever.
        let deadline = Date().addingTimeInterval(180)
        while process.isRunning && Date() < deadline { usleep(50_000) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            throw Failed(description: "chromium \(arguments.joined(separator: " ")) did not end within 180 s")
        }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failed(description: "chromium \(arguments.joined(separator: " ")) exited with \(process.terminationStatus)")
        }
        return try String(contentsOf: output, encoding: .utf8)
    }
}
