/// The `--at` of `attendance record` and `attendance roster`: a site-local wall time
/// as people type it.
///
/// `2026-12-01 09:30` and `2026-12-01 9:30` are the same session; the database
/// compares times in one form, so the hour is padded here. A time alone (`9:30`)
/// means today at the group's site, which only the database knows: `day` is then nil
/// until `on(_:)` supplies it. Anything else is a usage error that shows the
/// expected forms.
struct SessionTime: Equatable, CustomStringConvertible {
    /// `YYYY-MM-DD`, or nil for "today at the group's site".
    let day: String?
    /// `HH:MM`, zero-padded.
    let time: String

    var description: String { day.map { "\($0) \(time)" } ?? time }

    init(_ text: String) throws {
        let parts = text.trimmingSpaces.split(separator: " ", omittingEmptySubsequences: true)
        let clockText = parts.count == 2 ? parts[1] : parts.count == 1 ? parts[0] : ""
        let clock = clockText.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 1 || (parts.count == 2 && CalendarDate.isValid(String(parts[0]))), clock.count == 2,
              let hour = Int(clock[0]), clock[0].count <= 2, (0...23).contains(hour),
              let minute = Int(clock[1]), clock[1].count == 2, (0...59).contains(minute)
        else {
            throw CarelogError(.usage, "--at \"\(text)\" is not a time like 2026-10-05 07:30 or 07:30",
                               suggestion: "Give the session's start in the site's local time: --at \"YYYY-MM-DD HH:MM\", or --at HH:MM for today.")
        }
        day = parts.count == 2 ? String(parts[0]) : nil
        time = (hour < 10 ? "0" : "") + "\(hour):" + clock[1]
    }

    private init(day: String, time: String) {
        self.day = day
        self.time = time
    }

    /// This time on `today` when it gave no day.
    func on(_ today: String) -> SessionTime {
        SessionTime(day: day ?? today, time: time)
    }
}

extension String {
    fileprivate var trimmingSpaces: Substring {
        let start = firstIndex { $0 != " " } ?? endIndex
        let end = lastIndex { $0 != " " }.map { index(after: $0) } ?? endIndex
        return start < end ? self[start..<end] : ""
    }
}
