/*
 * nohandles: start a program the way a console starts a GUI-subsystem
 * program on Windows, with no standard handles, wait for it and pass on its
 * exit code. The CI uses it to check that depositdesk.exe (a GUI program)
 * still prints a command's output to the console it was started from.
 *
 * Usage: nohandles.exe PROGRAM [ARGS...]
 */
#include <windows.h>
#include <stdio.h>
#include <string.h>

int main(void)
{
	/* everything after our own name, as typed */
	wchar_t *line = GetCommandLineW();
	int quoted = 0;
	while (*line && (quoted || (*line != L' ' && *line != L'\t'))) {
		if (*line == L'"')
			quoted = !quoted;
		line++;
	}
	while (*line == L' ' || *line == L'\t')
		line++;
	if (!*line) {
		fprintf(stderr, "usage: nohandles PROGRAM [ARGS...]\n");
		return 2;
	}

	STARTUPINFOW si;
	PROCESS_INFORMATION pi;
	memset(&si, 0, sizeof si);
	si.cb = sizeof si;
	si.dwFlags = STARTF_USESTDHANDLES; /* and all three left NULL */
	if (!CreateProcessW(NULL, line, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi)) {
		fprintf(stderr, "nohandles: cannot start the program (error %lu)\n", GetLastError());
		return 2;
	}
	WaitForSingleObject(pi.hProcess, INFINITE);
	DWORD code = 1;
	GetExitCodeProcess(pi.hProcess, &code);
	CloseHandle(pi.hThread);
	CloseHandle(pi.hProcess);
	return (int)code;
}
