import ArgumentParser
import Foundation
import RestockData
import RestockSettings

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
