using System.Globalization;
using System.Text;
using Npgsql;

namespace Mercato.Storage.Postgres;

/// <summary>
/// A server-side cursor (<c>DECLARE ... CURSOR</c>) of the caller's transaction, read in blocks of rows into flat buffers:
/// two of them can be read in turn on one connection (Npgsql reads one result at a time), all in one snapshot, and a
/// scan over millions of rows holds one block in memory. Columns are 64-bit integers or text, kept as their UTF-8 bytes (so
/// ids compare as the journey scan compares them). Spans are valid until the next <see cref="Next"/>.
/// </summary>
internal sealed class BlockCursor : IDisposable
{
    private const int BlockRows = 65_536;

    private readonly NpgsqlConnection _connection;
    private readonly string _name;
    private long[] _ints = [];
    private int[] _offsets = [];
    private int[] _lengths = [];
    private bool[] _nulls = [];
    private byte[] _arena = new byte[1 << 20];
    private int _fields;
    private int _count;
    private int _row = -1;
    private bool _exhausted;

    public BlockCursor(NpgsqlConnection connection, string name, string sql)
    {
        _connection = connection;
        _name = name;
        using var declare = new NpgsqlCommand("DECLARE " + name + " NO SCROLL CURSOR FOR " + sql, connection);
        declare.ExecuteNonQuery();
    }

    /// <summary>Moves to the next row; false when there is none.</summary>
    public bool Next()
    {
        if (++_row < _count)
        {
            return true;
        }

        if (_exhausted)
        {
            return false;
        }

        Fetch();
        _row = 0;
        return _count > 0;
    }

    public long Int64(int field) => _ints[(_row * _fields) + field];

    public bool IsNull(int field) => _nulls[(_row * _fields) + field];

    public ReadOnlySpan<byte> Bytes(int field)
    {
        var at = (_row * _fields) + field;
        return _nulls[at] ? [] : new ReadOnlySpan<byte>(_arena, _offsets[at], _lengths[at]);
    }

    public void Dispose()
    {
        if (_connection.State == System.Data.ConnectionState.Open)
        {
            using var close = new NpgsqlCommand("CLOSE " + _name, _connection);
            close.ExecuteNonQuery();
        }
    }

    private void Fetch()
    {
        using var fetch = new NpgsqlCommand(string.Create(CultureInfo.InvariantCulture, $"FETCH FORWARD {BlockRows} FROM {_name}"), _connection);
        using var reader = fetch.ExecuteReader();
        _fields = reader.FieldCount;
        var cells = BlockRows * _fields;
        if (_ints.Length < cells)
        {
            _ints = new long[cells];
            _offsets = new int[cells];
            _lengths = new int[cells];
            _nulls = new bool[cells];
        }

        var bytes = new bool[_fields];
        for (var f = 0; f < _fields; f++)
        {
            bytes[f] = reader.GetFieldType(f) == typeof(string);
        }

        _count = 0;
        var used = 0;
        while (reader.Read())
        {
            var at = _count * _fields;
            for (var f = 0; f < _fields; f++, at++)
            {
                if (reader.IsDBNull(f))
                {
                    _nulls[at] = true;
                    continue;
                }

                _nulls[at] = false;
                if (!bytes[f])
                {
                    _ints[at] = reader.GetInt64(f);
                    continue;
                }

                // Reading text as a string and encoding it measured faster than reading convert_to(...) as bytea.
                var text = reader.GetString(f);
                var length = Encoding.UTF8.GetByteCount(text);
                if (used + length > _arena.Length)
                {
                    Array.Resize(ref _arena, Math.Max(_arena.Length * 2, used + length));
                }

                Encoding.UTF8.GetBytes(text, 0, text.Length, _arena, used);
                _offsets[at] = used;
                _lengths[at] = length;
                used += length;
            }

            _count++;
        }

        _exhausted = _count < BlockRows;
    }
}
