/// Finds phone numbers written plainly in text: digit groups separated by single spaces or
/// hyphens, optionally after `+61 ` or an area code in brackets (`(03) 9455 7923`, `13 11 14`,
/// `000`, `1800 123 456`). At least three digits; a lone four-digit group is taken for a year.
enum PhoneNumbers {
    static func find(in text: String) -> [Range<String.Index>] {
        var ranges: [Range<String.Index>] = []
        let characters = Array(text.indices)
        var position = 0
        func isDigit(_ index: Int) -> Bool { index < characters.count && text[characters[index]].isASCII && text[characters[index]].isNumber }
        func char(_ index: Int) -> Character? { index < characters.count ? text[characters[index]] : nil }
        while position < characters.count {
            // A number starts at a digit, '+' or '(' that does not follow a letter or digit.
            let previous = position > 0 ? char(position - 1) : nil
            guard previous.map({ !($0.isLetter || $0.isNumber) }) ?? true,
                  isDigit(position) || char(position) == "+" || char(position) == "(" else {
                position += 1
                continue
            }
            var cursor = position
            var digits = 0
            var groups: [Int] = []
            if char(cursor) == "+" {
                cursor += 1
                var length = 0
                while isDigit(cursor) { cursor += 1; length += 1 }
                guard (1...3).contains(length), char(cursor) == " " else { position += 1; continue }
                digits += length
                cursor += 1
            }
            if char(cursor) == "(" {
                var length = 0
                var inner = cursor + 1
                while isDigit(inner) { inner += 1; length += 1 }
                guard (1...4).contains(length), char(inner) == ")" else { position += 1; continue }
                digits += length
                cursor = inner + 1
                if char(cursor) == " " { cursor += 1 }
            }
            var end = cursor
            while isDigit(cursor) {
                var length = 0
                while isDigit(cursor) { cursor += 1; length += 1 }
                groups.append(length)
                digits += length
                end = cursor
                // Another group follows a single separator.
                if let separator = char(cursor), separator == " " || separator == "-", isDigit(cursor + 1) {
                    cursor += 1
                } else {
                    break
                }
            }
            let isYear = groups == [4] && digits == 4
            if digits >= 3, !groups.isEmpty, !isYear, !(end < characters.count && (char(end)!.isLetter)) {
                ranges.append(characters[position]..<(end < characters.count ? characters[end] : text.endIndex))
                position = end
            } else {
                position += 1
            }
        }
        return ranges
    }
}
