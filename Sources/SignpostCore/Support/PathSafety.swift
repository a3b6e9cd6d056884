import Foundation

/// Rules that keep every URL path a hub produces inside its output folder.
public enum PathSafety {
    /// Why `segment` cannot be one part of a URL path (a slug, a file or folder name), or nil if it can.
    public static func problem(inSegment segment: String) -> String? {
        if segment.trimmingSpaces().isEmpty { return "it is empty" }
        if segment == "." || segment == ".." { return "'\(segment)' would point outside its folder" }
        for scalar in segment.unicodeScalars {
            switch scalar {
            case "/", "\\": return "it contains '\(scalar)', which separates folders"
            case "?", "#", "%": return "it contains '\(scalar)', which has a meaning in URLs"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value):
                return "it contains a control character"
            case _ where scalar.isASCII:
                continue
            case _ where invisibleCategories.contains(scalar.properties.generalCategory):
                // Zero-width and direction-changing characters make two URLs look alike.
                return "it contains an invisible character (U+\(String(scalar.value, radix: 16, uppercase: true)))"
            default: continue
            }
        }
        if segment.hasPrefix(".") { return "it starts with '.', which hosts hide" }
        if segment.first?.isWhitespace == true || segment.last?.isWhitespace == true { return "it starts or ends with a space" }
        return nil
    }

    private static let invisibleCategories: Set<Unicode.GeneralCategory> = [
        .format, .lineSeparator, .paragraphSeparator, .privateUse, .surrogate, .unassigned,
    ]
}
