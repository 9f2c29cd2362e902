package exports

// SetEmitChunk makes a streamed Read hand over chunks of n records (so that
// small inputs stream in several chunks) until the returned func restores it.
func SetEmitChunk(n int) (restore func()) {
	saved := emitChunk
	emitChunk = n
	return func() { emitChunk = saved }
}
