import Foundation

/// The inline SVG charts of `summary.html`: line charts for the trend and
/// horizontal bar charts for distributions. Each chart is one `<svg>` with a
/// `<title>` and a `<desc>` that lists its values (the text alternative), axes
/// with labels, and only black and greys, told apart by dash patterns and marker
/// shapes, so a greyscale print loses nothing. A suppressed value is drawn as
/// suppressed (an outlined, dashed box or a × mark with the text `suppressed`),
/// never as its value.
enum SVGChart {
    struct Line {
        let label: String
        /// One value per month; nil is a gap (no data or suppressed).
        let points: [SummaryContent.Figure]
    }

    private static let dashes = ["", "7 4", "2 3"]
    private static let greys = ["#000000", "#444444", "#777777"]

    static func lines(title: String, description: String, months: [String], lines: [Line], unit: String,
                      fixedMaximum: Double?) -> HTMLNode {
        let width = 680.0, height = 220.0
        let left = 52.0, right = 150.0, top = 16.0, bottom = 44.0
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let values = lines.flatMap { $0.points.compactMap(\.value) }
        let maximum = fixedMaximum ?? niceMaximum(values.max() ?? 1)
        let step = plotWidth / Double(max(1, months.count - 1))
        func x(_ index: Int) -> Double { left + Double(index) * step }
        func y(_ value: Double) -> Double { top + plotHeight * (1 - min(max(value, 0), maximum) / maximum) }

        var children: [HTMLNode] = [.el("title", text: title), .el("desc", text: description)]
        // Axes and grid.
        for tick in 0...4 {
            let value = maximum * Double(tick) / 4
            children.append(.el("line", [("x1", f(left)), ("x2", f(left + plotWidth)), ("y1", f(y(value))), ("y2", f(y(value))),
                                          ("class", tick == 0 ? "axis" : "grid")]))
            children.append(.el("text", [("x", f(left - 6)), ("y", f(y(value) + 4)), ("text-anchor", "end"), ("class", "tick")],
                                text: number(value) + unit))
        }
        children.append(.el("line", [("x1", f(left)), ("x2", f(left)), ("y1", f(top)), ("y2", f(top + plotHeight)), ("class", "axis")]))
        for (index, month) in months.enumerated() {
            let parts = month.split(separator: "-")
            let monthNumber = parts.count == 2 ? Int(parts[1]) ?? 1 : 1
            let name = String(SummaryContent.monthNames[monthNumber - 1].prefix(3))
            children.append(.el("text", [("x", f(x(index))), ("y", f(top + plotHeight + 16)), ("text-anchor", "middle"), ("class", "tick")],
                                text: name))
            if index == 0 || monthNumber == 1 {
                children.append(.el("text", [("x", f(x(index))), ("y", f(top + plotHeight + 30)), ("text-anchor", "middle"), ("class", "tick")],
                                    text: String(parts.first ?? "")))
            }
        }
        // Direct labels at each line's last value, so no colour key is needed; moved
        // apart where two would overlap.
        var labels: [(y: Double, text: String)] = lines.compactMap { line in
            guard let last = line.points.lastIndex(where: { $0.value != nil }), let value = line.points[last].value else { return nil }
            return (y(value) + 4, "\(line.label) \(line.points[last].text)\(unit)")
        }.sorted { $0.y < $1.y }
        for index in labels.indices.dropFirst() where labels[index].y - labels[index - 1].y < 13 {
            labels[index].y = labels[index - 1].y + 13
        }
        for label in labels {
            children.append(.el("text", [("x", f(left + plotWidth + 10)), ("y", f(label.y)), ("class", "series")], text: label.text))
        }
        // The lines, broken where a month has no value.
        for (number, line) in lines.enumerated() {
            let style = number % dashes.count
            var segment: [String] = []
            func flush() {
                if segment.count > 1 {
                    var attributes = [("points", segment.joined(separator: " ")), ("fill", "none"), ("stroke", greys[style]),
                                      ("stroke-width", "2")]
                    if !dashes[style].isEmpty { attributes.append(("stroke-dasharray", dashes[style])) }
                    children.append(.el("polyline", attributes))
                }
                segment = []
            }
            for (index, point) in line.points.enumerated() {
                guard let value = point.value else {
                    flush()
                    if point.isSuppressed {
                        children.append(.el("text", [("x", f(x(index))), ("y", f(top + plotHeight - 4)), ("text-anchor", "middle"),
                                                     ("class", "suppressed-mark")], text: "×"))
                    }
                    continue
                }
                segment.append(f(x(index)) + "," + f(y(value)))
                children.append(marker(style, x: x(index), y: y(value), colour: greys[style]))
            }
            flush()
        }
        return .el("svg", [("viewBox", "0 0 \(Int(width)) \(Int(height))"), ("role", "img"), ("class", "chart"),
                           ("aria-label", title)], children)
    }

    static func bars(title: String, description: String, bars: [SummaryContent.Bar], unit: String, fixedMaximum: Double?) -> HTMLNode {
        let rowHeight = 18.0, labelWidth = 170.0, barWidth = 360.0, top = 8.0
        let width = 680.0, height = top * 2 + rowHeight * Double(max(1, bars.count)) + 24
        let maximum = fixedMaximum ?? niceMaximum(bars.compactMap(\.value).max() ?? 1)
        var children: [HTMLNode] = [.el("title", text: title), .el("desc", text: description)]
        let axisY = top + rowHeight * Double(bars.count)
        for tick in 0...4 {
            let value = maximum * Double(tick) / 4
            let x = labelWidth + barWidth * Double(tick) / 4
            children.append(.el("line", [("x1", f(x)), ("x2", f(x)), ("y1", f(top)), ("y2", f(axisY)), ("class", tick == 0 ? "axis" : "grid")]))
            children.append(.el("text", [("x", f(x)), ("y", f(axisY + 16)), ("text-anchor", "middle"), ("class", "tick")],
                                text: number(value) + unit))
        }
        for (index, bar) in bars.enumerated() {
            let y = top + rowHeight * Double(index)
            children.append(.el("text", [("x", f(labelWidth - 8)), ("y", f(y + 13)), ("text-anchor", "end"), ("class", "label")], text: bar.label))
            if let value = bar.value {
                let length = barWidth * min(max(value, 0), maximum) / maximum
                if value > 0 {
                    children.append(.el("rect", [("x", f(labelWidth)), ("y", f(y + 3)), ("width", f(max(length, 1))),
                                                 ("height", f(rowHeight - 6)), ("class", "bar")]))
                }
                children.append(.el("text", [("x", f(labelWidth + length + 6)), ("y", f(y + 13)), ("class", "value")], text: bar.text))
            } else if bar.text == "suppressed" || bar.text.hasPrefix("<") {
                children.append(.el("rect", [("x", f(labelWidth)), ("y", f(y + 3)), ("width", "60"), ("height", f(rowHeight - 6)),
                                             ("class", "bar-suppressed")]))
                children.append(.el("text", [("x", f(labelWidth + 66)), ("y", f(y + 13)), ("class", "value")],
                                    text: bar.text == "suppressed" ? "suppressed" : "suppressed (\(bar.text))"))
            } else {
                children.append(.el("text", [("x", f(labelWidth + 6)), ("y", f(y + 13)), ("class", "value")], text: bar.text))
            }
        }
        return .el("svg", [("viewBox", "0 0 \(Int(width)) \(Int(height))"), ("role", "img"), ("class", "chart"),
                           ("aria-label", title)], children)
    }

    private static func marker(_ style: Int, x: Double, y: Double, colour: String) -> HTMLNode {
        switch style {
        case 0:
            return .el("circle", [("cx", f(x)), ("cy", f(y)), ("r", "3.5"), ("fill", colour)])
        case 1:
            return .el("rect", [("x", f(x - 3.5)), ("y", f(y - 3.5)), ("width", "7"), ("height", "7"), ("fill", "#ffffff"),
                                ("stroke", colour), ("stroke-width", "1.5")])
        default:
            return .el("path", [("d", "M \(f(x)) \(f(y - 4.5)) L \(f(x + 4.5)) \(f(y + 3.5)) L \(f(x - 4.5)) \(f(y + 3.5)) Z"),
                                ("fill", colour)])
        }
    }

    /// A round number at or above `value` (and at least 4), for the end of an axis.
    static func niceMaximum(_ value: Double) -> Double {
        guard value > 4, value.isFinite else { return 4 }
        let power = pow(10, floor(log10(value)))
        // Each divides by four, so the quarter ticks are round too.
        for factor in [1.0, 1.2, 1.6, 2.0, 2.4, 3.2, 4.0, 6.0, 8.0, 10.0] where factor * power >= value {
            return factor * power
        }
        return 10 * power
    }

    private static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : Percent.format(value)
    }

    private static func f(_ value: Double) -> String {
        String(format: "%.1f", value)
    }
}
