/// The version printed by `carelog --version` and written into every manifest.
public enum CarelogVersion {
    public static let current = "0.1.0"
}
