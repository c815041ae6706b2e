/// The checkout service's own code paths, and the categories the profile budgets draw from.
extension StackGrammar {
    static let checkoutHandler = "github.com/acme/checkout/internal/handlers.Checkout"

    /// From the goroutine root down to `handlers.Checkout`.
    mutating func checkoutPrefix() {
        push("runtime.goexit", "net/http.(*conn).serve", "net/http.serverHandler.ServeHTTP", "net/http.(*ServeMux).ServeHTTP",
             "net/http.HandlerFunc.ServeHTTP", Self.checkoutHandler)
    }

    /// Self time of the handler: the only stacks whose leaf is `handlers.Checkout`.
    mutating func checkoutSelf() { checkoutPrefix() }

    /// Serialising the response or the outbox event: the only home of `encoding/json.Marshal`.
    mutating func marshalWork(fullDetails: Bool) {
        checkoutPrefix()
        if rng.chance(0.78) {
            push("github.com/acme/checkout/internal/handlers.writeJSON")
            marshal(JSONShapes.checkoutResponse(fullDetails: fullDetails))
        } else {
            push("github.com/acme/checkout/internal/events.(*Outbox).Enqueue")
            marshal(JSONShapes.orderEvent(fullDetails: fullDetails))
        }
    }

    /// Allocation sites: the only home of `runtime.mallocgc`.
    mutating func allocationWork(fullDetails: Bool) {
        let weights: [Double] = fullDetails ? [14, 6, 2, 1, 0.6, 0.6, 0.4] : [5, 2, 3, 2.5, 1.5, 1.5, 1]
        switch roll(weights) {
        case 0:
            downstreamCall(inventory: true)
            unmarshal(JSONShapes.inventoryResponse(fullDetails: fullDetails), end: .allocation)
        case 1:
            downstreamCall(inventory: true)
            push("io.ReadAll", "runtime.growslice")
            mallocgcSubtree(large: fullDetails)
        case 2:
            checkoutPrefix()
            push("github.com/acme/checkout/internal/handlers.buildResponse")
            switch roll([3, 2, 2, 1]) {
            case 0: push("runtime.makeslice")
            case 1: push("runtime.newobject")
            case 2: push("runtime.growslice")
            default: push("runtime.concatstrings", "runtime.rawstringtmp", "runtime.rawstring")
            }
            mallocgcSubtree(large: false)
        case 3:
            push("runtime.goexit", "net/http.(*conn).serve", "net/http.(*conn).readRequest", "net/http.readRequest",
                 "net/textproto.(*Reader).ReadMIMEHeader", "net/textproto.readMIMEHeader")
            leaf(["runtime.makemap", "runtime.slicebytetostring", "runtime.makeslice"])
            mallocgcSubtree(large: false)
        case 4:
            downstreamCall(inventory: false)
            if rng.chance(0.5) {
                push("net/http.NewRequestWithContext", "runtime.newobject")
                mallocgcSubtree(large: false)
            } else {
                decoderDecode(JSONShapes.paymentResponse, end: .allocation)
            }
        case 5:
            storeCall()
            push("github.com/jackc/pgx/v5.(*baseRows).Scan", "github.com/jackc/pgx/v5/pgtype.scanPlanTextAnyToString.Scan",
                 "runtime.slicebytetostring")
            mallocgcSubtree(large: false)
        default:
            checkoutPrefix()
            push("go.opentelemetry.io/otel/sdk/trace.(*tracer).Start", "go.opentelemetry.io/otel/sdk/trace.(*tracer).newRecordingSpan",
                 "runtime.newobject")
            mallocgcSubtree(large: false)
        }
    }

    /// Decoding work that does not allocate (scanning, parsing literals, reflection).
    mutating func decodeWork(fullDetails: Bool) {
        if rng.chance(fullDetails ? 0.93 : 0.8) {
            downstreamCall(inventory: true)
            unmarshal(JSONShapes.inventoryResponse(fullDetails: fullDetails), end: .cpu)
        } else {
            downstreamCall(inventory: false)
            decoderDecode(JSONShapes.paymentResponse, end: .cpu)
        }
    }

    /// JWT verification in `auth_check`.
    mutating func authWork() {
        checkoutPrefix()
        push("github.com/acme/checkout/internal/auth.(*Verifier).Verify", "github.com/golang-jwt/jwt/v5.(*Parser).ParseWithClaims")
        switch roll([5, 2, 2, 1, 1.5]) {
        case 4:
            push("github.com/acme/checkout/internal/auth.(*Verifier).keyFunc", "github.com/acme/checkout/internal/auth.(*KeySet).Lookup")
            switch roll([2, 2, 1, 1]) {
            case 0: push("sync.(*RWMutex).RLock")
            case 1: push("runtime.mapaccess2_faststr"); maybeLeaf(0.5, ["runtime.memequal", "runtime.aeshashbody"])
            case 2: push("github.com/golang-jwt/jwt/v5.(*Token).Claims.GetIssuer")
            default: push("strings.EqualFold")
            }
        case 0:
            push("github.com/golang-jwt/jwt/v5.(*SigningMethodECDSA).Verify", "crypto/ecdsa.Verify", "crypto/ecdsa.verifyNISTEC[...]")
            switch roll([3, 3, 1]) {
            case 0: push("crypto/internal/nistec.(*P256Point).ScalarBaseMult")
                    maybeLeaf(0.8, ["crypto/internal/nistec.p256PointAddAffineAsm", "crypto/internal/nistec.p256Select",
                                    "crypto/internal/nistec.p256SelectAffine"])
            case 1: push("crypto/internal/nistec.(*P256Point).ScalarMult")
                    maybeLeaf(0.8, ["crypto/internal/nistec.p256PointDoubleAsm", "crypto/internal/nistec.p256PointAddAsm",
                                    "crypto/internal/nistec.p256Sqr", "crypto/internal/nistec.p256Mul"])
            default: push("crypto/ecdsa.p256OrdInverse")
                    maybeLeaf(0.7, ["crypto/internal/nistec.p256OrdSqr", "crypto/internal/nistec.p256OrdMul"])
            }
        case 1:
            push("github.com/golang-jwt/jwt/v5.(*Parser).ParseUnverified")
            if rng.chance(0.5) {
                push("encoding/base64.(*Encoding).DecodeString", "encoding/base64.(*Encoding).Decode")
                maybeLeaf(0.5, ["encoding/base64.assemble64", "encoding/base64.(*Encoding).decodeQuantum"])
            } else {
                decoderDecode(JSONShapes.jwtClaims, end: .cpu)
            }
        case 2:
            push("github.com/golang-jwt/jwt/v5.(*Validator).Validate")
            maybeLeaf(0.6, ["time.Now", "github.com/golang-jwt/jwt/v5.(*Validator).verifyExpiresAt"])
        default:
            push("crypto/sha256.Sum256")
            maybeLeaf(0.8, ["crypto/sha256.block", "crypto/sha256.blockAMD64"])
        }
    }

    /// Structured logging with log/slog's JSON handler.
    mutating func loggingWork() {
        checkoutPrefix()
        push("log/slog.(*Logger).InfoContext", "log/slog.(*Logger).log")
        switch roll([6, 2, 1, 1]) {
        case 0:
            push("log/slog.(*JSONHandler).Handle", "log/slog.(*commonHandler).handle")
            switch roll([5, 1, 2, 1]) {
            case 0:
                push("log/slog.(*handleState).appendAttr")
                if rng.chance(0.3) {
                    push("log/slog.(*handleState).appendKey", "log/slog.(*handleState).appendString")
                    maybeLeaf(0.6, ["log/slog.appendEscapedJSONString", "unicode/utf8.RuneLen", "log/slog.needsQuoting"])
                } else {
                    push("log/slog.(*handleState).appendValue", "log/slog.appendJSONValue")
                    switch roll([3, 2, 1, 1, 1]) {
                    case 0: push("log/slog.appendEscapedJSONString")
                            maybeLeaf(0.3, ["unicode/utf8.DecodeRuneInString", "bytes.(*Buffer).WriteString"])
                    case 1: push("strconv.AppendInt"); maybeLeaf(0.6, ["strconv.formatBits"])
                    case 2: push("strconv.AppendFloat", "strconv.genericFtoa")
                            maybeLeaf(0.6, ["strconv.ryuFtoaShortest", "strconv.formatDigits"])
                    case 3: push("log/slog.appendJSONTime", "time.Time.AppendFormat", "time.Time.appendFormat")
                            maybeLeaf(0.6, ["time.Time.locabs", "time.appendInt", "time.absDate"])
                    default: push("log/slog.Value.Duration")
                    }
                }
            case 1: push("log/slog.(*handleState).appendNonBuiltIns")
                    maybeLeaf(0.5, ["log/slog.(*handleState).openGroups", "log/slog.(*Record).Attrs"])
            case 2:
                push("os.(*File).Write", "os.(*File).write", "internal/poll.(*FD).Write", "internal/poll.ignoringEINTRIO",
                     "syscall.Write", "syscall.write")
                syscallTail()
            default: push("sync.(*Mutex).Lock"); maybeLeaf(0.5, ["sync.(*Mutex).lockSlow", "runtime.procyield"])
            }
        case 1: push("runtime.Callers", "runtime.callers")
                maybeLeaf(0.7, ["runtime.(*unwinder).next", "runtime.tracebackPCs", "runtime.findfunc", "runtime.(*unwinder).initAt",
                                "runtime.funcInfo.entry"])
        case 2: push("time.Now")
        default: push("log/slog.(*Logger).Enabled")
        }
    }

    /// Tracing and metrics middleware, and the span exporter.
    mutating func instrumentationWork() {
        switch roll([3, 3, 2, 2]) {
        case 0:
            checkoutPrefix()
            push("github.com/prometheus/client_golang/prometheus.(*histogram).Observe")
            leaf(["github.com/prometheus/client_golang/prometheus.(*histogram).findBucket",
                  "github.com/prometheus/client_golang/prometheus.(*histogram).observe", "sort.SearchFloat64s"])
        case 1:
            checkoutPrefix()
            push("go.opentelemetry.io/otel/sdk/trace.(*recordingSpan).End")
            switch roll([2, 1, 1]) {
            case 0: push("go.opentelemetry.io/otel/sdk/trace.(*batchSpanProcessor).OnEnd",
                         "go.opentelemetry.io/otel/sdk/trace.(*batchSpanProcessor).enqueueDrop")
            case 1: push("go.opentelemetry.io/otel/sdk/trace.(*recordingSpan).snapshot")
            default: push("time.Now")
            }
        case 2:
            checkoutPrefix()
            push("go.opentelemetry.io/otel/sdk/trace.(*tracer).Start")
            maybeLeaf(0.6, ["go.opentelemetry.io/otel/sdk/trace.(*tracer).newSpan",
                            "go.opentelemetry.io/otel/sdk/trace.(*randomIDGenerator).NewIDs"])
        default:
            push("runtime.goexit", "go.opentelemetry.io/otel/sdk/trace.NewBatchSpanProcessor.func1",
                 "go.opentelemetry.io/otel/sdk/trace.(*batchSpanProcessor).processQueue",
                 "go.opentelemetry.io/otel/sdk/trace.(*batchSpanProcessor).exportSpans",
                 "go.opentelemetry.io/otel/exporters/otlp/otlptrace.(*Exporter).ExportSpans")
            if rng.chance(0.6) {
                push("go.opentelemetry.io/otel/exporters/otlp/otlptrace/internal/tracetransform.Spans")
                maybeLeaf(0.5, ["go.opentelemetry.io/otel/exporters/otlp/otlptrace/internal/tracetransform.span",
                                "go.opentelemetry.io/otel/exporters/otlp/otlptrace/internal/tracetransform.KeyValues"])
            } else {
                push("google.golang.org/protobuf/proto.MarshalOptions.marshal",
                     "google.golang.org/protobuf/internal/impl.(*MessageInfo).marshal")
                maybeLeaf(0.5, ["google.golang.org/protobuf/internal/impl.(*MessageInfo).marshalAppendPointer",
                                "google.golang.org/protobuf/internal/impl.appendStringNoZero"])
            }
        }
    }

    /// The handler's own helpers: validation, merging inventory into lines, totals.
    mutating func handlerHelpers(fullDetails: Bool) {
        checkoutPrefix()
        switch roll(fullDetails ? [1, 4, 1, 1] : [2, 2, 2, 1]) {
        case 0: push("github.com/acme/checkout/internal/handlers.validateBasket")
                maybeLeaf(0.5, ["strings.TrimSpace", "unicode.IsSpace"])
        case 1: push("github.com/acme/checkout/internal/handlers.buildResponse", "github.com/acme/checkout/internal/handlers.mergeInventory")
                maybeLeaf(0.6, ["runtime.mapaccess2_faststr", "runtime.memequal", "runtime.aeshashbody",
                                "github.com/acme/checkout/internal/handlers.mergeInventory.func1"])
        case 2: push("github.com/acme/checkout/internal/handlers.computeTotals")
                maybeLeaf(0.5, ["github.com/shopspring/decimal.Decimal.Add", "github.com/shopspring/decimal.Decimal.Mul",
                                "math/big.nat.mulAddWW"])
        default: push("context.WithTimeout", "context.WithDeadlineCause")
                maybeLeaf(0.6, ["time.AfterFunc", "runtime.(*timer).modify"])
        }
    }

    /// Everything else a busy Go process does.
    mutating func miscWork() {
        switch roll([3, 2, 2, 1, 1]) {
        case 0:
            push("runtime.goexit", "github.com/jackc/pgx/v5/pgxpool.(*Pool).backgroundHealthCheck")
            maybeLeaf(0.6, ["github.com/jackc/pgx/v5/pgxpool.(*Pool).checkHealth", "runtime.selectgo"])
        case 1:
            push("runtime.goexit", "runtime.runfinq")
            maybeLeaf(0.5, ["runtime.call16"])
        case 2:
            push("runtime.goexit", "time.goFunc", "net/http.(*persistConn).closeConnIfStillIdle")
        case 3:
            push("runtime.goexit", "net/http.(*conn).serve", "net/http.(*conn).setState")
            maybeLeaf(0.5, ["runtime.mapassign_fast64ptr", "sync.(*Mutex).Lock"])
        default:
            push("runtime.goexit", "github.com/prometheus/client_golang/prometheus.(*Registry).Gather.func1",
                 "github.com/prometheus/client_golang/prometheus.(*goCollector).Collect")
            maybeLeaf(0.6, ["runtime/metrics.Read", "runtime.readMetrics"])
        }
    }
}
