/// Network, TLS, HTTP client/server and pgx call paths.
extension StackGrammar {
    mutating func syscallTail() {
        push("syscall.Syscall")
        switch roll([8, 2, 2]) {
        case 0: push("internal/runtime/syscall.Syscall6")
        case 1:
            push("runtime.entersyscall", "runtime.reentersyscall")
            maybeLeaf(0.6, ["runtime.save", "runtime.casgstatus", "runtime.traceAcquire"])
        default:
            push("runtime.exitsyscall")
            switch roll([3, 1, 1]) {
            case 0: push("runtime.exitsyscallfast")
                    maybeLeaf(0.5, ["runtime.exitsyscallfast_reacquired", "runtime.wirep", "runtime.exitsyscallfast_pidle"])
            case 1: push("runtime.casgstatus")
            default: break
            }
        }
    }

    mutating func netRead() {
        push("net.(*conn).Read", "net.(*netFD).Read", "internal/poll.(*FD).Read")
        switch roll([6, 2, 1, 1]) {
        case 0: push("internal/poll.ignoringEINTRIO", "syscall.Read", "syscall.read"); syscallTail()
        case 1: push("internal/poll.(*pollDesc).waitRead", "internal/poll.(*pollDesc).wait", "internal/poll.runtime_pollWait")
                if rng.chance(0.7) { push("runtime.netpollblock"); maybeLeaf(0.6, ["runtime.gopark", "runtime.netpollcheckerr"]) }
        case 2: push("internal/poll.(*FD).readLock", "internal/poll.(*fdMutex).rwlock")
        default: push("internal/poll.(*FD).readUnlock")
                 maybeLeaf(0.5, ["internal/poll.(*fdMutex).rwunlock"])
        }
    }

    mutating func netWrite() {
        push("net.(*conn).Write", "net.(*netFD).Write", "internal/poll.(*FD).Write")
        switch roll([8, 1, 1]) {
        case 0: push("internal/poll.ignoringEINTRIO", "syscall.Write", "syscall.write"); syscallTail()
        case 1: push("internal/poll.(*FD).writeLock", "internal/poll.(*fdMutex).rwlock")
        default: push("internal/poll.(*FD).writeUnlock")
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
            switch roll([3, 3, 1, 1, 1]) {
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
                    maybeLeaf(0.5, ["net/url.getScheme", "net/url.parseAuthority", "net/url.(*URL).setPath", "strings.Cut"])
            case 3: push("net/http.readRequest")
                    leaf(["net/http.parseRequestLine", "net/http.ParseHTTPVersion", "net/http.(*Request).ProtoAtLeast",
                          "net/http.readTransfer", "net/http.fixPragmaCacheControl", "net/textproto.(*Reader).ReadLine"])
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
        switch roll([5, 4, 2, 2, 1.2]) {
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
            case 0:
                push("bufio.(*Reader).Peek", "bufio.(*Reader).fill", "net/http.(*persistConn).Read")
                if rng.chance(0.4) { tlsRead() } else { netRead() }
            case 1: push("net/http.ReadResponse")
                    if rng.chance(0.6) {
                        push("net/textproto.(*Reader).ReadMIMEHeader", "net/textproto.readMIMEHeader")
                        maybeLeaf(0.5, ["net/textproto.canonicalMIMEHeaderKey", "bytes.IndexByte"])
                    } else {
                        push("net/http.readTransfer")
                    }
            default: push("runtime.selectgo")
            }
        case 3:
            push("runtime.goexit", "net/http.(*persistConn).writeLoop")
            switch roll([4, 1]) {
            case 0:
                push("net/http.(*Request).write")
                if rng.chance(0.6) {
                    push("bufio.(*Writer).Flush", "net/http.persistConnWriter.Write")
                    if rng.chance(0.4) { tlsWrite() } else { netWrite() }
                } else {
                    push("net/http.Header.writeSubset")
                    maybeLeaf(0.5, ["strings.(*Replacer).WriteString", "net/http.Header.sortedKeyValues"])
                }
            default: push("runtime.selectgo")
            }
        default:
            push("runtime.goexit", "net/http.(*Transport).dialConnFor", "net/http.(*Transport).dialConn")
            if rng.chance(0.7) {
                push("net/http.(*persistConn).addTLS.func2", "crypto/tls.(*Conn).HandshakeContext",
                     "crypto/tls.(*Conn).handshakeContext")
                tlsClientHandshake()
            } else {
                push("net/http.(*Transport).dial", "net.(*Dialer).DialContext", "net.(*sysDialer).dialSerial",
                     "net.(*sysDialer).dialSingle", "net.(*sysDialer).dialTCP", "net.(*sysDialer).doDialTCPProto",
                     "net.internetSocket", "net.socket")
                switch roll([3, 2, 1]) {
                case 0: push("net.(*netFD).dial", "net.(*netFD).connect")
                        if rng.chance(0.6) { push("syscall.Connect", "syscall.connect", "syscall.RawSyscall6") }
                case 1: push("net.sysSocket", "syscall.Socket", "syscall.socket", "syscall.RawSyscall")
                default: push("net.(*netFD).init", "internal/poll.(*FD).Init", "internal/poll.(*pollDesc).init",
                              "internal/poll.runtime_pollOpen")
                }
            }
        }
    }

    /// A TLS 1.3 client handshake (new connections to payment-service).
    mutating func tlsClientHandshake() {
        push("crypto/tls.(*Conn).clientHandshake")
        switch roll([1, 6]) {
        case 0:
            push("crypto/tls.(*Conn).makeClientHello")
            switch roll([2, 1]) {
            case 0: push("crypto/ecdh.(*nistCurve).GenerateKey")
                    maybeLeaf(0.7, ["crypto/internal/nistec.(*P256Point).ScalarBaseMult", "crypto/internal/nistec.p256Select"])
            default: push("crypto/ecdh.x25519Curve.GenerateKey", "crypto/internal/edwards25519/field.(*Element).Square")
            }
            return
        default:
            push("crypto/tls.(*clientHandshakeStateTLS13).handshake")
        }
        switch roll([4, 2, 2, 2, 1]) {
        case 0:
            push("crypto/tls.(*clientHandshakeStateTLS13).readServerCertificate")
            switch roll([3, 2, 2]) {
            case 0:
                push("crypto/tls.(*Conn).verifyServerCertificate", "crypto/x509.(*Certificate).Verify",
                     "crypto/x509.(*Certificate).buildChains")
                switch roll([2, 2, 1]) {
                case 0: push("crypto/x509.(*Certificate).CheckSignatureFrom", "crypto/x509.checkSignature",
                             "crypto/ecdsa.VerifyASN1", "crypto/ecdsa.verifyNISTEC[...]")
                        maybeLeaf(0.8, ["crypto/internal/nistec.(*P256Point).ScalarMult", "crypto/internal/nistec.p256Sqr",
                                        "crypto/internal/nistec.p256Mul", "crypto/internal/nistec.p256PointAddAsm"])
                case 1: push("crypto/x509.(*CertPool).findPotentialParents")
                        maybeLeaf(0.5, ["bytes.Equal", "crypto/x509.(*CertPool).cert"])
                default: push("crypto/x509.(*Certificate).isValid")
                        maybeLeaf(0.5, ["crypto/x509.matchHostnames", "strings.Split"])
                }
            case 1:
                push("crypto/tls.(*Conn).verifyServerCertificate", "crypto/x509.ParseCertificate", "crypto/x509.parseCertificate")
                maybeLeaf(0.7, ["crypto/x509.parseExtensions", "crypto/x509.parsePublicKey", "vendor/golang.org/x/crypto/cryptobyte.(*String).ReadASN1",
                                "crypto/x509.parseName"])
            default:
                push("crypto/tls.verifyHandshakeSignature", "crypto/ecdsa.VerifyASN1", "crypto/ecdsa.verifyNISTEC[...]")
                maybeLeaf(0.8, ["crypto/internal/nistec.(*P256Point).ScalarBaseMult", "crypto/internal/nistec.(*P256Point).ScalarMult",
                                "crypto/internal/nistec.p256OrdSqr"])
            }
        case 1:
            push("crypto/tls.(*clientHandshakeStateTLS13).establishHandshakeKeys")
            switch roll([3, 2]) {
            case 0: push("crypto/ecdh.(*PrivateKey).ECDH", "crypto/ecdh.(*nistCurve).ecdh")
                    maybeLeaf(0.8, ["crypto/internal/nistec.(*P256Point).ScalarMult", "crypto/internal/nistec.p256Sqr",
                                    "crypto/internal/nistec.p256Mul"])
            default: push("crypto/tls.(*cipherSuiteTLS13).deriveSecret", "crypto/tls.(*cipherSuiteTLS13).expandLabel",
                          "golang.org/x/crypto/hkdf.(*hkdf).Read")
                    maybeLeaf(0.6, ["crypto/hmac.(*hmac).Sum", "crypto/sha256.(*digest).Write", "crypto/sha256.block"])
            }
        case 2:
            push("crypto/tls.(*clientHandshakeStateTLS13).readServerFinished")
            maybeLeaf(0.6, ["crypto/tls.(*cipherSuiteTLS13).finishedHash", "crypto/hmac.Equal", "crypto/tls.(*Conn).readHandshake"])
        case 3:
            push("crypto/tls.(*Conn).readHandshake")
            switch roll([2, 1]) {
            case 0: push("crypto/tls.(*Conn).readRecord", "crypto/tls.(*Conn).readRecordOrCCS")
                    if rng.chance(0.5) { push("crypto/tls.(*halfConn).decrypt", "crypto/aes.(*gcmAsm).Open") }
                    else { push("crypto/tls.(*Conn).readFromUntil", "bytes.(*Buffer).ReadFrom", "crypto/tls.(*atLeastReader).Read"); netRead() }
            default: push("crypto/tls.(*certificateMsgTLS13).unmarshal")
            }
        default:
            push("crypto/tls.(*clientHandshakeStateTLS13).sendClientFinished")
            if rng.chance(0.6) { push("crypto/tls.(*Conn).flush", "net.(*conn).Write", "net.(*netFD).Write", "internal/poll.(*FD).Write",
                                      "internal/poll.ignoringEINTRIO", "syscall.Write", "syscall.write"); syscallTail() }
        }
    }

    // MARK: PostgreSQL via pgx

    mutating func storeCall() {
        checkoutPrefix()
        let site = rng.pick(weighted: [(5, "Orders).Get"), (4, "Orders).Lines"), (2, "Customers).Get"), (1.5, "Carts).Load")])
        push("github.com/acme/checkout/internal/store.(*" + site)
    }

    mutating func receiveMessage() {
        push("github.com/jackc/pgx/v5/pgconn.(*PgConn).receiveMessage", "github.com/jackc/pgx/v5/pgproto3.(*Frontend).Receive")
        switch roll([5, 2, 1]) {
        case 0:
            push("github.com/jackc/pgx/v5/pgproto3.(*chunkReader).Next")
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
