/// Gives each distinct name (sku, location, promotion type, ...) a dense 32-bit id, in order of
/// first appearance. Dictionaries live here, at load time; hot loops use the ids.
public struct Interner: Sendable {
    public private(set) var names: [String] = []
    private var ids: [String: Int32] = [:]

    public init() {}

    public var count: Int { names.count }

    /// The id of `name`, adding it when new.
    public mutating func id(_ name: String) -> Int32 {
        if let id = ids[name] { return id }
        let id = Int32(names.count)
        names.append(name)
        ids[name] = id
        return id
    }

    /// The id of `name` if it has one.
    public func existingID(_ name: String) -> Int32? { ids[name] }

    public subscript(id: Int32) -> String { names[Int(id)] }
}

/// Interns a field's bytes, skipping the hash lookup when the bytes repeat the previous row's
/// (sales files are usually sorted, so most rows repeat their sku and location).
struct RepeatingFieldInterner {
    private var last: [UInt8] = []
    private var lastID: Int32 = -1

    /// The id for `field`, or nil when the bytes are not valid UTF-8 or are blank.
    mutating func id(_ field: UnsafeRawBufferPointer, in interner: inout Interner) -> Int32? {
        if lastID >= 0 && field.count == last.count && last.withUnsafeBytes({ $0.elementsEqual(field) }) {
            return lastID
        }
        guard let s = String(validating: field.bindMemory(to: UInt8.self), as: UTF8.self) else { return nil }
        let t = s.trimmingSpaces()
        guard !t.isEmpty else { return nil }
        last = Array(field.bindMemory(to: UInt8.self))
        lastID = interner.id(t)
        return lastID
    }
}
