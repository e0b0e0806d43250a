/// One file of a content folder, as `waterfall demo` generates it and `ContentFolderWriter` writes it.
public struct ContentFile: Sendable, Equatable {
    /// Relative to the content folder, `/`-separated.
    public var path: String
    public var contents: [UInt8]

    public init(path: String, contents: [UInt8]) {
        self.path = path
        self.contents = contents
    }

    public init(path: String, text: String) {
        self.init(path: path, contents: Array(text.utf8))
    }
}
