import Foundation

/// Rules that keep every URL path a hub produces inside its output folder.
public enum PathSafety {
    /// Why `segment` cannot be one part of a URL path (a slug, a file or folder name), or nil if it can.
    public static func problem(inSegment segment: String) -> String? {
        if segment.trimmingSpaces().isEmpty { return "it is empty" }
        if segment == "." || segment == ".." { return "'\(segment)' would point outside its folder" }
        var isASCII = true
        for scalar in segment.unicodeScalars {
            if !scalar.isASCII { isASCII = false }
            switch scalar {
            case "/", "\\": return "it contains '\(scalar)', which separates folders"
            case "?", "#", "%": return "it contains '\(scalar)', which has a meaning in URLs"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value):
                return "it contains a control character"
            case _ where scalar.isASCII:
                continue
            case _ where invisibleCategories.contains(scalar.properties.generalCategory):
                // Zero-width and direction-changing characters make two URLs look alike.
                return "it contains an invisible character (U+\(hex(scalar)))"
            case _ where separatorLookAlikes.contains(scalar):
                // Harmless to the file system, but a reader (or a tool that folds Unicode) takes them for folders.
                return "it contains '\(scalar)' (U+\(hex(scalar))), which looks like a folder separator"
            default: continue
            }
        }
        // Fullwidth and other compatibility forms of '.' fold to dots ("．．" is "..").
        if !isASCII, case let folded = segment.precomposedStringWithCompatibilityMapping, folded == "." || folded == ".." || folded.contains("/") || folded.contains("\\") {
            return "it looks like '\(folded)', which would point outside its folder"
        }
        if segment.hasPrefix(".") { return "it starts with '.', which hosts hide" }
        if segment.first?.isWhitespace == true || segment.last?.isWhitespace == true { return "it starts or ends with a space" }
        return nil
    }

    private static func hex(_ scalar: Unicode.Scalar) -> String { String(scalar.value, radix: 16, uppercase: true) }

    /// Slashes other than '/' and '\\' (which are refused above): fraction, division, fullwidth,
    /// small and mathematical ones.
    private static let separatorLookAlikes: Set<Unicode.Scalar> = [
        "\u{2044}", "\u{2215}", "\u{2216}", "\u{2571}", "\u{2572}", "\u{29F5}", "\u{29F8}", "\u{29F9}",
        "\u{FE68}", "\u{FF0F}", "\u{FF3C}", "\u{1735}", "\u{3033}",
    ]

    private static let invisibleCategories: Set<Unicode.GeneralCategory> = [
        .format, .lineSeparator, .paragraphSeparator, .privateUse, .surrogate, .unassigned,
    ]
}
