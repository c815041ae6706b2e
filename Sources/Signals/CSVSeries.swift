import Foundation
import IncidentModel

/// Reads a time series from CSV with a header row into a ``ValueSeries``: e.g. one response size
/// per downstream call, exported from a log query.
///
/// Format reference: RFC 4180, "Common Format and MIME Type for Comma-Separated Values (CSV)
/// Files" (https://www.rfc-editor.org/rfc/rfc4180): fields separated by commas, records by CRLF
/// (LF accepted), fields optionally in double quotes, a quote inside a quoted field doubled
/// (`""`), line breaks allowed inside quoted fields. The first record is the header.
///
/// Columns:
/// - the time column (`timeColumn`, default `timestamp`) holds RFC 3339 times (`Z` or an offset,
///   with or without fractional seconds) or Unix seconds (a number, fractional allowed);
/// - the value column (`valueColumn`, default: the last column other than the time column whose
///   first-row value is a number) must hold a finite number on every row, not negative when the
///   column's name gives it a unit (`_bytes`, `_seconds`, `_ms`);
/// - the unit comes from the value column's name: `_bytes` → `bytes`, `_seconds` → `seconds`,
///   `_ms`/`_milliseconds` → `milliseconds`, otherwise `1` (dimensionless);
/// - every other column becomes a point label, as text.
///
/// Blank lines are skipped; a record with a different number of fields than the header is an
/// error. Errors name the line (of the record's start) and the column. Points are sorted by time
/// (rows with equal times keep file order).
public enum CSVSeries {
    /// Parses CSV into a series; `file` names it in errors.
    public static func parse(
        _ data: Data, file: String, timeColumn: String = "timestamp", valueColumn: String? = nil
    ) throws(SignalError) -> ValueSeries {
        let records = try CSVRecords.parse(data, file: file)
        guard let header = records.first else {
            throw SignalError(file: file, line: 1, message: "the CSV is empty: a header row is required")
        }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        var seen = Set<String>()
        for name in names where !seen.insert(name).inserted {
            throw SignalError(file: file, line: header.line, message: "the header names column \"\(name)\" twice")
        }
        guard let timeIndex = names.firstIndex(of: timeColumn) else {
            throw SignalError(
                file: file, line: header.line,
                message: "no time column \"\(timeColumn)\" in the header (columns: \(names.joined(separator: ", ")))")
        }
        let rows = records.dropFirst()
        for row in rows where row.fields.count != names.count {
            throw SignalError(
                file: file, line: row.line,
                message: "the row has \(row.fields.count) field(s) but the header has \(names.count)")
        }
        let valueIndex: Int
        if let valueColumn {
            guard let i = names.firstIndex(of: valueColumn) else {
                throw SignalError(
                    file: file, line: header.line,
                    message: "no value column \"\(valueColumn)\" in the header (columns: \(names.joined(separator: ", ")))")
            }
            valueIndex = i
        } else {
            guard let first = rows.first else {
                throw SignalError(
                    file: file, line: header.line,
                    message: "no data rows, so no numeric value column can be chosen; name one")
            }
            guard let i = names.indices.last(where: {
                $0 != timeIndex && SignalText.parseFloat(first.fields[$0].trimmingCharacters(in: .whitespaces)) != nil
            }) else {
                throw SignalError(
                    file: file, line: first.line,
                    message: "no numeric column besides \"\(timeColumn)\" in the first row; name the value column")
            }
            valueIndex = i
        }
        guard valueIndex != timeIndex else {
            throw SignalError(file: file, line: header.line, message: "the time and value columns are both \"\(timeColumn)\"")
        }

        let valueUnit = unit(of: names[valueIndex])
        var points: [ValueSeries.Point] = []
        points.reserveCapacity(rows.count)
        for row in rows {
            let timeText = TextTrim.whitespace(row.fields[timeIndex])
            guard let time = RFC3339.seconds(timeText.utf8) ?? SignalText.parseFloat(timeText).flatMap({ $0.isFinite ? $0 : nil }) else {
                throw SignalError(
                    file: file, line: row.line,
                    message: "column \"\(names[timeIndex])\": \"\(timeText.prefix(40))\" is neither an RFC 3339 time with a zone nor Unix seconds")
            }
            let valueText = TextTrim.whitespace(row.fields[valueIndex])
            guard let value = SignalText.parseFloat(valueText) else {
                throw SignalError(
                    file: file, line: row.line,
                    message: "column \"\(names[valueIndex])\": \"\(valueText.prefix(40))\" is not a number")
            }
            // A size or a duration is a finite, non-negative measurement; NaN or Inf in a log
            // export is a gap or a bug, and would silently poison every statistic.
            guard value.isFinite else {
                throw SignalError(
                    file: file, line: row.line,
                    message: "column \"\(names[valueIndex])\": \"\(valueText.prefix(40))\" is not a finite number")
            }
            if value < 0, valueUnit != "1" {
                throw SignalError(
                    file: file, line: row.line,
                    message: "column \"\(names[valueIndex])\": \(valueText.prefix(40)) is negative, but a value in \(valueUnit) cannot be")
            }
            var labels: [String: String] = [:]
            for (i, name) in names.enumerated() where i != timeIndex && i != valueIndex {
                labels[name] = row.fields[i]
            }
            points.append(ValueSeries.Point(time: time, value: value, labels: labels))
        }
        let sorted = points.enumerated()
            .sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }
            .map(\.element)
        let name = names[valueIndex]
        return ValueSeries(name: name, unit: unit(of: name), points: sorted)
    }

    /// The unit a column name's suffix implies.
    public static func unit(of columnName: String) -> String {
        let name = columnName.lowercased()
        if name.hasSuffix("_bytes") { return "bytes" }
        if name.hasSuffix("_seconds") { return "seconds" }
        if name.hasSuffix("_ms") || name.hasSuffix("_milliseconds") { return "milliseconds" }
        return "1"
    }
}

/// RFC 4180 record splitting with the line each record starts on.
enum CSVRecords {
    struct Record {
        var line: Int
        var fields: [String]
    }

    static func parse(_ data: Data, file: String) throws(SignalError) -> [Record] {
        let result: Result<[Record], SignalError> = data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            var records: [Record] = []
            var i = 0
            if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
            var line = 1
            let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), lf = UInt8(0x0A), cr = UInt8(0x0D)
            while i < bytes.count {
                // A blank line (possibly only CR) is skipped.
                if bytes[i] == lf { line += 1; i += 1; continue }
                if bytes[i] == cr, i + 1 == bytes.count || bytes[i + 1] == lf {
                    i += 1
                    continue
                }
                let recordLine = line
                var fields: [String] = []
                var field: [UInt8] = []
                var endOfRecord = false
                while !endOfRecord {
                    field.removeAll(keepingCapacity: true)
                    if i < bytes.count, bytes[i] == quote {
                        let openLine = line
                        i += 1
                        var closed = false
                        while i < bytes.count {
                            let b = bytes[i]
                            if b == quote {
                                if i + 1 < bytes.count, bytes[i + 1] == quote {
                                    field.append(quote)
                                    i += 2
                                    continue
                                }
                                i += 1
                                closed = true
                                break
                            }
                            if b == lf { line += 1 }
                            field.append(b)
                            i += 1
                        }
                        guard closed else {
                            return .failure(SignalError(
                                file: file, line: openLine,
                                message: "a quoted field (field \(fields.count + 1)) is not closed before the end of the file"))
                        }
                        // After the closing quote: a comma, a line end or the end of the file.
                        if i < bytes.count, bytes[i] != comma, bytes[i] != lf, bytes[i] != cr {
                            return .failure(SignalError(
                                file: file, line: line,
                                message: "unexpected character after the closing quote of field \(fields.count + 1) (a quote inside a quoted field must be doubled)"))
                        }
                    } else {
                        while i < bytes.count, bytes[i] != comma, bytes[i] != lf {
                            if bytes[i] == cr, i + 1 == bytes.count || bytes[i + 1] == lf { break }
                            field.append(bytes[i])
                            i += 1
                        }
                    }
                    fields.append(String(decoding: field, as: UTF8.self))
                    if i < bytes.count, bytes[i] == comma {
                        i += 1
                        continue
                    }
                    // Line end (CRLF or LF) or end of file.
                    if i < bytes.count, bytes[i] == cr { i += 1 }
                    if i < bytes.count, bytes[i] == lf {
                        i += 1
                        line += 1
                    }
                    endOfRecord = true
                }
                records.append(Record(line: recordLine, fields: fields))
            }
            return .success(records)
        }
        return try result.get()
    }
}
