/// `encoding/json` call paths, following the shapes in `JSONShapes`.
extension StackGrammar {
    /// What a decode walk must end in.
    enum DecodeEnd { case cpu, allocation }

    // MARK: Encoding (never allocates in these walks: the groups stay disjoint)

    /// `json.Marshal(v)` down to one leaf.
    mutating func marshal(_ shape: JSONShape) {
        push("encoding/json.Marshal")
        switch roll([1, 1, 60]) {
        case 0: push("encoding/json.newEncodeState", "sync.(*Pool).Get")
        case 1: push("sync.(*Pool).Put")
        default:
            push("encoding/json.(*encodeState).marshal", "encoding/json.(*encodeState).reflectValue")
            if rng.chance(0.04) {
                push("encoding/json.valueEncoder", "encoding/json.typeEncoder", "sync.(*Map).Load")
            } else {
                encode(shape)
            }
        }
    }

    mutating func encode(_ shape: JSONShape) {
        switch shape {
        case .object(let fields):
            push("encoding/json.structEncoder.encode")
            switch roll([2, 3, 16]) {
            case 0: break
            case 1: leaf(["reflect.Value.Field", "encoding/json.isEmptyValue", "bytes.(*Buffer).WriteString",
                          "bytes.(*Buffer).WriteByte"])
            default: encode(rng.pick(weighted: fields.map { ($0.weight, $0.field) }))
            }
        case .pointer(let inner):
            push("encoding/json.ptrEncoder.encode")
            switch roll([1, 1, 14]) {
            case 0: break
            case 1: leaf(["reflect.Value.Elem", "reflect.Value.IsNil"])
            default: encode(inner)
            }
        case .array(let element):
            push("encoding/json.sliceEncoder.encode", "encoding/json.arrayEncoder.encode")
            switch roll([1, 1, 14]) {
            case 0: break
            case 1: leaf(["reflect.Value.Index", "bytes.(*Buffer).WriteByte"])
            default: encode(element)
            }
        case .map(let value):
            push("encoding/json.mapEncoder.encode")
            switch roll([1, 2, 1, 1, 10]) {
            case 0: break
            case 1: push("slices.SortFunc[...]", "slices.pdqsortCmpFunc[...]")
                    if rng.chance(0.6) { push("slices.insertionSortCmpFunc[...]") }
                    if rng.chance(0.7) { push("encoding/json.mapEncoder.encode.func2", "strings.Compare") }
            case 2: push("reflect.(*MapIter).Next", "runtime.mapiternext")
            case 3: push("encoding/json.resolveKeyName")
                    maybeLeaf(0.5, ["reflect.Value.String"])
            default:
                if rng.chance(0.25) {
                    push("encoding/json.appendString[...]")
                } else {
                    encode(value)
                }
            }
        case .interface(let options):
            push("encoding/json.interfaceEncoder", "encoding/json.(*encodeState).reflectValue")
            if rng.chance(0.1) {
                push("encoding/json.valueEncoder", "encoding/json.typeEncoder", "sync.(*Map).Load")
            } else {
                encode(rng.pick(weighted: options.map { ($0.weight, $0.value) }))
            }
        case .string:
            push("encoding/json.stringEncoder")
            switch roll([2, 6, 1]) {
            case 0: break
            case 1: push("encoding/json.appendString[...]")
                    maybeLeaf(0.15, ["unicode/utf8.DecodeRuneInString", "unicode/utf8.RuneLen"])
            default: push("bytes.(*Buffer).Write"); maybeLeaf(0.7, ["runtime.memmove"])
            }
        case .int:
            push("encoding/json.intEncoder")
            switch roll([1, 4, 1]) {
            case 0: break
            case 1: push("strconv.AppendInt"); maybeLeaf(0.7, ["strconv.formatBits"])
            default: push("bytes.(*Buffer).Write")
            }
        case .float:
            push("encoding/json.floatEncoder.encode")
            switch roll([1, 6, 1]) {
            case 0: break
            case 1:
                push("strconv.AppendFloat", "strconv.genericFtoa")
                switch roll([1, 5, 2]) {
                case 0: break
                case 1: push("strconv.ryuFtoaShortest")
                        maybeLeaf(0.7, ["strconv.ryuDigits", "strconv.computeBounds", "strconv.mult64bitPow10",
                                        "strconv.ryuDigits32", "strconv.divisibleByPower5"])
                default: push("strconv.formatDigits", "strconv.fmtF")
                }
            default: push("math.Abs")
            }
        case .bool:
            push("encoding/json.boolEncoder")
        case .time:
            push("encoding/json.marshalerEncoder")
            switch roll([1, 5, 2]) {
            case 0: break
            case 1:
                push("time.Time.MarshalJSON")
                if rng.chance(0.8) {
                    push("time.Time.appendStrictRFC3339", "time.Time.appendFormatRFC3339")
                    maybeLeaf(0.7, ["time.Time.locabs", "time.absDate", "time.appendInt", "time.Time.abs"])
                }
            default:
                push("encoding/json.compact", "encoding/json.appendCompact")
                maybeLeaf(0.6, ["encoding/json.stateInString", "encoding/json.stateBeginValue", "encoding/json.stateEndValue"])
            }
        }
    }

    // MARK: Decoding

    /// `json.Unmarshal(data, &v)` down to a CPU leaf or an allocation.
    mutating func unmarshal(_ shape: JSONShape, end: DecodeEnd) {
        push("encoding/json.Unmarshal")
        if end == .cpu && rng.chance(0.3) {
            push("encoding/json.checkValid")
            maybeLeaf(0.75, ["encoding/json.stateInString", "encoding/json.stateBeginValue", "encoding/json.stateEndValue",
                             "encoding/json.stateBeginStringOrEmpty", "encoding/json.(*scanner).pushParseState",
                             "encoding/json.stateInStringEsc", "encoding/json.state1", "encoding/json.stateBeginString"])
            return
        }
        push("encoding/json.(*decodeState).unmarshal", "encoding/json.(*decodeState).value")
        decode(shape, end: end)
    }

    /// `(*json.Decoder).Decode(&v)`.
    mutating func decoderDecode(_ shape: JSONShape, end: DecodeEnd) {
        push("encoding/json.(*Decoder).Decode")
        if end == .cpu && rng.chance(0.3) {
            push("encoding/json.(*Decoder).readValue")
            maybeLeaf(0.6, ["encoding/json.stateInString", "encoding/json.stateBeginValue", "encoding/json.(*scanner).eof"])
            return
        }
        push("encoding/json.(*decodeState).unmarshal", "encoding/json.(*decodeState).value")
        decode(shape, end: end)
    }

    /// Below `(*decodeState).value` for a value of `shape`.
    mutating func decode(_ shape: JSONShape, end: DecodeEnd) {
        switch shape {
        case .object(let fields):
            push("encoding/json.(*decodeState).object")
            let descendable = fields.filter { end == .cpu || $0.field.canAllocate }
            if end == .cpu {
                switch roll([2, 5, 16]) {
                case 0: return
                case 1: objectCPU(); return
                default: break
                }
            } else if descendable.isEmpty || rng.chance(0.12) {
                allocate(["encoding/json.indirect", "reflect.New", "reflect.unsafe_New"]); return
            }
            push("encoding/json.(*decodeState).value")
            decode(rng.pick(weighted: descendable.map { ($0.weight, $0.field) }), end: end)
        case .pointer(let inner):
            if end == .allocation && rng.chance(0.3) {
                push("encoding/json.(*decodeState).object")
                allocate(["encoding/json.indirect", "reflect.New", "reflect.unsafe_New"]); return
            }
            decode(inner, end: end)
        case .array(let element):
            push("encoding/json.(*decodeState).array")
            if end == .cpu {
                switch roll([1, 3, 14]) {
                case 0: return
                case 1: leaf(["reflect.Value.Index", "reflect.Value.SetLen", "encoding/json.indirect", "reflect.Value.Len"])
                        return
                default: break
                }
            } else if !element.canAllocate || rng.chance(0.35) {
                allocate(["reflect.Value.Grow", "reflect.Value.grow", "reflect.growslice", "runtime.growslice"]); return
            }
            push("encoding/json.(*decodeState).value")
            decode(element, end: end)
        case .map(let value):
            push("encoding/json.(*decodeState).object")
            if end == .cpu {
                switch roll([1, 4, 12]) {
                case 0: return
                case 1: objectCPU(); return
                default: break
                }
            } else {
                switch roll([2, 1, value.canAllocate ? 4 : 0]) {
                case 0:
                    push("reflect.Value.SetMapIndex", "reflect.mapassign_faststr", "runtime.mapassign_faststr")
                    if rng.chance(0.5) { allocate(["runtime.hashGrow", "runtime.makeBucketArray", "runtime.newarray"]) }
                    else { allocate(["runtime.newobject"]) }
                    return
                case 1: allocate(["reflect.MakeMapWithSize", "runtime.makemap"]); return
                default: break
                }
            }
            push("encoding/json.(*decodeState).value")
            decode(value, end: end)
        case .interface(let options):
            push("encoding/json.(*decodeState).valueInterface")
            let value = rng.pick(weighted: options.map { ($0.weight, $0.value) })
            switch value {
            case .array(let element):
                push("encoding/json.(*decodeState).arrayInterface")
                if end == .allocation {
                    if rng.chance(0.5) { allocate(["runtime.growslice"]); return }
                    push("encoding/json.(*decodeState).valueInterface", "encoding/json.(*decodeState).literalInterface")
                    allocate(element.canAllocate ? ["runtime.slicebytetostring"] : ["runtime.convT64"])
                } else {
                    push("encoding/json.(*decodeState).valueInterface", "encoding/json.(*decodeState).literalInterface")
                    literalInterfaceCPU()
                }
            default:
                push("encoding/json.(*decodeState).literalInterface")
                if end == .allocation {
                    switch value {
                    case .string: allocate(rng.chance(0.5) ? ["runtime.slicebytetostring"] : ["runtime.convTstring"])
                    default: allocate(["runtime.convT64"])
                    }
                } else {
                    literalInterfaceCPU()
                }
            }
        case .string, .int, .float, .bool, .time:
            push("encoding/json.(*decodeState).literalStore")
            if end == .allocation {
                if rng.chance(0.8) { allocate(["runtime.slicebytetostring"]) }
                else { allocate(["encoding/json.unquote", "encoding/json.unquoteBytes", "runtime.makeslice"]) }
                return
            }
            literalCPU(shape)
        }
    }

    private mutating func allocate(_ path: [String]) {
        push(path)
        mallocgcSubtree(large: false)
    }

    private mutating func objectCPU() {
        switch roll([3, 3, 2, 2, 2, 1, 1]) {
        case 0: push("encoding/json.(*decodeState).rescanLiteral")
        case 1: push("encoding/json.(*decodeState).scanWhile")
                maybeLeaf(0.6, ["encoding/json.stateInString", "encoding/json.stateBeginValue", "encoding/json.stateEndValue"])
        case 2: push("encoding/json.unquoteBytes")
        case 3: push("encoding/json.indirect")
        case 4: push("reflect.Value.Field")
        case 5: push("encoding/json.cachedTypeFields", "sync.(*Map).Load")
        default: push("encoding/json.foldName", "encoding/json.appendFoldedName")
        }
    }

    private mutating func literalCPU(_ shape: JSONShape) {
        switch shape {
        case .int:
            switch roll([1, 3, 1]) {
            case 0: break
            case 1: push("strconv.ParseInt", "strconv.ParseUint")
            default: push("reflect.Value.SetInt")
            }
        case .float:
            switch roll([1, 4, 1]) {
            case 0: break
            case 1: push("strconv.ParseFloat", "strconv.atof64")
                    maybeLeaf(0.7, ["strconv.readFloat", "strconv.eiselLemire64", "strconv.atof64exact"])
            default: push("reflect.Value.SetFloat")
            }
        case .time:
            push("time.(*Time).UnmarshalJSON")
            if rng.chance(0.8) {
                push("time.parseStrictRFC3339", "time.parseRFC3339[...]")
                maybeLeaf(0.6, ["time.Date", "time.parseUint[...]", "time.(*Location).lookup"])
            }
        default:
            switch roll([2, 4, 1, 1]) {
            case 0: break
            case 1: push("encoding/json.unquoteBytes"); maybeLeaf(0.25, ["unicode/utf8.DecodeRune", "encoding/json.getu4"])
            case 2: push("reflect.Value.SetString")
            default: push("encoding/json.indirect")
            }
        }
    }

    private mutating func literalInterfaceCPU() {
        switch roll([1, 3, 2]) {
        case 0: break
        case 1: push("encoding/json.unquote", "encoding/json.unquoteBytes")
        default: push("encoding/json.(*decodeState).convertNumber", "strconv.ParseFloat", "strconv.atof64")
                 maybeLeaf(0.5, ["strconv.readFloat", "strconv.eiselLemire64"])
        }
    }
}
