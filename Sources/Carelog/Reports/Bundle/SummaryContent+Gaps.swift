/// The documentation gaps by kind, and the sessions with gaps by group.
extension SummaryContent {
    static func gapLists(_ input: Input, thisMonth: String, previousMonth: String) -> (byKind: RankedList, byGroup: RankedList) {
        let cells = input.cells
        let gaps = input.table("documentation-gaps")
        let byKind = input.gapsByKind() ?? [:]
        var sessionGaps: [String: (sessions: Set<String>, records: Int, kinds: Set<String>)] = [:]
        if let gaps, let kind = gaps.index("kind") {
            let subject = gaps.index("subject")
            for row in gaps.rows {
                let code = row[kind] ?? ""
                guard Self.sessionKinds.contains(code), let subject, let text = row[subject],
                      let group = text.split(separator: " ").first.map(String.init) else { continue }
                var entry = sessionGaps[group] ?? ([], 0, [])
                entry.sessions.insert(text)
                entry.records += 1
                entry.kinds.insert(code)
                sessionGaps[group] = entry
            }
        }
        // Gaps someone must act on, by kind, beside the month before; late entries apart.
        let previous = input.previousGaps
        let open = byKind.filter { !Self.lateEntryKinds.contains($0.key) }
        let late = Self.lateEntries(byKind)
        let lateBefore = previous.map(Self.lateEntries)
        let kinds = Set(open.keys).union(previous.map { Set($0.keys).subtracting(Self.lateEntryKinds) } ?? [])
        let openRows = kinds.map { kind in (kind: kind, now: open[kind] ?? 0, before: previous.map { $0[kind] ?? 0 }) }
            .sorted { ($1.now, $1.before ?? 0, $0.kind) < ($0.now, $0.before ?? 0, $1.kind) }
        var notes: [String] = []
        if late > 0 || (lateBefore ?? 0) > 0 {
            notes.append("Not above: \(cells.count(late).text) attendance record\(late == 1 ? "" : "s") entered > 24 h late "
                         + "(\(previousMonth): \(lateBefore.map { cells.count($0).text } ?? "—")): entered, nothing to fix")
        }
        let kindList = RankedList(
            title: "Documentation gaps needing action, by kind", count: gaps.map { _ in cells.count(Self.needingAction(byKind)).text },
            columns: ["kind", thisMonth, previousMonth], numeric: [false, true, true],
            rows: openRows.map { [Self.kindLabels[$0.kind] ?? $0.kind, cells.count($0.now).text, $0.before.map { cells.count($0).text } ?? "—"] },
            rest: nil, source: "documentation-gaps.csv (one row per gap)", emptyText: "No documentation gap needs action.",
            notes: notes)
        let groupsRanked = sessionGaps.sorted {
            $0.value.records > $1.value.records || ($0.value.records == $1.value.records && $0.key < $1.key)
        }
        let groupList = RankedList(
            title: "Session gaps by group (attendance late, missing or incomplete)",
            columns: ["group", "sessions", "records", "kinds"], numeric: [false, true, true, false],
            rows: groupsRanked.prefix(Self.listLength).map { item in
                [item.key, cells.count(item.value.sessions.count).text, cells.count(item.value.records).text,
                 item.value.kinds.sorted().map { Self.kindShort[$0] ?? $0 }.joined(separator: ", ")]
            },
            rest: groupsRanked.count > Self.listLength ? Self.more(groupsRanked.count - Self.listLength, "group") : nil,
            source: "documentation-gaps.csv (subject: group and session)", emptyText: "No session has a gap.")
        return (kindList, groupList)
    }
}
