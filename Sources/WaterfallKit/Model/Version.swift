/// Waterfall's version: printed by `waterfall --version`, the one place it is written.
public enum WaterfallVersion {
    public static let current = "0.9.0"
}
