package sheet

import (
	"io"
	"sync"
)

// aheadMin is the unpacked size from which a part is inflated on a goroutine
// of its own: below it, starting one costs more than it saves.
const aheadMin = 1 << 20

const (
	aheadChunk   = 256 << 10
	aheadBuffers = 4
)

// readAhead inflates a zip part on its own goroutine, chunk by chunk, while
// the reader scans the chunk before: decompression is half the work of
// reading a sheet, and a second core does it meanwhile.
type readAhead struct {
	src  io.ReadCloser
	full chan []byte
	free chan []byte
	stop chan struct{}
	wg   sync.WaitGroup
	err  error // the error that ended src, read after full is closed
	cur  []byte
	buf  []byte
	once sync.Once
}

func newReadAhead(src io.ReadCloser) *readAhead {
	r := &readAhead{src: src, full: make(chan []byte, aheadBuffers), free: make(chan []byte, aheadBuffers), stop: make(chan struct{})}
	for range aheadBuffers {
		r.free <- make([]byte, aheadChunk)
	}
	r.wg.Add(1)
	go r.fill()
	return r
}

func (r *readAhead) fill() {
	defer r.wg.Done()
	defer close(r.full)
	for {
		var buf []byte
		select {
		case buf = <-r.free:
		case <-r.stop:
			return
		}
		n := 0
		var err error
		for n < len(buf) && err == nil {
			var m int
			m, err = r.src.Read(buf[n:])
			n += m
		}
		if n > 0 {
			select {
			case r.full <- buf[:n]:
			case <-r.stop:
				return
			}
		}
		if err != nil {
			r.err = err
			return
		}
	}
}

func (r *readAhead) Read(p []byte) (int, error) {
	if len(r.cur) == 0 {
		if r.buf != nil {
			r.free <- r.buf[:cap(r.buf)]
			r.buf = nil
		}
		b, ok := <-r.full
		if !ok {
			return 0, r.err
		}
		r.buf, r.cur = b, b
	}
	n := copy(p, r.cur)
	r.cur = r.cur[n:]
	return n, nil
}

// Close stops the goroutine, then closes the part.
func (r *readAhead) Close() error {
	r.once.Do(func() { close(r.stop) })
	r.wg.Wait()
	return r.src.Close()
}
