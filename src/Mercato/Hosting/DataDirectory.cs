namespace Mercato.Hosting;

/// <summary>Resolves the data directory: the option, else <c>MERCATO_DATA_DIR</c>, else <c>./mercato-data</c>.</summary>
public static class DataDirectory
{
    /// <summary>The environment variable naming the data directory.</summary>
    public const string Variable = "MERCATO_DATA_DIR";

    /// <summary>The default, relative to the working directory.</summary>
    public const string Default = "./mercato-data";

    /// <summary>The directory to use.</summary>
    public static string Resolve(string? option) =>
        Path.GetFullPath(!string.IsNullOrWhiteSpace(option)
            ? option
            : Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } fromEnvironment ? fromEnvironment : Default);
}
