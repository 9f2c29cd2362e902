//go:build windows

package cli

import (
	"os"

	win "golang.org/x/sys/windows" // named win: this package has a func windows
)

// The Windows build is a GUI-subsystem program (a double click opens no black
// console window), so Windows starts it without standard output. When it is
// started from cmd or PowerShell with a command, this writes the command's
// output to that console instead of nowhere. Output redirected to a file or a
// pipe arrives as a valid handle and is left alone.
//
// It runs in init, before main hands os.Stdout and os.Stderr to Run.
func init() {
	if _, rest, err := SplitDB(os.Args[1:]); err == nil && len(rest) == 0 {
		return // no command: the window opens, and needs no console
	}
	attachParentConsole()
}

// attachParentConsole points os.Stdout and os.Stderr, where they are not
// already usable, at the console of the process that started this one.
func attachParentConsole() {
	needOut := !usableStdHandle(win.STD_OUTPUT_HANDLE)
	needErr := !usableStdHandle(win.STD_ERROR_HANDLE)
	if !needOut && !needErr {
		return
	}
	// Attaching fails when this process already has a console (Wine gives a
	// GUI program its parent's) and when the parent has none (started from
	// Explorer). Either way CONOUT$ below opens exactly when there is a
	// console to print to; without one the output goes nowhere, as before.
	const attachParentProcess = uintptr(^uint32(0)) // ATTACH_PARENT_PROCESS, (DWORD)-1
	procAttachConsole.Call(attachParentProcess)
	if needOut {
		if f := openConsoleOutput(win.STD_OUTPUT_HANDLE, "/dev/stdout"); f != nil {
			os.Stdout = f
		}
	}
	if needErr {
		if f := openConsoleOutput(win.STD_ERROR_HANDLE, "/dev/stderr"); f != nil {
			os.Stderr = f
		}
	}
}

// AttachConsole is not in x/sys/windows; kernel32 is loaded from System32 only.
var procAttachConsole = win.NewLazySystemDLL("kernel32.dll").NewProc("AttachConsole")

// usableStdHandle reports whether a standard handle leads somewhere: a
// console, a file or a pipe. A GUI program started from a console has none.
func usableStdHandle(std uint32) bool {
	h, err := win.GetStdHandle(std)
	if err != nil || h == 0 || h == win.InvalidHandle {
		return false
	}
	t, err := win.GetFileType(h)
	return err == nil && t != win.FILE_TYPE_UNKNOWN
}

// openConsoleOutput opens the attached console's screen buffer (CONOUT$) and
// makes it the standard handle std, for Go and for any C code alike.
func openConsoleOutput(std uint32, name string) *os.File {
	conout, err := win.UTF16PtrFromString("CONOUT$")
	if err != nil {
		return nil
	}
	h, err := win.CreateFile(conout, win.GENERIC_READ|win.GENERIC_WRITE,
		win.FILE_SHARE_READ|win.FILE_SHARE_WRITE, nil, win.OPEN_EXISTING, 0, 0)
	if err != nil {
		return nil
	}
	_ = win.SetStdHandle(std, h)
	return os.NewFile(uintptr(h), name)
}
