import Foundation

/// The bytes of one input file as the file layer (`DossierIntake/Files/FileReader`) read them: whole,
/// or, for a file too large to hold (a log extract of gigabytes), through the descriptor it was
/// opened with. Either way the file was opened once; every stage reads these bytes, never the path.
package enum FileBytes: Sendable {
    case whole(Data)
    case open(OpenFile)

    package var count: Int {
        switch self {
        case .whole(let data): data.count
        case .open(let file): file.size
        }
    }

    /// Hands over the bytes in order, `size` at a time, until `body` returns false.
    package func forEachChunk(size: Int = 1 << 20, _ body: (Data) throws -> Bool) rethrows {
        var offset = 0
        while offset < count {
            let length = Swift.min(size, count - offset)
            let chunk: Data
            switch self {
            case .whole(let data): chunk = data.subdata(in: offset..<offset + length)
            case .open(let file): chunk = file.read(offset: offset, count: length)
            }
            // A file that shrank while open ends here rather than looping.
            guard !chunk.isEmpty, try body(chunk) else { return }
            offset += chunk.count
        }
    }

    /// Every byte; for an open file this reads it whole, so callers use it only under the size limit
    /// of files read whole.
    package func data() -> Data {
        switch self {
        case .whole(let data): return data
        case .open(let file): return file.read(offset: 0, count: file.size)
        }
    }

    /// The first `length` bytes (or fewer).
    package func prefix(_ length: Int) -> Data {
        switch self {
        case .whole(let data): return data.prefix(length)
        case .open(let file): return file.read(offset: 0, count: Swift.min(length, file.size))
        }
    }
}

/// A descriptor the file layer opened and keeps open for the build, read with `pread` so readers on
/// several threads never share a file position. Closed when the last reference goes.
package final class OpenFile: @unchecked Sendable {
    private let descriptor: Int32
    /// The size `fstat` gave when the file was opened.
    package let size: Int

    package init(descriptor: Int32, size: Int) {
        self.descriptor = descriptor
        self.size = size
    }

    deinit { close(descriptor) }

    /// Up to `count` bytes from `offset`; fewer at the end of the file or on a read error.
    package func read(offset: Int, count: Int) -> Data {
        var data = Data(count: count)
        let got = data.withUnsafeMutableBytes { buffer -> Int in
            var done = 0
            while done < count {
                let step = pread(descriptor, buffer.baseAddress! + done, count - done, off_t(offset + done))
                if step < 0 && errno == EINTR { continue }
                guard step > 0 else { break }
                done += step
            }
            return done
        }
        if got < count { data.removeSubrange(got...) }
        return data
    }
}
