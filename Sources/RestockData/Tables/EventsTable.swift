/// A calendar event that touches every series on one day (a holiday, a marketplace day).
public struct CalendarEvent: Sendable, Equatable {
    public var day: Day
    /// Index into `DataSet.eventNames`.
    public var event: Int32

    public init(day: Day, event: Int32) {
        self.day = day
        self.event = event
    }
}

enum EventsTableLoader {
    static func load(source: StoredFile, names: inout Interner, issues: InputIssues) throws -> (rows: [CalendarEvent], info: LoadedFile) {
        let file = source.name
        let t = try TableReader(path: source.path, file: file, required: ContractTable.events.required,
                                optional: ContractTable.events.optional, issues: issues,
                                compressed: source.isCompressed)
        let cDate = t.column("date"), cEvent = t.column("event")
        var rows: [CalendarEvent] = []
        while t.next() {
            guard let day = t.day(cDate), let name = t.text(cEvent) else { continue }
            rows.append(CalendarEvent(day: day, event: names.id(name)))
        }
        rows.sort { ($0.day, $0.event) < ($1.day, $1.event) }
        return (rows, LoadedFile(table: .events, rows: t.rowCount, unknownColumns: t.unknownColumns))
    }
}
