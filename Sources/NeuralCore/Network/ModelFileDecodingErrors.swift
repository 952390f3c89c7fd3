// What JSONDecoder found wrong with a model file, said with the field's path in the file, e.g.
// `layers[2].parameters[0][5]: expected a number, found a string`.

import Foundation

extension ModelFile {
    /// One line naming the field and what is wrong with it.
    static func describe(_ error: DecodingError, data: Data? = nil) -> String {
        switch error {
        case .typeMismatch(let type, let context):
            return
                "\(path(context.codingPath)): expected \(words(for: type, at: context.codingPath)), found \(found(in: context))"
        case .valueNotFound(let type, let context):
            return "\(path(context.codingPath)): expected \(words(for: type, at: context.codingPath)), found null"
        case .keyNotFound(let key, let context):
            return "\(path(context.codingPath + [key])) is missing"
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty { return jsonProblem(context, data: data) }
            return "\(path(context.codingPath)): \(numberProblem(context))"
        @unknown default:
            return "damaged: \(error.localizedDescription)"
        }
    }

    /// `layers[2].parameters[0]`: keys joined by dots, array indices in brackets.
    static func path(_ codingPath: [any CodingKey]) -> String {
        var text = ""
        for key in codingPath {
            if let index = key.intValue, key.stringValue == "Index \(index)" || key.stringValue == "\(index)" {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return text.isEmpty ? "the file" : text
    }

    /// The JSON type a Swift type is read from, in words; an array's elements follow from where
    /// it is (the layers are objects, parameters and state arrays of arrays, the rest numbers).
    static func words(for type: Any.Type, at codingPath: [any CodingKey]) -> String {
        if type == Double.self || type == Float.self { return "a number" }
        if type == Int.self || type == UInt.self { return "a whole number" }
        if type == String.self { return "a string" }
        if type == Bool.self { return "true or false" }
        let name = "\(type)"
        guard name.hasPrefix("Array") || name.hasPrefix("[") else { return "an object" }
        switch codingPath.last?.stringValue {
        case "layers": return "an array of layers"
        case "parameters", "state": return "an array of arrays of numbers"
        default: return "an array of numbers"
        }
    }

    /// What was found instead, as the decoder says it ("a string", "an array", …).
    static func found(in context: DecodingError.Context) -> String {
        let text = context.debugDescription
        if let start = text.range(of: "but found "),
            let end = text.range(of: " instead", range: start.upperBound..<text.endIndex)
        {
            return String(text[start.upperBound..<end.lowerBound])
        }
        return "something else (\(text))"
    }

    /// A number the decoder could not read, such as 3.5 or 1e30 for a whole number.
    static func numberProblem(_ context: DecodingError.Context) -> String {
        let text = context.debugDescription
        if text.contains("does not fit") || text.contains("not representable") {
            return "\(text.hasSuffix(".") ? String(text.dropLast()) : text); expected a number that fits"
        }
        return text
    }

    /// Why the bytes could not be decoded, in one line. The decoder says only "not valid JSON",
    /// also for a number that does not fit its field; JSONSerialization then finds which.
    static func jsonProblem(_ context: DecodingError.Context, data: Data? = nil) -> String {
        let fallback = context.underlyingError.map { "\($0)" } ?? context.debugDescription
        guard let data else { return fallback.replacingOccurrences(of: "\n", with: " ") }
        do {
            let object = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            if let (where_, number) = wholeNumberProblem(in: object, path: "") {
                return "\(where_): expected a whole number, found \(number)"
            }
            return fallback.replacingOccurrences(of: "\n", with: " ")
        } catch {
            let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
            return "not valid JSON: \(detail)".replacingOccurrences(of: "\n", with: " ")
        }
    }

    /// The fields a model file holds as whole numbers.
    static let wholeNumberFields: Set<String> = [
        "version", "channels", "height", "width", "inputs", "outputs", "outputChannels", "kernelHeight", "kernelWidth",
        "stride", "padding", "size",
    ]

    /// The first whole-number field (in file order for arrays, by name for objects) holding a
    /// number that is not a whole number an `Int` can hold.
    static func wholeNumberProblem(in object: Any, path: String) -> (String, String)? {
        if let dictionary = object as? [String: Any] {
            for key in dictionary.keys.sorted() {
                let here = path.isEmpty ? key : "\(path).\(key)"
                if wholeNumberFields.contains(key), let number = dictionary[key] as? NSNumber {
                    let value = number.doubleValue
                    if value != value.rounded() || value.magnitude >= 9.2e18 { return (here, "\(number)") }
                } else if let found = wholeNumberProblem(in: dictionary[key]!, path: here) {
                    return found
                }
            }
        } else if let array = object as? [Any] {
            for (index, element) in array.enumerated() {
                if let found = wholeNumberProblem(in: element, path: "\(path)[\(index)]") { return found }
            }
        }
        return nil
    }
}
