import Foundation
import RestockData

/// The contract's exit statuses, and the only place restock's errors are mapped to them.
package enum ExitStatus: Int32 {
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
package struct RestockError: Error, CustomStringConvertible {
    package var status: ExitStatus
    package var message: String
    package var description: String { message }

    package static func usage(_ m: String) -> RestockError { RestockError(status: .usage, message: m) }
    package static func data(_ m: String) -> RestockError { RestockError(status: .dataError, message: m) }
    package static func locked(_ m: String) -> RestockError { RestockError(status: .locked, message: m) }
    package static func internalFailure(_ m: String) -> RestockError { RestockError(status: .internalFailure, message: m) }
    package static func cannotCreate(_ m: String) -> RestockError { RestockError(status: .cannotCreate, message: m) }
    package static func io(_ m: String) -> RestockError { RestockError(status: .ioError, message: m) }
}
