/// The Go types checkout encodes and decodes, reduced to what `encoding/json` walks:
/// which encoder/decoder frames a value produces and how much of the work each field takes.
indirect enum JSONShape: Sendable {
    /// A struct; fields weighted by the share of bytes/work they carry.
    case object([(weight: Double, field: JSONShape)])
    case pointer(JSONShape)
    case array(JSONShape)
    /// A map with string keys.
    case map(JSONShape)
    /// `interface{}` holding one of the alternatives.
    case interface([(weight: Double, value: JSONShape)])
    case string, int, float, bool, time

    /// Whether decoding this value can allocate (strings, containers, pointers, interfaces).
    var canAllocate: Bool {
        switch self {
        case .int, .float, .bool, .time: false
        default: true
        }
    }
}

/// The payloads of the example: inventory items before and after v2.14.0, and the
/// checkout response and order event that embed them.
enum JSONShapes {
    /// v2.13.4: `{"sku":"…","available":3,"warehouse":"…"}` per SKU (~650 bytes with envelope share).
    static let inventoryItemIDs: JSONShape = .object([(3, .string), (1, .int), (2, .string)])

    /// v2.14.0 with `include_full_sku_details`: the full SKU object (~8 KB).
    static let inventoryItemFull: JSONShape = .object([
        (2, .string), (3, .string), (9, .string), (1, .int), (1.5, .float),
        (7, .map(.string)),
        (6, .array(.object([(4, .string), (1, .int), (1, .int), (3, .string)]))),
        (2, .pointer(.object([(1, .float), (1, .float), (1, .float), (1, .float)]))),
        (5, .array(.object([(2, .string), (1, .int), (2, .time)]))),
        (2, .array(.string)),
        (6, .map(.interface([(4, .string), (2, .float), (1, .bool)]))),
    ])

    static func inventoryItem(fullDetails: Bool) -> JSONShape {
        fullDetails ? inventoryItemFull : inventoryItemIDs
    }

    /// The `/inventory` response body: `{"items":[…],"as_of":"…","warehouse_region":"…"}`.
    static func inventoryResponse(fullDetails: Bool) -> JSONShape {
        .object([(20, .array(inventoryItem(fullDetails: fullDetails))), (1, .time), (1, .string)])
    }

    /// checkout's own response: order, lines (each with its inventory item), totals, payment.
    static func checkoutResponse(fullDetails: Bool) -> JSONShape {
        let item = inventoryItem(fullDetails: fullDetails)
        let line: JSONShape = .object([(2, .string), (1, .int), (1, .float), (fullDetails ? 14 : 2, .pointer(item))])
        return .pointer(.object([
            (1, .string), (1, .string), (1, .time),
            (8, .array(line)),
            (2, .object([(1, .float), (1, .float), (1, .float), (1, .float), (1, .string)])),
            (1.5, .object([(2, .string), (1, .string), (1, .string)])),
            (fullDetails ? 12 : 3, .array(item)),
        ]))
    }

    /// The `order.placed` outbox event, with an inventory snapshot.
    static func orderEvent(fullDetails: Bool) -> JSONShape {
        .pointer(.object([(1, .string), (1, .time), (4, .array(.object([(2, .string), (1, .int), (1, .float)]))),
                          (fullDetails ? 10 : 2, .array(inventoryItem(fullDetails: fullDetails)))]))
    }

    /// payment-service `/v1/authorize` answer.
    static let paymentResponse: JSONShape = .object([(2, .string), (1, .string), (1, .bool), (1, .int), (1, .time)])

    /// JWT claims.
    static let jwtClaims: JSONShape = .object([(2, .string), (1, .int), (1, .int), (2, .string), (1, .array(.string))])
}
