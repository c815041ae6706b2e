/// search-service's own call paths (Go net/http, database/sql with lib/pq, an OpenSearch
/// client), for the /search example's CPU profiles. The runtime, network and `encoding/json`
/// walks are shared with the checkout grammar.
///
/// Frame homes, so the manifest's frame groups measure what they say: `database/sql.(*DB).QueryContext`
/// is only reached through `searchQuery`, `database/sql.(*Rows).Next/Scan/Close` only through
/// `searchRows`, `related.(*Loader).ForResults` only under the v1.52.0 loader, and
/// `rank.(*Ranker).Score` only through `searchRanking`.
extension StackGrammar {
    static let searchHandler = "github.com/acme/search/internal/handlers.(*Search).ServeHTTP"
    static let searchService = "github.com/acme/search/internal/search.(*Service).Search"
    static let relatedLoader = "github.com/acme/search/internal/related.(*Loader).ForResults"

    /// From the goroutine root down to `(*Service).Search`.
    mutating func searchPrefix() {
        push("runtime.goexit", "net/http.(*conn).serve", "net/http.serverHandler.ServeHTTP", "net/http.(*ServeMux).ServeHTTP",
             Self.searchHandler, Self.searchService)
    }

    /// Where a database call comes from: the batched items load, or (v1.52.0) the per-row
    /// related-items lookup.
    mutating func searchStoreCall(relatedShare: Double) {
        searchPrefix()
        push("github.com/acme/search/internal/search.(*Service).hydrate")
        if rng.chance(relatedShare) {
            push(Self.relatedLoader, "github.com/acme/search/internal/related.(*Store).ForItem")
        } else {
            push("github.com/acme/search/internal/store.(*Items).Load")
        }
    }

    /// `(*DB).QueryContext` and everything below it, lib/pq's `(*conn).query` included.
    mutating func searchQuery(relatedShare: Double) {
        searchStoreCall(relatedShare: relatedShare)
        push("database/sql.(*DB).QueryContext", "database/sql.(*DB).retry", "database/sql.(*DB).QueryContext.func1",
             "database/sql.(*DB).query")
        switch roll([2, 1.2, 10]) {
        case 0:
            push("database/sql.(*DB).conn")
            switch roll([3, 2, 1, 1]) {
            case 0: push("sync.(*Mutex).Lock", "sync.(*Mutex).lockSlow")
                    maybeLeaf(0.6, ["runtime.semacquire1", "runtime.procyield", "sync.runtime_SemacquireMutex"])
            case 1: push("runtime.selectgo"); maybeLeaf(0.5, ["runtime.sellock", "runtime.gopark"])
            case 2: push("database/sql.(*driverConn).expired", "time.Now")
            default: push("database/sql.(*DB).putConnDBLocked")
            }
        case 1:
            push("database/sql.(*DB).queryDC")
            switch roll([2, 1]) {
            case 0: push("database/sql.driverArgsConnLocked", "database/sql.defaultCheckNamedValue",
                         "database/sql/driver.defaultConverter.ConvertValue")
            default: push("database/sql.(*Rows).initContextClose", "context.WithCancel")
                     maybeLeaf(0.5, ["context.(*cancelCtx).propagateCancel", "runtime.newproc"])
            }
        default:
            push("database/sql.(*DB).queryDC", "database/sql.withLock", "database/sql.(*DB).queryDC.func1",
                 "database/sql.ctxDriverQuery", "github.com/lib/pq.(*conn).QueryContext")
            if rng.chance(0.12) {
                push("github.com/lib/pq.(*conn).watchCancel")
                maybeLeaf(0.6, ["runtime.newproc", "context.(*cancelCtx).Done"])
                return
            }
            push("github.com/lib/pq.(*conn).query")
            pqQuery()
        }
    }

    /// Below lib/pq's `(*conn).query`: prepare the unnamed statement, bind, execute, read the header.
    mutating func pqQuery() {
        switch roll([3, 3, 2, 2, 1]) {
        case 0:
            push("github.com/lib/pq.(*conn).prepareTo")
            switch roll([2, 3, 3]) {
            case 0: push("github.com/lib/pq.(*writeBuf).string")
            case 1: push("github.com/lib/pq.(*conn).send"); pqWrite()
            default: push("github.com/lib/pq.(*conn).readParseResponse"); pqReceive()
            }
        case 1:
            push("github.com/lib/pq.(*conn).prepareTo", "github.com/lib/pq.(*conn).readStatementDescribeResponse")
            if rng.chance(0.4) { push("github.com/lib/pq.parseStatementRowDescribe") } else { pqReceive() }
        case 2:
            push("github.com/lib/pq.(*stmt).exec")
            switch roll([2, 3]) {
            case 0: push("github.com/lib/pq.encode")
                    maybeLeaf(0.6, ["strconv.AppendInt", "github.com/lib/pq.(*writeBuf).int32", "github.com/lib/pq.(*writeBuf).bytes"])
            default: push("github.com/lib/pq.(*conn).send"); pqWrite()
            }
        case 3:
            push("github.com/lib/pq.(*stmt).exec", "github.com/lib/pq.(*conn).readBindResponse")
            pqReceive()
        default:
            push("github.com/lib/pq.(*conn).postExecuteWorkaround")
            pqReceive()
        }
    }

    /// lib/pq reading one backend message.
    mutating func pqReceive() {
        push("github.com/lib/pq.(*conn).recv1", "github.com/lib/pq.(*conn).recvMessage")
        switch roll([5, 1]) {
        case 0: push("io.ReadFull", "io.ReadAtLeast", "bufio.(*Reader).Read"); pqRead()
        default: push("github.com/lib/pq.(*readBuf).int32")
        }
    }

    /// A read from the PostgreSQL socket (plain TCP inside the cluster).
    mutating func pqRead() {
        push("net.(*conn).Read", "net.(*netFD).Read", "internal/poll.(*FD).Read")
        switch roll([5, 2]) {
        case 0: push("internal/poll.ignoringEINTRIO", "syscall.Read", "syscall.read", "syscall.Syscall")
                maybeLeaf(0.5, ["internal/runtime/syscall.Syscall6", "runtime.exitsyscall"])
        default: push("internal/poll.(*pollDesc).waitRead", "internal/poll.runtime_pollWait")
                 maybeLeaf(0.5, ["runtime.netpollblock"])
        }
    }

    /// A write to the PostgreSQL socket.
    mutating func pqWrite() {
        push("net.(*conn).Write", "net.(*netFD).Write", "internal/poll.(*FD).Write", "internal/poll.ignoringEINTRIO",
             "syscall.Write", "syscall.write", "syscall.Syscall")
        maybeLeaf(0.6, ["internal/runtime/syscall.Syscall6", "runtime.entersyscall", "runtime.exitsyscall"])
    }

    /// Iterating the result set: `(*Rows).Next`, `Scan` and `Close`.
    mutating func searchRows(relatedShare: Double) {
        searchStoreCall(relatedShare: relatedShare)
        switch roll([5, 3, 2]) {
        case 0:
            push("database/sql.(*Rows).Next", "database/sql.withLock", "database/sql.(*Rows).Next.func1",
                 "database/sql.(*Rows).nextLocked", "github.com/lib/pq.(*rows).Next")
            switch roll([3, 2, 1]) {
            case 0: push("github.com/lib/pq.(*conn).recvMessage", "io.ReadFull", "io.ReadAtLeast", "bufio.(*Reader).Read")
                    pqRead()
            case 1: push("github.com/lib/pq.decode", "github.com/lib/pq.textDecode")
                    leaf(["strconv.ParseInt", "strconv.ParseFloat", "github.com/lib/pq.parseTs", "runtime.slicebytetostring"])
            default: push("github.com/lib/pq.(*readBuf).int32")
            }
        case 1:
            push("database/sql.(*Rows).Scan", "database/sql.convertAssignRows")
            switch roll([3, 2, 1]) {
            case 0: push("runtime.slicebytetostring"); mallocgcSubtree(large: false)
            case 1: leaf(["strconv.ParseFloat", "strconv.ParseInt", "reflect.Value.SetString"])
            default: push("database/sql.asString")
            }
        default:
            push("database/sql.(*Rows).Close", "database/sql.(*Rows).close")
            switch roll([2, 2, 1]) {
            case 0: push("github.com/lib/pq.(*rows).Close", "github.com/lib/pq.(*rows).Next", "github.com/lib/pq.(*conn).recvMessage")
                    maybeLeaf(0.5, ["bufio.(*Reader).Read", "io.ReadFull"])
            case 1: push("database/sql.(*driverConn).releaseConn", "database/sql.(*DB).putConn")
                    maybeLeaf(0.6, ["database/sql.(*DB).putConnDBLocked", "sync.(*Mutex).Lock"])
            default: push("context.(*cancelCtx).cancel")
            }
        }
    }

    /// Goroutines database/sql and lib/pq start per query (outside the request's stack).
    mutating func searchDatabaseBackground() {
        switch roll([3, 2, 1]) {
        case 0: push("runtime.goexit", "github.com/lib/pq.(*conn).watchCancel.func1", "runtime.selectgo")
                maybeLeaf(0.5, ["runtime.sellock", "runtime.selunlock", "runtime.gopark"])
        case 1: push("runtime.goexit", "database/sql.(*Rows).awaitDone", "runtime.selectgo")
                maybeLeaf(0.5, ["runtime.sellock", "runtime.gopark"])
        default: push("runtime.goexit", "database/sql.(*DB).connectionOpener", "runtime.selectgo")
        }
    }

    /// The related-items loader's own work (v1.52.0): looping over rows, merging the results.
    mutating func relatedSelf() {
        searchPrefix()
        push("github.com/acme/search/internal/search.(*Service).hydrate", Self.relatedLoader)
        switch roll([3, 2, 2, 1]) {
        case 0: break
        case 1: push("runtime.mapassign_fast64"); maybeLeaf(0.4, ["runtime.growWork_fast64", "runtime.memhash64"])
        case 2: push("github.com/acme/search/internal/related.(*Store).ForItem")
        default: push("runtime.growslice"); mallocgcSubtree(large: false)
        }
    }

    /// `hydrate` outside the database: mapping items onto hits.
    mutating func hydrateSelf() {
        searchPrefix()
        push("github.com/acme/search/internal/search.(*Service).hydrate")
        switch roll([2, 2, 1]) {
        case 0: break
        case 1: push("runtime.mapaccess2_fast64")
        default: push("github.com/acme/search/internal/search.mergeHit")
        }
    }

    /// The OpenSearch round trip: building and sending the request, reading the body.
    mutating func indexClient() {
        if rng.chance(0.2) {
            push("runtime.goexit", "net/http.(*persistConn).writeLoop", "net/http.(*Request).write",
                 "bufio.(*Writer).Flush", "net/http.persistConnWriter.Write")
            netWrite()
            return
        }
        searchPrefix()
        push("github.com/acme/search/internal/index.(*Client).Query",
             "github.com/opensearch-project/opensearch-go/v2.(*Client).Perform")
        switch roll([3, 3, 2]) {
        case 0:
            push("net/http.(*Client).Do", "net/http.(*Client).do", "net/http.(*Client).send", "net/http.send",
                 "net/http.(*Transport).RoundTrip", "net/http.(*Transport).roundTrip")
            switch roll([2, 3]) {
            case 0: push("net/http.(*Transport).getConn")
                    maybeLeaf(0.6, ["net/http.(*Transport).queueForIdleConn", "runtime.selectgo"])
            default: push("net/http.(*persistConn).roundTrip", "runtime.selectgo")
            }
        case 1:
            push("io.ReadAll", "net/http.(*body).Read", "net/http.(*body).readLocked", "bufio.(*Reader).Read",
                 "net/http.(*persistConn).Read")
            netRead()
        default:
            push("github.com/opensearch-project/opensearch-go/v2/opensearchtransport.(*Client).Perform",
                 "github.com/opensearch-project/opensearch-go/v2/opensearchtransport.(*Client).setReqURL")
            maybeLeaf(0.5, ["net/url.(*URL).String", "strings.(*Builder).WriteString"])
        }
    }

    /// Decoding the OpenSearch hits.
    mutating func indexDecode(end: DecodeEnd) {
        searchPrefix()
        push("github.com/acme/search/internal/index.(*Client).Query")
        decoderDecode(SearchShapes.indexResponse, end: end)
    }

    /// Scoring and sorting hits: the only home of `rank.(*Ranker).Score`.
    mutating func searchRanking() {
        searchPrefix()
        push("github.com/acme/search/internal/rank.(*Ranker).Score")
        switch roll([4, 3, 2, 2, 1]) {
        case 0: push("github.com/acme/search/internal/rank.bm25Boost")
                maybeLeaf(0.5, ["math.Log", "math.log"])
        case 1: push("github.com/acme/search/internal/rank.(*Ranker).personalise", "runtime.mapaccess2_faststr")
                maybeLeaf(0.4, ["runtime.memequal", "runtime.aeshashbody"])
        case 2: push("slices.SortFunc[...]", "slices.pdqsortCmpFunc[...]")
                maybeLeaf(0.6, ["slices.insertionSortCmpFunc[...]", "slices.partitionCmpFunc[...]",
                                "github.com/acme/search/internal/rank.byScore"])
        case 3: push("github.com/acme/search/internal/rank.freshness", "time.Time.Sub")
        default: break
        }
    }

    /// Writing the response.
    mutating func searchRender() {
        searchPrefix()
        push("github.com/acme/search/internal/handlers.writeJSON")
        marshal(SearchShapes.response)
    }

    /// Parsing the query string.
    mutating func queryParse() {
        searchPrefix()
        push("github.com/acme/search/internal/query.Parse")
        switch roll([3, 2, 2, 1]) {
        case 0: push("github.com/acme/search/internal/query.tokenize")
                maybeLeaf(0.6, ["unicode.IsLetter", "unicode/utf8.DecodeRuneInString", "strings.ToLower"])
        case 1: push("github.com/acme/search/internal/query.(*Synonyms).Expand", "runtime.mapaccess2_faststr")
        case 2: push("net/url.ParseQuery", "net/url.parseQuery")
                maybeLeaf(0.5, ["net/url.unescape", "strings.Cut"])
        default: break
        }
    }

    /// Allocation outside the database and the related-items loader.
    mutating func searchAllocation() {
        switch roll([3, 2, 1, 1]) {
        case 0:
            indexDecode(end: .allocation)
        case 1:
            searchPrefix()
            push("github.com/acme/search/internal/search.(*Service).hydrate", "github.com/acme/search/internal/search.mergeHit")
            leaf(["runtime.newobject", "runtime.growslice", "runtime.makemap_small"])
            mallocgcSubtree(large: false)
        case 2:
            searchPrefix()
            push("github.com/acme/search/internal/rank.(*Ranker).Rank", "runtime.makeslice")
            mallocgcSubtree(large: false)
        default:
            push("runtime.goexit", "net/http.(*conn).serve", "net/http.(*conn).readRequest", "net/http.readRequest",
                 "net/textproto.(*Reader).ReadMIMEHeader", "runtime.makemap")
            mallocgcSubtree(large: false)
        }
    }

    /// The HTTP server around the handler: reading requests, flushing responses.
    mutating func searchHTTPServer() {
        switch roll([4, 3, 2]) {
        case 0:
            push("runtime.goexit", "net/http.(*conn).serve", "net/http.(*conn).readRequest", "net/http.readRequest")
            switch roll([3, 2, 1]) {
            case 0: push("net/textproto.(*Reader).ReadMIMEHeader", "net/textproto.readMIMEHeader")
                    maybeLeaf(0.6, ["net/textproto.canonicalMIMEHeaderKey", "bytes.IndexByte"])
            case 1: push("bufio.(*Reader).ReadLine", "bufio.(*Reader).ReadSlice", "bufio.(*Reader).fill",
                         "net/http.(*connReader).Read")
                    netRead()
            default: push("net/url.ParseRequestURI", "net/url.parse")
            }
        case 1:
            push("runtime.goexit", "net/http.(*conn).serve", "net/http.(*response).finishRequest",
                 "bufio.(*Writer).Flush", "net/http.checkConnErrorWriter.Write")
            netWrite()
        default:
            push("runtime.goexit", "net/http.(*connReader).backgroundRead")
            netRead()
        }
    }

    /// Structured logging with zap.
    mutating func searchLogging() {
        searchPrefix()
        push("go.uber.org/zap.(*Logger).Info", "go.uber.org/zap/zapcore.(*CheckedEntry).Write",
             "go.uber.org/zap/zapcore.(*ioCore).Write")
        switch roll([3, 2, 1]) {
        case 0: push("go.uber.org/zap/zapcore.(*jsonEncoder).EncodeEntry")
                maybeLeaf(0.6, ["go.uber.org/zap/zapcore.(*jsonEncoder).AppendString", "go.uber.org/zap/buffer.(*Buffer).AppendString",
                                "time.Time.AppendFormat"])
        case 1: push("go.uber.org/zap/zapcore.(*lockedWriteSyncer).Write", "os.(*File).Write", "internal/poll.(*FD).Write",
                     "internal/poll.ignoringEINTRIO", "syscall.Write", "syscall.write")
                syscallTail()
        default: push("go.uber.org/zap/zapcore.(*jsonEncoder).Clone", "sync.(*Pool).Get")
        }
    }

    /// Everything else a busy Go process does.
    mutating func searchMisc() {
        switch roll([3, 2, 2, 1]) {
        case 0:
            push("runtime.goexit", "github.com/prometheus/client_golang/prometheus.(*Registry).Gather.func1",
                 "github.com/prometheus/client_golang/prometheus.(*goCollector).Collect")
            maybeLeaf(0.6, ["runtime/metrics.Read", "runtime.readMetrics"])
        case 1:
            push("runtime.goexit", "go.opentelemetry.io/otel/sdk/trace.(*batchSpanProcessor).processQueue")
            maybeLeaf(0.6, ["go.opentelemetry.io/otel/sdk/trace.(*batchSpanProcessor).exportSpans", "runtime.selectgo"])
        case 2:
            push("runtime.goexit", "github.com/acme/search/internal/flags.(*Client).poll")
            maybeLeaf(0.5, ["encoding/json.Unmarshal", "time.Sleep"])
        default:
            push("runtime.goexit", "runtime.runfinq")
        }
    }
}

/// The JSON shapes search-service decodes and encodes.
enum SearchShapes {
    /// The OpenSearch `_search` answer as the client decodes it: the hits with id, score and the
    /// few stored fields the index returns.
    static let indexResponse: JSONShape = .object([(1, .int), (20, .array(.object([(2, .string), (1, .float), (2, .string)])))])

    /// The /search response: results with their items (and, in v1.52.0, related ids), facets, paging.
    static let response: JSONShape = .pointer(.object([
        (1, .int), (12, .array(.object([(3, .string), (1, .float), (2, .array(.string))]))),
    ]))
}
