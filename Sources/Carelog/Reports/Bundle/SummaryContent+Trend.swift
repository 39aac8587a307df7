/// The twelve-month trend: the rates and the census, one point a month.
extension SummaryContent {
    static func trendSeries(_ input: Input) -> (rates: [Series], census: Series) {
        let cells = input.cells
        let trend = input.trend
        func recorded(_ month: SummaryTrend.Month, _ figure: (SummaryTrend.Month) -> Figure) -> Figure {
            month.recorded ? figure(month) : .none
        }
        let rates = [
            Series(label: "Attendance rate", unit: "%", points: trend.months.map {
                recorded($0) { cells.ratio($0.attended, $0.attended + $0.absent, counts: [$0.attended, $0.absent], shown: $0.attendanceRate) }
            }),
            Series(label: "Median adherence", unit: "%", points: trend.months.map {
                recorded($0) { cells.guarded($0.adherenceMedian, by: [$0.patientsInCare]) }
            }),
            Series(label: "Completion rate", unit: "%", points: trend.months.map {
                recorded($0) { cells.ratio($0.completed, $0.discharges, counts: [$0.completed, $0.discharges], shown: $0.completionRate) }
            }),
        ]
        let census = Series(label: "Average daily census", unit: "", points: trend.months.map {
            recorded($0) { cells.guarded($0.averageCensus, by: [$0.patientsInCare]) }
        })
        return (rates, census)
    }
}
