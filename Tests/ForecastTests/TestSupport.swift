@_exported import TestSupport

