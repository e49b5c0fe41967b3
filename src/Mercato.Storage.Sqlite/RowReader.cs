using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Mercato.Storage.Sqlite;

/// <summary>
/// Steps a prepared statement and reads the columns of its current row straight from the bundled SQLite library, for a
/// pass over millions of rows. SQLitePCL's own calls take the statement as a safe handle, which costs two interlocked
/// operations and a GC transition per column read: on the 18.8M activity rows of the large demo that was about a third
/// of the KPI pass. Column reads are short and never call back, so they run without the GC transition; stepping, which
/// does real work, keeps it. Valid only while the statement (kept alive by the caller) is not finalized.
/// </summary>
internal sealed unsafe partial class RowReader(sqlite3 db, sqlite3_stmt statement)
{
    private const string Library = "e_sqlite3";

    private readonly nint _handle = statement.DangerousGetHandle();

    /// <summary>Prepares <paramref name="sql"/> on <paramref name="db"/>; the caller disposes the statement after the last read.</summary>
    public static sqlite3_stmt Prepare(sqlite3 db, string sql)
    {
        var rc = raw.sqlite3_prepare_v2(db, sql, out var statement);
        return rc == raw.SQLITE_OK ? statement : throw new SqliteException(raw.sqlite3_errmsg(db).utf8_to_string(), rc);
    }

    /// <summary>Moves to the next row; false when there is none.</summary>
    public bool Step()
    {
        var rc = NativeStep(_handle);
        if (rc == raw.SQLITE_ROW)
        {
            return true;
        }

        return rc == raw.SQLITE_DONE ? false : throw new SqliteException(raw.sqlite3_errmsg(db).utf8_to_string(), rc);
    }

    public long Int64(int column) => ColumnInt64(_handle, column);

    public int Int32(int column) => ColumnInt(_handle, column);

    /// <summary>True when the column is NULL in the current row.</summary>
    public bool IsNull(int column) => ColumnType(_handle, column) == raw.SQLITE_NULL;

    /// <summary>The bytes of a text or blob column (empty for NULL), valid until the next step.</summary>
    public ReadOnlySpan<byte> Bytes(int column)
    {
        var pointer = ColumnBlob(_handle, column);
        return pointer is null ? [] : new ReadOnlySpan<byte>(pointer, ColumnBytes(_handle, column));
    }

    [LibraryImport(Library, EntryPoint = "sqlite3_step")]
    private static partial int NativeStep(nint statement);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_int64")]
    [SuppressGCTransition]
    private static partial long ColumnInt64(nint statement, int column);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_int")]
    [SuppressGCTransition]
    private static partial int ColumnInt(nint statement, int column);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_type")]
    [SuppressGCTransition]
    private static partial int ColumnType(nint statement, int column);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_blob")]
    [SuppressGCTransition]
    private static partial byte* ColumnBlob(nint statement, int column);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_bytes")]
    [SuppressGCTransition]
    private static partial int ColumnBytes(nint statement, int column);
}
