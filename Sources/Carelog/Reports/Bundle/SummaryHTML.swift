/// `summary.html` of the monthly bundle: the director's summary as one
/// self-contained file — the same `SummaryContent` as `summary.txt`, with inline
/// SVG charts (the trend, adherence, discharges by reason, attendance by group),
/// a print style (A4 or Letter, each section on its own page) and nothing fetched:
/// no script, no font, no image, no link. Written as well-formed XHTML-style markup
/// by `HTMLNode`, which escapes every value.
struct SummaryHTML {
    let content: SummaryContent

    func render() -> String {
        let document = HTMLNode.el("html", [("lang", "en")], [
            .el("head", [], [
                .el("meta", [("charset", "utf-8")]),
                .el("meta", [("name", "viewport"), ("content", "width=device-width, initial-scale=1")]),
                .el("title", text: content.title),
                .el("style", [], [.trusted(Self.styleSheet + (content.partialNotice == nil ? "" : Self.partialStyle))]),
            ]),
            .el("body", [], body()),
        ])
        return "<!DOCTYPE html>\n" + document.rendered + "\n"
    }

    private func body() -> [HTMLNode] {
        var notice: [HTMLNode] = []
        if let text = content.partialNotice {
            // Fixed: printed at the top of every page.
            notice.append(.el("div", [("class", "partial"), ("role", "note")], text: text))
        }
        return notice + [.el("main", [], sections())]
    }

    private func sections() -> [HTMLNode] {
        var nodes: [HTMLNode] = []
        nodes.append(.el("header", [], [
            .el("h1", text: "\(content.programName) — monthly summary, \(content.monthName(content.period))"),
            .el("p", [("class", "scope")], text: "Site-local month, \(content.site.map { "site \($0)" } ?? "all sites")"
                + (content.privacy.minimumCell.map { "; counts under \($0) are suppressed" } ?? "")
                + (content.privacy.mode == .pseudonymized ? "; patients pseudonymised"
                   : content.privacy.mode == .deidentified ? "; de-identified (HIPAA Safe Harbor)" : "") + "."),
        ]))
        nodes.append(section("Key figures", [keyFigures(), definitions(), trendCharts()]))
        var attention: [HTMLNode] = content.exceptions.map(ranked)
        attention.append(ranked(content.gapsByKind))
        attention.append(ranked(content.gapsByGroup))
        nodes.append(section("Needs attention", attention))
        nodes.append(section("Outcomes", [ranked(content.noms)]))
        nodes.append(section("Distributions", [
            figure(SVGChart.bars(
                title: "Patients by plan adherence",
                description: "Patients in care by adherence to their treatment plan, in bands of "
                    + (content.adherenceHistogram.count == content.adherenceBands.count ? "under 50, 50–79 and 80 or more" : "10")
                    + " percentage points: "
                    + describe(content.adherenceHistogram) + ". Bands: under 50% " + content.adherenceBands.map(\.text)[safe: 0]
                    + ", 50–79% " + content.adherenceBands.map(\.text)[safe: 1] + ", 80% or more " + content.adherenceBands.map(\.text)[safe: 2] + ".",
                bars: content.adherenceHistogram, unit: "", fixedMaximum: nil),
                caption: "Patients by plan adherence (%), with a required session in the month"),
            figure(SVGChart.bars(
                title: "Discharges by reason", description: "Discharges of the month by reason: " + describe(content.dischargesByReason) + ".",
                bars: content.dischargesByReason, unit: "", fixedMaximum: nil),
                caption: "Discharges by reason"),
            figure(SVGChart.bars(
                title: "Attendance rate by group",
                description: "Attended / (attended + absent) per group: " + describe(content.attendanceByGroup) + ".",
                bars: content.attendanceByGroup, unit: "%", fixedMaximum: 100),
                caption: "Attendance rate by group"),
        ]))
        nodes.append(section("Detail", [
            .el("p", text: "Every table in full is a CSV file of this bundle (listed with its SHA-256 in manifest.json):"),
            .el("ul", [("class", "files")], content.csvFiles.map { .el("li", [], [.el("code", text: $0)]) }),
            .el("p", [], [.text("As text: "), .el("code", text: "carelog report NAME --month \(content.period)"
                + (content.site.map { " --site \($0)" } ?? "") + " --format text")]),
        ]))
        return nodes
    }

    private func section(_ title: String, _ children: [HTMLNode]) -> HTMLNode {
        .el("section", [("aria-label", title)], [.el("h2", text: title)] + children)
    }

    private func figure(_ chart: HTMLNode, caption: String) -> HTMLNode {
        .el("figure", [], [chart, .el("figcaption", text: caption)])
    }

    private func keyFigures() -> HTMLNode {
        let current = content.monthName(content.period)
        let previous = content.monthName(content.period.monthsBefore(1))
        return .el("table", [("class", "key-figures")], [
            .el("caption", text: "Key figures, with the change against \(previous)"),
            .el("thead", [], [.el("tr", [], [
                .el("th", [("scope", "col")], text: "Figure"), .el("th", [("scope", "col"), ("class", "num")], text: current),
                .el("th", [("scope", "col"), ("class", "num")], text: previous), .el("th", [("scope", "col"), ("class", "num")], text: "Change"),
            ])]),
            .el("tbody", [], content.keyFigures.map { figure in
                .el("tr", [("data-source", figure.source)], [
                    .el("th", [("scope", "row")], text: figure.label),
                    .el("td", [("class", "num current")], text: figure.current.text),
                    .el("td", [("class", "num previous")], text: figure.previous.text),
                    .el("td", [("class", "num change")], text: figure.change),
                ])
            }),
        ])
    }

    /// What each key figure is computed from (printed, not folded away), with the column dictionary's definition of
    /// every column it names (`carelog report NAME --columns`), so that a reader of the
    /// printed page can tell whether "attended" counts late arrivals without the CLI.
    private func definitions() -> HTMLNode {
        .el("div", [("class", "definitions")], [
            .el("h3", text: "How each figure is computed (the column dictionary: carelog report NAME --columns)"),
            .el("dl", [], content.keyFigures.flatMap { figure -> [HTMLNode] in
                [.el("dt", text: figure.label), .el("dd", text: SummaryContent.definition(of: figure))]
            }),
        ])
    }

    private func trendCharts() -> HTMLNode {
        let months = content.months
        let first = months.first.map(content.shortMonth) ?? "", last = months.last.map(content.shortMonth) ?? ""
        let rates = content.rateSeries.map { SVGChart.Line(label: $0.label, points: $0.points) }
        let rateText = content.rateSeries.map { series in
            series.label + ": " + zip(months, series.points).map { "\(content.shortMonth($0)) \($1.value == nil ? $1.text : $1.text + "%")" }
                .joined(separator: ", ")
        }.joined(separator: "; ")
        let census = content.censusSeries
        let censusText = census.label + ": " + zip(months, census.points).map { "\(content.shortMonth($0)) \($1.text)" }.joined(separator: ", ")
        return .el("div", [("class", "trend")], [
            figure(SVGChart.lines(
                title: "Main rates, \(first) – \(last)", description: rateText + ". A dash means no data; suppressed values are marked ×.",
                months: months, lines: rates, unit: "%", fixedMaximum: 100),
                caption: "Attendance rate (solid, circles), median plan adherence (dashed, squares) and completion rate (dotted, triangles), by month"),
            figure(SVGChart.lines(
                title: "Average daily census, \(first) – \(last)", description: censusText + ".",
                months: months, lines: [SVGChart.Line(label: "Census", points: census.points)], unit: "", fixedMaximum: nil),
                caption: "Average daily census (patients in care per day), by month"),
        ])
    }

    private func ranked(_ list: SummaryContent.RankedList) -> HTMLNode {
        var children: [HTMLNode] = [.el("h3", text: list.title + (list.count.map { " — \($0)" } ?? ""))]
        if list.rows.isEmpty {
            children.append(.el("p", [("class", "none")], text: list.emptyText))
        } else {
            children.append(.el("table", [("class", "list")], [
                .el("thead", [], [.el("tr", [], zip(list.columns, list.numeric).map { name, numeric in
                    .el("th", [("scope", "col")] + (numeric ? [("class", "num")] : []), text: name)
                })]),
                .el("tbody", [], list.rows.map { row in
                    .el("tr", [], zip(row, list.numeric).map { cell, numeric in
                        .el("td", numeric ? [("class", "num")] : [], text: cell)
                    })
                }),
            ]))
            children.append(.el("p", [("class", "source")],
                                text: list.rest.map { "… \($0): \(list.source)" } ?? "All listed; \(list.source)."))
        }
        children += list.notes.map { .el("p", [("class", "source")], text: $0) }
        return .el("div", [("class", "exception")], children)
    }

    private func describe(_ bars: [SummaryContent.Bar]) -> String {
        bars.isEmpty ? "none" : bars.map { "\($0.label) \($0.text)" }.joined(separator: ", ")
    }

    /// A partial month: the note is fixed, so it is printed at the top of every page,
    /// and the content leaves room for it on every page (its top padding is cloned
    /// onto each page the content runs over).
    static let partialStyle = """

        @media print {
          .partial { position: fixed; top: 0; left: 0; right: 0; margin: 0; }
          main { -webkit-box-decoration-break: clone; box-decoration-break: clone; padding-top: 13mm; }
        }
        """

    /// Black on white, system fonts only; print: each section on its own page,
    /// tables and charts never split, the partial-month note on every page.
    static let styleSheet = """
        :root { color: #000; background: #fff; }
        .definitions dt { font-weight: 600; margin-top: .3rem; }
        .definitions dd { margin: 0 0 0 1rem; font-size: .9rem; color: #333; }
        body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
               font-size: 11pt; line-height: 1.35; max-width: 52rem; margin: 1.5rem auto; padding: 0 1rem; }
        h1 { font-size: 1.6rem; margin: 0 0 .2rem; }
        h2 { font-size: 1.25rem; border-bottom: 2px solid #000; padding-bottom: .15rem; margin-top: 2rem; }
        h3 { font-size: 1.02rem; margin: 1.2rem 0 .3rem; }
        .scope, .source, .none, figcaption { color: #333; font-size: .9rem; }
        table { border-collapse: collapse; width: 100%; margin: .3rem 0; }
        caption { text-align: left; font-weight: 600; padding-bottom: .3rem; }
        th, td { border-bottom: 1px solid #999; padding: .2rem .45rem; text-align: left; vertical-align: top; }
        thead th { border-bottom: 2px solid #000; }
        .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        .key-figures td.current { font-weight: 700; }
        figure { margin: 1rem 0; break-inside: avoid; page-break-inside: avoid; }
        svg.chart { width: 100%; height: auto; display: block; font-family: inherit; }
        svg .axis { stroke: #000; stroke-width: 1; }
        svg .grid { stroke: #bbb; stroke-width: .6; stroke-dasharray: 2 3; }
        svg .tick, svg .value, svg .label, svg .series { font-size: 11px; fill: #000; }
        svg .bar { fill: #555; }
        svg .bar-suppressed { fill: #fff; stroke: #000; stroke-dasharray: 3 2; }
        svg .suppressed-mark { font-size: 12px; fill: #000; }
        .partial { border: 2px solid #000; padding: .4rem .6rem; font-weight: 700; margin-bottom: 1rem; background: #fff; }
        code { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: .92em; }
        @page { margin: 14mm 12mm; }
        @media print {
          body { max-width: none; margin: 0; padding: 0; font-size: 10pt; }
          section { break-before: page; page-break-before: always; }
          section:first-of-type { break-before: avoid; page-break-before: avoid; }
          table, .exception { break-inside: avoid; page-break-inside: avoid; }
          .trend svg.chart { width: auto; max-width: 100%; max-height: 58mm; }
          .trend figure { margin: .4rem 0; }
        }
        """
}

extension Array where Element == String {
    subscript(safe index: Int) -> String {
        indices.contains(index) ? self[index] : "—"
    }
}
