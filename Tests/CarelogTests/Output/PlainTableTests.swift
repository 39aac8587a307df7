@testable import Carelog
import Testing

/// The everyday commands' tables read at 100 columns: a long last column wraps under
/// itself; everything else is as wide as its widest cell.
@Suite("plain tables at 100 columns")
struct PlainTableTests {
    @Test("a last column that would pass 100 columns breaks at spaces, continuation aligned under it")
    func wraps() {
        var table = PlainTable(["Goal", "Domain", "Target", "Status", "Description"])
        table.add(["G1", "substance_use", "2026-12-12", "open",
                   "Abstain from all non-prescribed substances; identify and manage triggers with the group and a sponsor"])
        table.add(["G2", "housing", "2027-01-11", "open", "Stable housing"])
        // Columns: 2 + 4 + 2 + 13 + 2 + 10 + 2 + 6 + 2 = 43 before the description, so
        // 57 columns are left for it.
        #expect(table.render(indent: "  ") == """
              Goal  Domain         Target      Status  Description
              G1    substance_use  2026-12-12  open    Abstain from all non-prescribed substances; identify and
                                                       manage triggers with the group and a sponsor
              G2    housing        2027-01-11  open    Stable housing

            """)
    }

    @Test("a table that fits is left as it is, with no trailing spaces")
    func fits() {
        var table = PlainTable(["Time", "Group", "Roster"], rightAligned: [2])
        table.add(["09:30", "S01-WPG-A", "15"])
        table.add(["19:00", "S01-12S", "73"])
        #expect(table.render() == "Time   Group      Roster\n09:30  S01-WPG-A      15\n19:00  S01-12S        73\n")
    }
}
