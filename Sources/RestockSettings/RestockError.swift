import ArgumentParser
import Foundation
import RestockData

/// The contract's exit statuses, and the only place restock's errors are mapped to them.
enum ExitStatus: Int32 {
    case done = 0
    case usage = 64
    case dataError = 65
    case internalFailure = 70
    /// An output file or directory cannot be created (a read-only or missing parent, no permission).
    case cannotCreate = 73
    /// Writing an output failed (a full disk, an I/O error); the previous outputs are untouched.
    case ioError = 74
    case locked = 75
}

/// An error that ends a command with a chosen exit status and a message for the user.
struct RestockError: Error, CustomStringConvertible {
    var status: ExitStatus
    var message: String
    var description: String { message }

    static func usage(_ m: String) -> RestockError { RestockError(status: .usage, message: m) }
    static func data(_ m: String) -> RestockError { RestockError(status: .dataError, message: m) }
    static func locked(_ m: String) -> RestockError { RestockError(status: .locked, message: m) }
    static func internalFailure(_ m: String) -> RestockError { RestockError(status: .internalFailure, message: m) }
    static func cannotCreate(_ m: String) -> RestockError { RestockError(status: .cannotCreate, message: m) }
    static func io(_ m: String) -> RestockError { RestockError(status: .ioError, message: m) }
}

extension ExitStatus {
    /// The status for any error a command throws: restock's own carry theirs, argument-parser's
    /// usage errors are 64, anything else is an internal failure (70).
    static func of(_ error: Error) -> ExitStatus {
        if let e = error as? RestockError { return e.status }
        if let e = error as? CSVOpenError {
            switch e.operation {
            case .create: return .cannotCreate
            case .write: return .ioError
            case .read: return .ioError
            }
        }
        if let e = error as? CocoaError, e.isFileError {
            return e.code == .fileWriteOutOfSpace || e.code == .fileWriteVolumeReadOnly || e.code == .fileWriteUnknown ? .ioError : .cannotCreate
        }
        if error is ValidationError { return .usage }
        return .internalFailure
    }
}
