using System.Runtime.InteropServices;

namespace Mercato.Storage.Sqlite;

/// <summary>
/// Hands freed native memory back to the system after a large write session. SQLite frees a big page cache when the
/// session ends, but glibc keeps freed small blocks in its heap, so a server that merges every few seconds grew by the
/// cache's size again and again (benchmarks/RESULTS.md, the ingest queue: 110 to 714 MB in a minute while SQLite itself
/// held 6 MB). <c>malloc_trim</c> returns the free pages; where there is no glibc (musl, Windows, macOS) it does nothing.
/// </summary>
internal static partial class NativeHeap
{
    private static bool _unavailable = !OperatingSystem.IsLinux();

    public static void Trim()
    {
        if (_unavailable)
        {
            return;
        }

        try
        {
            _ = MallocTrim(0);
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            _unavailable = true;
        }
    }

    [LibraryImport("libc", EntryPoint = "malloc_trim")]
    private static partial int MallocTrim(nuint pad);
}
