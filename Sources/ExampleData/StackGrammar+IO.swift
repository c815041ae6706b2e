/// Network, TLS, HTTP client/server and pgx call paths.
extension StackGrammar {
    mutating func syscallTail() {
        push("syscall.Syscall")
        switch roll([6, 1, 1]) {
        case 0: push("internal/runtime/syscall.Syscall6")
        case 1: push("runtime.entersyscall"); maybeLeaf(0.5, ["runtime.reentersyscall"])
        default: push("runtime.exitsyscall"); maybeLeaf(0.6, ["runtime.exitsyscallfast"])
        }
    }

    mutating func netRead() {
        push("net.(*conn).Read", "net.(*netFD).Read", "internal/poll.(*FD).Read")
        switch roll([6, 2, 1]) {
        case 0: push("internal/poll.ignoringEINTRIO", "syscall.Read", "syscall.read"); syscallTail()
        case 1: push("internal/poll.(*pollDesc).waitRead", "internal/poll.(*pollDesc).wait", "internal/poll.runtime_pollWait",
                     "runtime.netpollblock")
                maybeLeaf(0.6, ["runtime.gopark"])
        default: push("internal/poll.(*fdMutex).rwlock")
        }
    }

    mutating func netWrite() {
        push("net.(*conn).Write", "net.(*netFD).Write", "internal/poll.(*FD).Write")
        switch roll([8, 1]) {
        case 0: push("internal/poll.ignoringEINTRIO", "syscall.Write", "syscall.write"); syscallTail()
        default: push("internal/poll.(*fdMutex).rwlock")
        }
    }

    mutating func tlsRead() {
        push("crypto/tls.(*Conn).Read")
        switch roll([6, 1]) {
        case 0:
            push("crypto/tls.(*Conn).readRecord", "crypto/tls.(*Conn).readRecordOrCCS")
            switch roll([4, 4, 1]) {
            case 0:
                push("crypto/tls.(*halfConn).decrypt", "crypto/aes.(*gcmAsm).Open")
                maybeLeaf(0.85, ["crypto/aes.gcmAesDec", "crypto/aes.gcmAesData", "crypto/aes.gcmAesFinish"])
            case 1:
                push("crypto/tls.(*Conn).readFromUntil", "bytes.(*Buffer).ReadFrom", "crypto/tls.(*atLeastReader).Read")
                netRead()
            default: push("crypto/tls.(*Conn).retryReadRecord")
            }
        default: push("bytes.(*Buffer).Read", "runtime.memmove")
        }
    }

    mutating func tlsWrite() {
        push("crypto/tls.(*Conn).Write", "crypto/tls.(*Conn).writeRecordLocked")
        switch roll([4, 5, 1]) {
        case 0:
            push("crypto/tls.(*halfConn).encrypt", "crypto/aes.(*gcmAsm).Seal")
            maybeLeaf(0.85, ["crypto/aes.gcmAesEnc", "crypto/aes.gcmAesData", "crypto/aes.gcmAesFinish"])
        case 1: push("crypto/tls.(*Conn).write"); netWrite()
        default: push("crypto/tls.(*Conn).maxPayloadSizeForWrite")
        }
    }

    // MARK: HTTP server side (not below handlers.Checkout's call sites of interest)

    mutating func httpServerWork() {
        switch roll([5, 4, 3, 2]) {
        case 0:
            push("runtime.goexit", "net/http.(*conn).serve", "net/http.(*conn).readRequest")
            switch roll([3, 3, 1, 1]) {
            case 0:
                push("net/http.readRequest", "net/textproto.(*Reader).ReadMIMEHeader", "net/textproto.readMIMEHeader")
                maybeLeaf(0.7, ["net/textproto.canonicalMIMEHeaderKey", "net/textproto.(*Reader).readContinuedLineSlice",
                                "net/textproto.validHeaderFieldByte", "bytes.IndexByte"])
            case 1:
                push("net/http.readRequest", "net/textproto.(*Reader).ReadLine", "net/textproto.(*Reader).readLineSlice",
                     "bufio.(*Reader).ReadLine", "bufio.(*Reader).ReadSlice", "bufio.(*Reader).fill",
                     "net/http.(*connReader).Read")
                netRead()
            case 2: push("net/http.readRequest", "net/url.ParseRequestURI", "net/url.parse")
            default: push("context.WithCancel", "context.withCancel", "context.(*cancelCtx).propagateCancel")
            }
        case 1:
            push("runtime.goexit", "net/http.(*conn).serve", "net/http.(*response).finishRequest")
            switch roll([5, 1, 1]) {
            case 0:
                push("bufio.(*Writer).Flush", "net/http.(*chunkWriter).Write", "bufio.(*Writer).Write",
                     "bufio.(*Writer).Flush", "net/http.checkConnErrorWriter.Write")
                netWrite()
            case 1: push("net/http.(*chunkWriter).close")
            default: push("net/http.putBufioWriter", "sync.(*Pool).Put")
            }
        case 2:
            checkoutPrefix()
            push("net/http.(*response).Write", "net/http.(*response).write", "bufio.(*Writer).Write")
            switch roll([5, 2]) {
            case 0:
                push("net/http.(*chunkWriter).Write", "bufio.(*Writer).Write", "bufio.(*Writer).Flush",
                     "net/http.checkConnErrorWriter.Write")
                netWrite()
            default: push("runtime.memmove")
            }
        default:
            push("runtime.goexit", "net/http.(*connReader).backgroundRead")
            netRead()
        }
    }

    // MARK: HTTP client (inventory-service, payment-service)

    mutating func downstreamCall(inventory: Bool) {
        checkoutPrefix()
        if inventory {
            push("github.com/acme/checkout/internal/inventory.(*Client).Check")
        } else {
            push("github.com/acme/checkout/internal/payment.(*Client).Authorize")
        }
    }

    mutating func httpClientWork(inventoryShare: Double) {
        switch roll([5, 4, 2, 2]) {
        case 0:
            downstreamCall(inventory: rng.chance(inventoryShare))
            push("net/http.(*Client).Do", "net/http.(*Client).do", "net/http.(*Client).send", "net/http.send",
                 "net/http.(*Transport).RoundTrip", "net/http.(*Transport).roundTrip")
            switch roll([2, 4, 1, 1]) {
            case 0:
                push("net/http.(*Transport).getConn")
                maybeLeaf(0.7, ["net/http.(*Transport).queueForIdleConn", "runtime.selectgo", "context.(*cancelCtx).Done"])
            case 1:
                push("net/http.(*persistConn).roundTrip")
                switch roll([3, 1, 1]) {
                case 0: push("runtime.selectgo"); maybeLeaf(0.5, ["runtime.sellock", "runtime.gopark", "runtime.selunlock"])
                case 1: push("runtime.chansend1", "runtime.chansend")
                default: break
                }
            case 2: push("net/http.(*Request).Clone", "net/http.Header.Clone")
            default: push("net/http.setRequestCancel")
            }
        case 1:
            downstreamCall(inventory: rng.chance(inventoryShare))
            push("io.ReadAll")
            switch roll([5, 2]) {
            case 0:
                push("net/http.(*body).Read", "net/http.(*body).readLocked", "io.(*LimitedReader).Read", "bufio.(*Reader).Read")
                if rng.chance(0.6) {
                    push("net/http.(*persistConn).Read")
                    netRead()
                } else {
                    push("runtime.memmove")
                }
            default: push("runtime.memmove")
            }
        case 2:
            push("runtime.goexit", "net/http.(*persistConn).readLoop")
            switch roll([4, 2, 1]) {
            case 0: push("bufio.(*Reader).Peek", "bufio.(*Reader).fill", "net/http.(*persistConn).Read"); netRead()
            case 1: push("net/http.ReadResponse")
                    if rng.chance(0.6) {
                        push("net/textproto.(*Reader).ReadMIMEHeader", "net/textproto.readMIMEHeader")
                        maybeLeaf(0.5, ["net/textproto.canonicalMIMEHeaderKey", "bytes.IndexByte"])
                    } else {
                        push("net/http.readTransfer")
                    }
            default: push("runtime.selectgo")
            }
        default:
            push("runtime.goexit", "net/http.(*persistConn).writeLoop")
            switch roll([4, 1]) {
            case 0:
                push("net/http.(*Request).write")
                if rng.chance(0.6) {
                    push("bufio.(*Writer).Flush", "net/http.persistConnWriter.Write")
                    netWrite()
                } else {
                    push("net/http.Header.writeSubset")
                    maybeLeaf(0.5, ["strings.(*Replacer).WriteString", "net/http.Header.sortedKeyValues"])
                }
            default: push("runtime.selectgo")
            }
        }
    }

    // MARK: PostgreSQL via pgx

    mutating func storeCall() {
        checkoutPrefix()
        let site = rng.pick(weighted: [(5, "Orders).Get"), (4, "Orders).Lines"), (2, "Customers).Get"), (1.5, "Carts).Load"),
                                        (1, "Addresses).Default"), (1, "Promotions).Active"), (0.6, "Orders).Reserve")])
        push("github.com/acme/checkout/internal/store.(*" + site)
    }

    mutating func receiveMessage() {
        push("github.com/jackc/pgx/v5/pgconn.(*PgConn).receiveMessage", "github.com/jackc/pgx/v5/pgconn.(*PgConn).peekMessage",
             "github.com/jackc/pgx/v5/pgproto3.(*Frontend).Receive")
        switch roll([5, 2, 1]) {
        case 0:
            push("github.com/jackc/pgx/v5/pgproto3.(*chunkReader).Next",
                 "github.com/jackc/pgx/v5/pgconn/internal/bgreader.(*BGReader).Read")
            tlsRead()
        case 1: leaf(["github.com/jackc/pgx/v5/pgproto3.(*RowDescription).Decode", "github.com/jackc/pgx/v5/pgproto3.(*DataRow).Decode",
                      "github.com/jackc/pgx/v5/pgproto3.(*CommandComplete).Decode"])
        default: break
        }
    }

    /// Everything below `(*pgx.Conn).Query`: the only home of that frame.
    mutating func pgxQuery() {
        storeCall()
        push("github.com/jackc/pgx/v5/pgxpool.(*Pool).Query", "github.com/jackc/pgx/v5.(*Conn).Query")
        switch roll([1, 1, 1, 2, 10]) {
        case 0: break
        case 1: push("github.com/jackc/pgx/v5.(*Conn).getRows")
        case 2: push("github.com/jackc/pgx/v5/internal/stmtcache.(*LRUCache).Get")
        case 3:
            push("github.com/jackc/pgx/v5.(*ExtendedQueryBuilder).Build", "github.com/jackc/pgx/v5.(*ExtendedQueryBuilder).appendParam",
                 "github.com/jackc/pgx/v5/pgtype.(*Map).Encode")
            maybeLeaf(0.7, ["github.com/jackc/pgx/v5/pgtype.(*Map).PlanEncode", "github.com/jackc/pgx/v5/pgtype.encodePlanDriverValuer.Encode",
                            "github.com/jackc/pgx/v5/pgtype.(*encodePlanTextCodecString).Encode"])
        default:
            push("github.com/jackc/pgx/v5/pgconn.(*PgConn).ExecPrepared")
            switch roll([2, 3, 4]) {
            case 0:
                push("github.com/jackc/pgx/v5/pgconn.(*PgConn).execExtendedPrefix")
                leaf(["github.com/jackc/pgx/v5/pgproto3.(*Frontend).SendBind", "github.com/jackc/pgx/v5/pgproto3.(*Frontend).SendDescribe",
                      "github.com/jackc/pgx/v5/pgproto3.(*Frontend).SendExecute"])
                maybeLeaf(0.5, ["github.com/jackc/pgx/v5/pgproto3.(*Bind).Encode", "github.com/jackc/pgx/v5/internal/pgio.AppendInt32"])
            case 1:
                push("github.com/jackc/pgx/v5/pgconn.(*PgConn).execExtendedSuffix",
                     "github.com/jackc/pgx/v5/pgconn.(*PgConn).flushWithPotentialWriteReadDeadlock",
                     "github.com/jackc/pgx/v5/pgproto3.(*Frontend).Flush")
                tlsWrite()
            default:
                push("github.com/jackc/pgx/v5/pgconn.(*PgConn).execExtendedSuffix",
                     "github.com/jackc/pgx/v5/pgconn.(*ResultReader).readUntilRowDescription")
                receiveMessage()
            }
        }
    }

    /// Reading and scanning rows (outside `Query`).
    mutating func pgxRows() {
        storeCall()
        switch roll([4, 3, 1]) {
        case 0:
            push("github.com/jackc/pgx/v5.(*baseRows).Next", "github.com/jackc/pgx/v5/pgconn.(*ResultReader).NextRow")
            push("github.com/jackc/pgx/v5/pgconn.(*ResultReader).receiveMessage")
            receiveMessage()
        case 1:
            push("github.com/jackc/pgx/v5.(*baseRows).Scan")
            leaf(["github.com/jackc/pgx/v5/pgtype.(*Map).PlanScan", "github.com/jackc/pgx/v5/pgtype.scanPlanTextAnyToString.Scan",
                  "github.com/jackc/pgx/v5/pgtype.scanPlanBinaryInt8ToInt64Scanner.Scan",
                  "github.com/jackc/pgx/v5/pgtype.scanPlanBinaryNumericToNumericScanner.Scan",
                  "github.com/jackc/pgx/v5/pgtype.scanPlanBinaryTimestamptzToTimestamptzScanner.Scan"])
            maybeLeaf(0.3, ["github.com/jackc/pgx/v5/pgtype.(*Map).planScan", "encoding/binary.bigEndian.Uint64"])
        default:
            push("github.com/jackc/pgx/v5.(*baseRows).Close", "github.com/jackc/pgx/v5/pgconn.(*ResultReader).Close")
            if rng.chance(0.6) { push("github.com/jackc/pgx/v5/pgconn.(*ResultReader).receiveMessage"); receiveMessage() }
        }
    }
}
