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
        switch roll([9, 6, 5, 4, 3, 3, 2, 2, 2, 1, 1, 1]) {
        case 0: break
        case 1:
            push("runtime.greyobject")
            switch roll([3, 2, 1, 1, 1, 1]) {
            case 0: break
            case 1: push("runtime.(*gcWork).putFast")
            case 2: push("runtime.(*gcWork).put")
                    maybeLeaf(0.6, ["runtime.getempty", "runtime.putfull", "runtime.(*lfstack).push", "runtime.(*lfstack).pop"])
            case 3: push("runtime.markBits.setMarked")
            case 4: push("runtime.(*mspan).objIndex")
            default: leaf(["runtime.(*gcBits).bytep", "runtime.pageIndexOf", "runtime.(*mspan).markBitsForIndex"])
            }
        case 2:
            push("runtime.findObject")
            switch roll([3, 2, 1, 1]) {
            case 0: break
            case 1: push("runtime.spanOf")
            case 2: push("runtime.(*mspan).objIndex")
            default: push("runtime.spanOfHeap")
            }
        case 3:
            push("runtime.typePointers.next")
            switch roll([4, 1, 1]) {
            case 0: break
            case 1: push("runtime.typePointers.nextFast")
            default: push("runtime.(*mspan).heapBitsSmallForAddr"); maybeLeaf(0.5, ["runtime.readUintptr"])
            }
        case 4: push("runtime.(*mspan).typePointersOfUnchecked")
                maybeLeaf(0.3, ["runtime.(*mspan).heapBitsSmallForAddr", "runtime.(*mspan).typePointersOfType"])
        case 5: push("runtime.typePointers.nextFast")
        case 6: push("runtime.spanOfUnchecked")
        case 7: push("runtime.(*mspan).base")
        case 8: push("runtime.heapBitsInSpan")
        case 9: push("runtime.(*gcWork).tryGetFast")
        case 10: push("runtime.(*mspan).typePointersOf")
        default: push("runtime.scanConservative")
        }
    }

    /// GC work that is not object scanning: roots, stacks, sweeping, scavenging.
    mutating func gcOther() {
        switch roll([5, 3, 2, 1, 0.6]) {
        case 4:
            push("runtime.goexit", "runtime.forcegchelper", "runtime.gcStart")
            switch roll([2, 2, 1, 1, 1]) {
            case 0: push("runtime.systemstack", "runtime.stopTheWorldWithSema")
                    maybeLeaf(0.5, ["runtime.preemptall", "runtime.notetsleep", "runtime.osyield"])
            case 1: push("runtime.gcBgMarkStartWorkers")
                    maybeLeaf(0.5, ["runtime.newproc1", "runtime.notetsleepg"])
            case 2: push("runtime.systemstack", "runtime.gcResetMarkState", "runtime.forEachG")
            case 3: push("runtime.systemstack", "runtime.startTheWorldWithSema")
                    maybeLeaf(0.5, ["runtime.procresize", "runtime.wakep"])
            default: push("runtime.setGCPhase")
            }
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
        switch roll([12, 2, 1, 1]) {
        case 0:
            push("runtime.mcall")
            switch roll([7, 1.5, 1.5, 1, 1, 1.2]) {
            case 5: push("runtime.exitsyscall0")
                    if rng.chance(0.25) { push("runtime.stopm", "runtime.mPark", "runtime.notesleep", "runtime.futexsleep", "runtime.futex"); return }
            case 0: push("runtime.park_m")
            case 1: push("runtime.goexit0")
            case 2: push("runtime.gosched_m", "runtime.goschedImpl")
            case 3: push("runtime.preemptPark")
            default: push("runtime.park_m"); leaf(["runtime.parkunlock_c", "runtime.selparkcommit", "runtime.chanparkcommit"])
                     if rng.chance(0.5) { push("runtime.unlock2") }
                     return
            }
            push("runtime.schedule")
            switch roll([10, 2, 2, 1, 1]) {
            case 0:
                push("runtime.findRunnable")
                findRunnableTail()
            case 1:
                push("runtime.execute")
                switch roll([2, 2, 1, 1]) {
                case 0: push("runtime.casgstatus")
                case 1: push("runtime.gogo")
                case 2: push("runtime.traceAcquire")
                default: break
                }
            case 2: push("runtime.resetspinning", "runtime.wakep")
                    if rng.chance(0.7) { push("runtime.startm"); wakeTail() }
            case 3: push("runtime.lock2"); maybeLeaf(0.5, ["runtime.futex", "runtime.procyield", "runtime.osyield"])
            default: break
            }
        case 1:
            push("runtime.mstart", "runtime.mstart0", "runtime.mstart1", "runtime.sysmon")
            switch roll([4, 2, 1, 1, 1, 1]) {
            case 0: push("runtime.usleep")
            case 1: push("runtime.netpoll"); maybeLeaf(0.8, ["runtime.epollwait"])
            case 2: push("runtime.retake"); maybeLeaf(0.5, ["runtime.preemptone", "runtime.handoffp", "runtime.lock2"])
            case 3: push("runtime.nanotime")
            case 4: push("runtime.injectglist"); maybeLeaf(0.5, ["runtime.startm", "runtime.lock2"])
            default: push("runtime.(*timers).wakeTime")
            }
        case 2:
            push("runtime.morestack", "runtime.newstack")
            if rng.chance(0.7) {
                push("runtime.copystack")
                maybeLeaf(0.7, ["runtime.adjustframe", "runtime.memmove", "runtime.(*unwinder).next", "runtime.adjustpointers",
                                "runtime.stackalloc", "runtime.stackfree"])
            }
        default:
            push("runtime.sigtramp", "runtime.sigtrampgo", "runtime.sighandler")
            maybeLeaf(0.7, ["runtime.doSigPreempt", "runtime.sigprofNonGoPC", "runtime.sigprof", "runtime.(*sigctxt).rip"])
        }
    }

    private mutating func findRunnableTail() {
        switch roll([4, 4, 3, 1, 1, 1, 1, 1, 1, 1, 3]) {
        case 10:
            leaf(["runtime.runqempty", "runtime.releasep", "runtime.releasepNoTrace", "runtime.acquirep", "runtime.wirep",
                  "runtime.checkRunqsNoP", "runtime.(*gQueue).pop", "runtime.pMask.read", "runtime.nanotime1", "runtime.lock2",
                  "runtime.(*gcControllerState).removeIdleMarkWorker", "runtime.cheaprand", "runtime.(*timers).wakeTime",
                  "runtime.netpollAnyWaiters", "runtime.traceAcquire", "runtime.(*p).init"])
        case 0:
            push("runtime.netpoll")
            switch roll([5, 1, 1]) {
            case 0: push("runtime.epollwait")
            case 1: push("runtime.netpollready", "runtime.netpollunblock")
            default: push("runtime.injectglist")
                     if rng.chance(0.5) { push("runtime.startm"); wakeTail() }
            }
        case 1:
            push("runtime.stealWork")
            switch roll([3, 3, 1, 1, 1]) {
            case 4: leaf(["runtime.(*randomOrder).start", "runtime.runqempty", "runtime.pMask.read", "runtime.(*timers).wakeTime",
                          "runtime.nanotime1"])
            case 0: push("runtime.runqsteal", "runtime.runqgrab"); maybeLeaf(0.4, ["runtime.usleep", "runtime.osyield"])
            case 1: push("runtime.checkTimers", "runtime.(*timers).run", "runtime.(*timers).unlockAndRun")
                    timerCallback()
            case 2: push("runtime.(*randomEnum).next")
            default: break
            }
        case 2:
            push("runtime.stopm", "runtime.mPark", "runtime.notesleep")
            if rng.chance(0.8) { push("runtime.futexsleep", "runtime.futex") }
        case 3: push("runtime.runqget")
        case 4: push("runtime.globrunqget")
        case 5: push("runtime.pidleput")
        case 6: push("runtime.(*gcControllerState).findRunnableGCWorker")
                maybeLeaf(0.5, ["runtime.(*gcControllerState).addIdleMarkWorker", "runtime.gcMarkWorkAvailable"])
        case 7: push("runtime.checkIdleGCNoP")
        case 8: push("runtime.checkTimers")
                if rng.chance(0.6) { push("runtime.(*timers).run", "runtime.(*timers).unlockAndRun"); timerCallback() }
        default: push("runtime.unlock2"); wakeTail()
        }
    }

    /// A fired timer's function: channel sends for time.Timer, goroutine starts for AfterFunc.
    private mutating func timerCallback() {
        switch roll([3, 2, 1, 1]) {
        case 0:
            push("time.sendTime")
            if rng.chance(0.7) {
                push("runtime.selectnbsend", "runtime.chansend")
                if rng.chance(0.6) {
                    push("runtime.send", "runtime.goready", "runtime.systemstack", "runtime.goready.func1", "runtime.ready")
                    if rng.chance(0.5) { push("runtime.wakep"); if rng.chance(0.5) { push("runtime.startm"); wakeTail() } }
                }
            }
        case 1:
            push("time.goFunc")
            if rng.chance(0.7) {
                push("runtime.newproc", "runtime.systemstack", "runtime.newproc.func1", "runtime.newproc1")
                maybeLeaf(0.6, ["runtime.gfget", "runtime.casgstatus", "runtime.(*gQueue).pop"])
            }
        case 2: push("runtime.goroutineReady", "runtime.ready")
        default: push("runtime.(*timers).siftDown")
        }
    }

    private mutating func wakeTail() {
        if rng.chance(0.6) { push("runtime.notewakeup", "runtime.futexwakeup", "runtime.futex") }
    }

    /// The allocator below `runtime.mallocgc` (frames never include scanobject).
    mutating func mallocgcSubtree(large: Bool) {
        push("runtime.mallocgc")
        if large && rng.chance(0.7) {
            push("runtime.mallocgcLarge")
            switch roll([3, 3, 1]) {
            case 0: push("runtime.(*mcache).allocLarge", "runtime.(*mheap).alloc", "runtime.systemstack",
                         "runtime.(*mheap).alloc.func1", "runtime.(*mheap).allocSpan")
            case 1: push("runtime.memclrNoHeapPointersChunked", "runtime.memclrNoHeapPointers")
            default: break
            }
            return
        }
        switch roll([3, 5, 4, 1, 1]) {
        case 0: break
        case 1:
            push("runtime.mallocgcSmallNoscan")
            switch roll([4, 3, 1, 1]) {
            case 0: break
            case 1: push("runtime.nextFreeFast")
            case 2: push("runtime.(*mcache).nextFree", "runtime.(*mcache).refill")
            default: push("runtime.memclrNoHeapPointers")
            }
        case 2:
            push("runtime.mallocgcSmallScanNoHeader")
            switch roll([4, 2, 2, 1]) {
            case 0: break
            case 1: push("runtime.heapSetTypeNoHeader")
            case 2: push("runtime.nextFreeFast")
            default: push("runtime.(*mcache).nextFree", "runtime.(*mcache).refill")
            }
        case 3:
            push("runtime.mallocgcTiny")
            maybeLeaf(0.5, ["runtime.nextFreeFast"])
        default:
            push("runtime.deductAssistCredit", "runtime.gcAssistAlloc")
            if rng.chance(0.6) {
                push("runtime.systemstack", "runtime.gcAssistAlloc.func1", "runtime.gcAssistAlloc1", "runtime.gcDrainN")
            } else {
                push("runtime.gcParkAssist")
            }
        }
    }
}
