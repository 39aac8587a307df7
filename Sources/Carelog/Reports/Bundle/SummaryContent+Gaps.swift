/// The documentation gaps by kind, and the sessions with gaps by group.
extension SummaryContent {
    static func gapLists(_ input: Input) -> (byKind: RankedList, byGroup: RankedList) {
        let cells = input.cells
        let gaps = input.table("documentation-gaps")
        var byKind: [String: Int] = [:]
        var sessionGaps: [String: (sessions: Set<String>, records: Int, kinds: Set<String>)] = [:]
        if let gaps, let kind = gaps.index("kind") {
            let subject = gaps.index("subject")
            for row in gaps.rows {
                let code = row[kind] ?? ""
                byKind[code, default: 0] += 1
                guard Self.sessionKinds.contains(code), let subject, let text = row[subject],
                      let group = text.split(separator: " ").first.map(String.init) else { continue }
                var entry = sessionGaps[group] ?? ([], 0, [])
                entry.sessions.insert(text)
                entry.records += 1
                entry.kinds.insert(code)
                sessionGaps[group] = entry
            }
        }
        let kindList = RankedList(
            title: "Documentation gaps by kind", count: gaps.map { cells.count($0.rows.count).text },
            columns: ["kind", "count"], numeric: [false, true],
            rows: byKind.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }
                .map { [Self.kindLabels[$0.key] ?? $0.key, cells.count($0.value).text] },
            rest: nil, source: "documentation-gaps.csv (one row per gap)", emptyText: "No documentation gap.")
        let groupsRanked = sessionGaps.sorted {
            $0.value.records > $1.value.records || ($0.value.records == $1.value.records && $0.key < $1.key)
        }
        let groupList = RankedList(
            title: "Session gaps by group (late, missing or incomplete attendance records)",
            columns: ["group", "sessions", "records", "kinds"], numeric: [false, true, true, false],
            rows: groupsRanked.prefix(Self.listLength).map { item in
                [item.key, cells.count(item.value.sessions.count).text, cells.count(item.value.records).text,
                 item.value.kinds.sorted().map { Self.kindShort[$0] ?? $0 }.joined(separator: ", ")]
            },
            rest: groupsRanked.count > Self.listLength ? "\(groupsRanked.count - Self.listLength) more groups" : nil,
            source: "documentation-gaps.csv (subject: group and session)", emptyText: "No session has a gap.")
        return (kindList, groupList)
    }
}
