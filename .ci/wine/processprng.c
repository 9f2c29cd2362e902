/*
 * A stand-in for Windows' bcryptprimitives.dll, for the CI's Wine only.
 *
 * Go's runtime (1.24 and later) loads bcryptprimitives.dll at start and calls
 * ProcessPrng for its random numbers; Debian 12's Wine 8.0 does not ship that
 * DLL, so every Go program dies before main. This DLL exports ProcessPrng and
 * fills the buffer from the system generator (RtlGenRandom, which Wine has).
 * It is never shipped: .ci/windows.sh copies it into the Wine prefix's
 * system32 (Wine does not take it from the exe's folder for a system DLL).
 *
 * Build: x86_64-w64-mingw32-gcc -shared -O2 -o bcryptprimitives.dll processprng.c -ladvapi32
 */
#include <windows.h>

/* RtlGenRandom is exported by advapi32 as SystemFunction036. */
BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

/* BOOL ProcessPrng(PBYTE pbData, SIZE_T cbData): always succeeds on Windows. */
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T size)
{
	while (size > 0) {
		ULONG n = size > 0x10000000 ? 0x10000000 : (ULONG)size;
		if (!SystemFunction036(data, n))
			return FALSE;
		data += n;
		size -= n;
	}
	return TRUE;
}

BOOL WINAPI DllMain(HINSTANCE inst, DWORD reason, LPVOID reserved)
{
	(void)inst; (void)reason; (void)reserved;
	return TRUE;
}
