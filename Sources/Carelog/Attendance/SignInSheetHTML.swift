/// The HTML of `carelog attendance sheet`: one self-contained file (no script, font,
/// image or link), each session on a page of its own when printed (US Letter,
/// portrait), the table's header and the confidentiality line repeated on every page
/// of a long one, a long name wrapped rather than cut. Written by `HTMLNode`, which
/// escapes every value (a patient named `<b>` is text).
struct SignInSheetHTML {
    let pages: [SignInSheetOperation.Page]
    let program: String?
    let pseudonymized: Bool

    /// Printed on every page (42 CFR § 2.32's notice accompanies a disclosure; a
    /// sheet is not one, but it says what it holds to whoever finds it).
    static let confidentiality = "Confidential: patient records protected by federal law (42 CFR Part 2, HIPAA). "
        + "Do not copy or leave unattended; file with the session's records or destroy securely."

    func render() -> String {
        let title = pages.count == 1
            ? "Sign-in sheet — \(pages[0].groupCode) \(pages[0].day) \(pages[0].time)"
            : "Sign-in sheets — \(pages.count) sessions of \(pages.first?.day ?? "")"
        let document = HTMLNode.el("html", [("lang", "en")], [
            .el("head", [], [
                .el("meta", [("charset", "utf-8")]),
                .el("title", text: title),
                .el("style", [], [.trusted(Self.styleSheet)]),
            ]),
            .el("body", [], pages.map(page)),
        ])
        return "<!DOCTYPE html>\n" + document.rendered + "\n"
    }

    private func page(_ page: SignInSheetOperation.Page) -> HTMLNode {
        let label = "\(page.groupCode) · \(page.day) \(page.time)"
        var facts: [(String, String)] = [
            ("Site", "\(page.siteName) (\(page.siteCode))"),
            ("Date", "\(page.weekday) \(page.day)"),
            ("Time", "\(page.time)–\(page.end)"),
            ("Facilitator", page.facilitator),
        ]
        if let cofacilitators = page.cofacilitators { facts.append(("Co-facilitators", cofacilitators)) }
        facts.append(("Group", page.kind == "closed"
            ? "closed: \(page.lines.count) enrolled expected; walk-ins on the blank lines"
            : "open: everyone signs in on a line"))
        var heading: [HTMLNode] = []
        if let program { heading.append(.el("p", [("class", "program")], text: program)) }
        heading.append(.el("h1", text: "Sign-in sheet: " + (page.groupName.map { "\($0) (\(page.groupCode))" } ?? page.groupCode)))
        heading.append(.el("table", [("class", "facts")], [
            .el("tbody", [], facts.map { .el("tr", [], [.el("th", [("scope", "row")], text: $0.0), .el("td", text: $0.1)]) }),
        ]))
        let identifier = pseudonymized ? "Pseudonym" : "MRN"
        let name = pseudonymized ? "Initials" : "Name"
        let columns: [(String, String)] = [("#", "number"), (name, "name"), (identifier, "identifier"),
                                           ("Time in", "time"), ("Time out", "time"), ("Signature", "signature")]
        var rows: [HTMLNode] = []
        for (index, line) in page.lines.enumerated() {
            rows.append(.el("tr", [], [
                .el("td", [("class", "number")], text: String(index + 1)), .el("td", [("class", "name")], text: line.name),
                .el("td", [("class", "identifier")], text: line.identifier),
                .el("td", [], text: ""), .el("td", [], text: ""), .el("td", [], text: ""),
            ]))
        }
        for index in 0..<page.blankLines {
            rows.append(.el("tr", [("class", "blank")], [
                .el("td", [("class", "number")], text: String(page.lines.count + index + 1)),
                .el("td", [], text: ""), .el("td", [], text: ""), .el("td", [], text: ""), .el("td", [], text: ""), .el("td", [], text: ""),
            ]))
        }
        return .el("section", [("class", "sheet"), ("aria-label", label)], [
            .el("header", [], heading),
            .el("table", [("class", "roll")], [
                .el("colgroup", [], columns.map { .el("col", [("class", $0.1)]) }),
                .el("thead", [], [
                    .el("tr", [("class", "repeat")], [.el("th", [("colspan", "6")], text: label + " · sign-in sheet")]),
                    .el("tr", [], columns.map { .el("th", [("scope", "col")], text: $0.0) }),
                ]),
                .el("tfoot", [], [.el("tr", [], [.el("td", [("colspan", "6"), ("class", "confidential")], text: Self.confidentiality)])]),
                .el("tbody", [], rows),
            ]),
            .el("p", [("class", "attest")], text: "Facilitator's signature: ______________________________   Date: ______________"),
        ])
    }

    /// US Letter, half-inch margins: 7.5 in of width for the sheet, on screen as on
    /// paper, so what a browser shows is what prints. Twenty lines and the heading fit
    /// one page; a longer list goes on with the table's header repeated.
    static let styleSheet = """
        @page { size: letter portrait; margin: 0.5in; }
        * { box-sizing: border-box; }
        html { font: 11pt/1.25 "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #000; background: #fff; }
        body { margin: 0; }
        .sheet { width: 7.5in; }
        .sheet + .sheet { break-before: page; page-break-before: always; }
        .program { font-size: 12pt; font-weight: bold; margin: 0 0 2pt; overflow-wrap: anywhere; }
        h1 { font-size: 15pt; margin: 0 0 4pt; overflow-wrap: anywhere; }
        table { border-collapse: collapse; width: 100%; table-layout: fixed; }
        .facts { margin-bottom: 6pt; }
        .facts th { width: 1.3in; text-align: left; font-weight: bold; padding: 1pt 6pt 1pt 0; vertical-align: top; }
        .facts td { padding: 1pt 0; overflow-wrap: anywhere; }
        .roll th, .roll td { border: 1px solid #000; padding: 2pt 4pt; overflow-wrap: anywhere; vertical-align: middle; }
        .roll thead { display: table-header-group; }
        .roll tfoot { display: table-footer-group; }
        .roll thead th { background: #eee; text-align: left; font-size: 10pt; }
        .roll thead tr.repeat th { background: #fff; border: none; font-weight: normal; font-size: 8.5pt; padding: 0 0 2pt; }
        .roll tbody tr { height: 0.28in; break-inside: avoid; page-break-inside: avoid; }
        .roll td.number { text-align: right; font-size: 9pt; }
        .roll td.identifier { font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 10pt; }
        .roll tfoot td { border: none; font-size: 7.5pt; padding-top: 3pt; }
        col.number { width: 0.35in; } col.name { width: 2.1in; } col.identifier { width: 1.45in; }
        col.time { width: 0.8in; } col.signature { width: 2.0in; }
        .attest { margin: 10pt 0 0; font-size: 10pt; }
        """
}
