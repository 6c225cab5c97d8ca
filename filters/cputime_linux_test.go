//go:build linux

package filters

import (
	"runtime"
	"syscall"
	"time"
	"unsafe"
)

// clockThreadCPUTimeID is Linux's CLOCK_THREAD_CPUTIME_ID, missing from
// package syscall.
const clockThreadCPUTimeID = 3

// cpuTime runs f and returns the CPU time that it used: that of the
// thread it runs on, held for the purpose. Unlike the time on the clock, a
// busy machine does not make it longer, as the thread's waits for a CPU
// are not in it.
func cpuTime(f func()) time.Duration {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	used := func() time.Duration {
		var ts syscall.Timespec
		if _, _, errno := syscall.Syscall(syscall.SYS_CLOCK_GETTIME, clockThreadCPUTimeID, uintptr(unsafe.Pointer(&ts)), 0); errno != 0 {
			panic(errno)
		}
		return time.Duration(ts.Nano())
	}
	start := used()
	f()
	return used() - start
}
