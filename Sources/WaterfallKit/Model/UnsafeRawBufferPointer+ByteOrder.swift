#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension UnsafeRawBufferPointer {
    /// Negative, zero or positive as these bytes sort before, equal to or after `other`'s, byte by
    /// byte and then shorter first: for UTF-8 text, the code-point order of `precedesByCodePoint`.
    func byteOrder(comparedTo other: UnsafeRawBufferPointer) -> Int {
        let common = Swift.min(count, other.count)
        if common > 0, let left = baseAddress, let right = other.baseAddress {
            let order = memcmp(left, right, common)
            if order != 0 { return Int(order) }
        }
        return count - other.count
    }
}
