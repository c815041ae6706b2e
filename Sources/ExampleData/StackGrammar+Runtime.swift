/// Go runtime call paths: GC workers, sweeping, scheduling, allocation internals.
extension StackGrammar {
    static let markWorkerModes = ["runtime.gcDrainMarkWorkerDedicated", "runtime.gcDrainMarkWorkerIdle",
                                  "runtime.gcDrainMarkWorkerFractional"]

    mutating func markWorkerPrefix() {
        push("runtime.goexit", "runtime.gcBgMarkWorker", "runtime.systemstack", "runtime.gcBgMarkWorker.func2")
        push(Self.markWorkerModes[roll([6, 3, 1])])
        push("runtime.gcDrain")
    }

    /// Background mark workers scanning heap objects: the only home of `runtime.scanobject`.
    mutating func gcScanObject() {
        markWorkerPrefix()
        push("runtime.scanobject")
        switch roll([9, 6, 5, 4, 3, 3, 2, 2, 2, 1]) {
        case 0: break
        case 1:
            push("runtime.greyobject")
            maybeLeaf(0.45, ["runtime.(*gcWork).putFast", "runtime.(*gcBits).bytep", "runtime.markBits.setMarked",
                             "runtime.(*mspan).objIndex", "runtime.pageIndexOf"])
        case 2:
            push("runtime.findObject")
            maybeLeaf(0.5, ["runtime.spanOf", "runtime.(*mspan).objIndex", "runtime.spanOfHeap"])
        case 3:
            push("runtime.typePointers.next")
            maybeLeaf(0.3, ["runtime.typePointers.nextFast", "runtime.(*mspan).heapBitsSmallForAddr"])
        case 4: push("runtime.(*mspan).typePointersOfUnchecked")
        case 5: push("runtime.typePointers.nextFast")
        case 6: push("runtime.spanOfUnchecked")
        case 7: push("runtime.(*mspan).base")
        case 8:
            push("runtime.greyobject", "runtime.(*gcWork).put")
            maybeLeaf(0.6, ["runtime.getempty", "runtime.putfull", "runtime.(*lfstack).push"])
        default: push("runtime.(*gcWork).tryGetFast")
        }
    }

    /// GC work that is not object scanning: roots, stacks, sweeping, scavenging.
    mutating func gcOther() {
        switch roll([5, 3, 2, 1]) {
        case 0:
            markWorkerPrefix()
            switch roll([6, 2, 1, 1]) {
            case 0:
                push("runtime.markroot")
                switch roll([3, 4, 1, 1]) {
                case 0:
                    push("runtime.markrootBlock", "runtime.scanblock")
                    maybeLeaf(0.6, ["runtime.greyobject", "runtime.findObject", "runtime.spanOfHeap"])
                case 1:
                    push("runtime.markroot.func1", "runtime.scanstack")
                    switch roll([4, 2, 1]) {
                    case 0:
                        push("runtime.scanframeworker")
                        switch roll([3, 2, 2, 1]) {
                        case 0: push("runtime.getStackMap", "runtime.pcdatavalue", "runtime.pcvalue")
                                maybeLeaf(0.6, ["runtime.step", "runtime.readvarint"])
                        case 1: push("runtime.scanblock"); maybeLeaf(0.5, ["runtime.greyobject", "runtime.findObject"])
                        case 2: push("runtime.funcInfo.entry")
                        default: break
                        }
                    case 1:
                        push("runtime.(*unwinder).next")
                        maybeLeaf(0.7, ["runtime.findfunc", "runtime.funcInfo.entry", "runtime.(*unwinder).resolveInternal"])
                    default: push("runtime.(*unwinder).initAt")
                    }
                case 2: push("runtime.markrootSpans"); maybeLeaf(0.5, ["runtime.(*specialsIter).next", "runtime.spanHasSpecials"])
                default: push("runtime.markrootFreeGStacks")
                }
            case 1: push("runtime.(*gcWork).balance"); maybeLeaf(0.5, ["runtime.handoff", "runtime.(*lfstack).push"])
            case 2: push("runtime.wbBufFlush", "runtime.wbBufFlush1"); maybeLeaf(0.6, ["runtime.findObject", "runtime.greyobject"])
            default: push("runtime.(*gcWork).tryGet", "runtime.trygetfull")
            }
        case 1:
            push("runtime.goexit", "runtime.bgsweep", "runtime.sweepone")
            switch roll([5, 2, 1]) {
            case 0:
                push("runtime.(*sweepLocked).sweep")
                maybeLeaf(0.65, ["runtime.(*mspan).countAlloc", "runtime.(*gcBits).bytep", "runtime.(*mheap).freeSpan",
                                 "runtime.(*spanSet).push", "runtime.(*mspan).refillAllocCache", "runtime.newMarkBits"])
            case 1: push("runtime.(*spanSet).pop")
            default: push("runtime.(*mheap).nextSpanForSweep")
            }
        case 2:
            push("runtime.goexit", "runtime.bgscavenge", "runtime.(*scavengerState).run")
            if rng.chance(0.7) {
                push("runtime.(*pageAlloc).scavenge", "runtime.systemstack", "runtime.(*pageAlloc).scavenge.func1",
                     "runtime.(*pageAlloc).scavengeOne")
                if rng.chance(0.6) { push("runtime.sysUnused", "runtime.sysUnusedOS", "runtime.madvise") }
            } else {
                push("runtime.(*scavengerState).sleep")
            }
        default:
            push("runtime.mstart", "runtime.mstart0", "runtime.mstart1", "runtime.schedule", "runtime.findRunnable")
            leaf(["runtime.gcstopm", "runtime.(*gcControllerState).findRunnableGCWorker", "runtime.gcMarkWorkAvailable"])
        }
    }

    /// The scheduler, sysmon, stack growth and signal handling.
    mutating func scheduler() {
        switch roll([10, 2, 1, 1]) {
        case 0:
            push("runtime.mcall")
            leaf(["runtime.park_m", "runtime.park_m", "runtime.park_m", "runtime.goexit0", "runtime.gosched_m", "runtime.preemptPark"])
            if frames.last == "runtime.gosched_m" { push("runtime.goschedImpl") }
            push("runtime.schedule")
            switch roll([8, 2, 2, 1]) {
            case 0:
                push("runtime.findRunnable")
                switch roll([4, 3, 3, 1, 1, 1]) {
                case 0: push("runtime.netpoll", "runtime.epollwait")
                case 1:
                    push("runtime.stealWork")
                    switch roll([3, 2, 1]) {
                    case 0: push("runtime.runqsteal", "runtime.runqgrab"); maybeLeaf(0.3, ["runtime.usleep"])
                    case 1: push("runtime.checkTimers", "runtime.(*timers).run", "runtime.(*timers).unlockAndRun")
                            maybeLeaf(0.5, ["time.sendTime", "runtime.goroutineReady", "runtime.ready"])
                    default: push("runtime.(*randomEnum).next")
                    }
                case 2: push("runtime.stopm", "runtime.mPark", "runtime.notesleep", "runtime.futexsleep", "runtime.futex")
                case 3: push("runtime.runqget")
                case 4: push("runtime.globrunqget")
                default: break
                }
            case 1: push("runtime.execute"); maybeLeaf(0.6, ["runtime.casgstatus", "runtime.gogo"])
            case 2: push("runtime.resetspinning", "runtime.wakep", "runtime.startm", "runtime.notewakeup",
                         "runtime.futexwakeup", "runtime.futex")
            default: break
            }
        case 1:
            push("runtime.mstart", "runtime.mstart0", "runtime.mstart1", "runtime.sysmon")
            switch roll([4, 2, 1, 1]) {
            case 0: push("runtime.usleep")
            case 1: push("runtime.netpoll", "runtime.epollwait")
            case 2: push("runtime.retake"); maybeLeaf(0.5, ["runtime.preemptone", "runtime.handoffp"])
            default: push("runtime.nanotime")
            }
        case 2:
            push("runtime.morestack", "runtime.newstack")
            if rng.chance(0.7) {
                push("runtime.copystack")
                maybeLeaf(0.7, ["runtime.adjustframe", "runtime.memmove", "runtime.(*unwinder).next", "runtime.adjustpointers",
                                "runtime.stackalloc"])
            }
        default:
            push("runtime.sigtramp", "runtime.sigtrampgo", "runtime.sighandler")
            maybeLeaf(0.7, ["runtime.doSigPreempt", "runtime.sigprofNonGoPC", "runtime.sigprof"])
        }
    }

    /// The allocator below `runtime.mallocgc` (frames never include scanobject).
    mutating func mallocgcSubtree(large: Bool) {
        push("runtime.mallocgc")
        if large && rng.chance(0.7) {
            push("runtime.mallocgcLarge")
            switch roll([3, 3, 1]) {
            case 0:
                push("runtime.(*mcache).allocLarge", "runtime.(*mheap).alloc", "runtime.systemstack",
                     "runtime.(*mheap).alloc.func1", "runtime.(*mheap).allocSpan")
                maybeLeaf(0.5, ["runtime.(*pageAlloc).alloc", "runtime.(*mheap).initSpan", "runtime.(*pageAlloc).allocRange",
                                "runtime.(*fixalloc).alloc"])
            case 1: push("runtime.memclrNoHeapPointersChunked", "runtime.memclrNoHeapPointers")
            default: break
            }
            return
        }
        switch roll([3, 5, 4, 1, 1]) {
        case 0: break
        case 1:
            push("runtime.mallocgcSmallNoscan")
            allocFastPath()
        case 2:
            push("runtime.mallocgcSmallScanNoHeader")
            if rng.chance(0.35) {
                push("runtime.heapSetTypeNoHeader")
                maybeLeaf(0.6, ["runtime.(*mspan).writeHeapBitsSmall", "runtime.readUintptr"])
            } else {
                allocFastPath()
            }
        case 3:
            push("runtime.mallocgcTiny")
            allocFastPath()
        default:
            push("runtime.deductAssistCredit", "runtime.gcAssistAlloc")
            if rng.chance(0.6) {
                push("runtime.systemstack", "runtime.gcAssistAlloc.func1", "runtime.gcAssistAlloc1", "runtime.gcDrainN")
                switch roll([3, 2, 1]) {
                case 0: push("runtime.markroot", "runtime.markrootBlock", "runtime.scanblock")
                case 1: push("runtime.(*gcWork).tryGetFast")
                default: break
                }
            } else {
                push("runtime.gcParkAssist")
            }
        }
    }

    private mutating func allocFastPath() {
        switch roll([4, 3, 2, 1, 1]) {
        case 0: break
        case 1: push("runtime.nextFreeFast")
        case 2:
            push("runtime.(*mcache).nextFree", "runtime.(*mcache).refill")
            if rng.chance(0.7) {
                push("runtime.(*mcentral).cacheSpan")
                switch roll([3, 2, 1]) {
                case 0:
                    push("runtime.(*mcentral).grow", "runtime.(*mheap).alloc", "runtime.systemstack",
                         "runtime.(*mheap).alloc.func1", "runtime.(*mheap).allocSpan")
                case 1: push("runtime.(*spanSet).pop")
                default: push("runtime.(*sweepLocked).sweep")
                }
            }
        case 3: push("runtime.memclrNoHeapPointers")
        default: push("runtime.publicationBarrier")
        }
    }
}
