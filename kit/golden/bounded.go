package golden

import (
	"fmt"
	"runtime"
	"time"
)

// Bounded runs work in a goroutine and stops the test binary if it takes more than 5 s or the
// heap grows by more than heapMB (a runaway goroutine cannot be stopped, only the process):
// the bound of the regression tests for hangs and memory blow-ups.
func Bounded(what string, heapMB uint64, work func()) {
	done := make(chan struct{})
	var before runtime.MemStats // read at the first tick: most work ends long before it
	go func() {
		defer close(done)
		work()
	}()
	deadline := time.After(5 * time.Second)
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-done:
			return
		case <-deadline:
			panic(what + " did not return within 5 s")
		case <-tick.C:
			if before.HeapAlloc == 0 {
				runtime.ReadMemStats(&before)
				continue
			}
			var now runtime.MemStats
			runtime.ReadMemStats(&now)
			if now.HeapAlloc > before.HeapAlloc+heapMB<<20 {
				panic(fmt.Sprintf("%s: heap grew by %d MB", what, (now.HeapAlloc-before.HeapAlloc)>>20))
			}
		}
	}
}
