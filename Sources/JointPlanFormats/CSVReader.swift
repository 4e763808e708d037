/// A small RFC 4180 reader that keeps the line each record starts on.
///
/// Fields are separated by commas, records by LF, CRLF or a lone CR; a quoted field may hold commas, line breaks
/// and doubled quotes. Blank lines and rows of empty cells are skipped. Problems (an unterminated quote,
/// text after a closing quote) are reported with the line and the reader moves on to the next record.
struct CSVReader {
    struct Record: Equatable {
        var line: Int
        var fields: [String]
    }

    struct Problem: Equatable {
        var line: Int
        var message: String
    }

    static func parse(_ text: String) -> (records: [Record], problems: [Problem]) {
        var records: [Record] = []
        var problems: [Problem] = []
        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var line = 1
        var recordLine = 1
        var inQuotes = false
        var afterQuote = false  // a quoted field has just closed
        var quoteLine = 1
        var badRecord = false
        let scalars = Array(text.unicodeScalars)
        var index = 0

        func endRecord() {
            fields.append(String(field))
            field = String.UnicodeScalarView()
            // A row of empty cells (`,,,,` as Excel and WPS save rows that once held something) is blank too.
            let blank = fields.allSatisfy { $0.trimmedCell.isEmpty }
            if !blank && !badRecord { records.append(Record(line: recordLine, fields: fields)) }
            fields = []
            badRecord = false
            afterQuote = false
        }

        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            if inQuotes {
                if scalar == "\"" {
                    if index < scalars.count && scalars[index] == "\"" {
                        field.append("\"")
                        index += 1
                    } else {
                        inQuotes = false
                        afterQuote = true
                    }
                } else {
                    // A line break inside a quoted cell: LF, CRLF (counted at its LF), or a lone CR.
                    if scalar == "\n" || (scalar == "\r" && !(index < scalars.count && scalars[index] == "\n")) { line += 1 }
                    field.append(scalar)
                }
                continue
            }
            switch scalar {
            case ",":
                fields.append(String(field))
                field = String.UnicodeScalarView()
                afterQuote = false
            case "\r" where index < scalars.count && scalars[index] == "\n":
                continue
            case "\n", "\r":  // a lone CR ends a line too (old Mac Excel saves "CSV (Macintosh)" so)
                endRecord()
                line += 1
                recordLine = line
            case "\"" where field.isEmpty && !afterQuote:
                inQuotes = true
                quoteLine = line
            default:
                if afterQuote && scalar != " " && scalar != "\t" {
                    if !badRecord { problems.append(Problem(line: line, message: "text after a closing quote")) }
                    badRecord = true
                } else if !afterQuote {
                    field.append(scalar)
                }
            }
        }
        if inQuotes {
            problems.append(Problem(line: quoteLine, message: "a quoted field is not closed"))
            badRecord = true
        }
        if !field.isEmpty || !fields.isEmpty || afterQuote { endRecord() }
        return (records, problems)
    }
}

extension String {
    /// The cell without surrounding blanks: ASCII blanks, the ideographic space U+3000, the no-break space
    /// U+00A0 and zero-width spaces (U+200B, a stray BOM U+FEFF) that copying from web pages and Word leaves,
    /// invisible in a spreadsheet and in an error message alike.
    var trimmedCell: String {
        func blank(_ scalar: Unicode.Scalar) -> Bool {
            scalar == " " || scalar == "\t" || scalar == "\r" || scalar == "\n" || scalar == "\u{3000}" || scalar == "\u{FEFF}"
                || scalar == "\u{00A0}" || scalar == "\u{200B}"
        }
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !blank($0) }),
              let end = scalars.lastIndex(where: { !blank($0) }) else { return "" }
        return String(scalars[start...end])
    }
}
