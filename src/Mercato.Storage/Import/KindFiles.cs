using CsvHelper;
using Mercato.Core.DataCenter;

namespace Mercato.Storage.Import;

/// <summary>What reading a whole file of a kind gave: its facts when every row is valid, else the errors.</summary>
/// <param name="Facts">The rows' facts, in file order; empty when any row or the header was refused.</param>
/// <param name="Rows">Rows read.</param>
/// <param name="Errors">The first <see cref="ImportResult.MaxErrorsKept"/> errors, each with its line, column and reason.</param>
public sealed record KindFileRead(IReadOnlyList<IFact> Facts, long Rows, IReadOnlyList<RowError> Errors)
{
    /// <summary>Whether every row was valid.</summary>
    public bool Ok => Errors.Count == 0;
}

/// <summary>
/// Reads a whole file of a kind the way an import reads it (the same readers, strict UTF-8, the kind's parser), for the
/// commands that use a file without storing it (a follower sample to score, a labelled set to train on). All or nothing:
/// one refused row and no fact comes back, only the errors.
/// </summary>
public static class KindFiles
{
    /// <summary>Reads <paramref name="stream"/> as <paramref name="format"/> of <paramref name="kind"/>; errors name <paramref name="source"/>.</summary>
    public static KindFileRead Read(Stream stream, DataFormat format, DataKind kind, string source, ParseContext context)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            using var reader = RowReaders.Open(stream, format, kind);
            if (reader.HeaderErrors.Count > 0)
            {
                return new KindFileRead([], 0, [.. reader.HeaderErrors.Select(e => RowError.Of(source, 1, e))]);
            }

            var values = new string?[kind.Fields.Count];
            var fieldErrors = new List<FieldError>();
            var facts = new List<IFact>();
            var errors = new List<RowError>();
            long rows = 0;
            while (true)
            {
                fieldErrors.Clear();
                if (!reader.Read(values, out var line, fieldErrors))
                {
                    break;
                }

                rows++;
                var fact = fieldErrors.Count == 0 ? kind.Parse(values, context, fieldErrors) : null;
                if (fact is null)
                {
                    errors.AddRange(fieldErrors.Take(ImportResult.MaxErrorsKept - errors.Count).Select(e => RowError.Of(source, line, e)));
                }
                else if (errors.Count == 0)
                {
                    facts.Add(fact);
                }
            }

            return new KindFileRead(errors.Count == 0 ? facts : [], rows, errors);
        }
        catch (InvalidUtf8Exception e)
        {
            return new KindFileRead([], 0, [new RowError(source, e.Line, "(row)", null, StorageCodes.InvalidUtf8, MessageArgs.Of(("offset", e.Offset)))]);
        }
        catch (CsvFormatException e)
        {
            return new KindFileRead([], 0, [new RowError(source, 0, "(row)", null, StorageCodes.ImportFailed, MessageArgs.Of(("detail", e.Message)))]);
        }
    }
}
