using System.ComponentModel.DataAnnotations;

namespace Mercato.Hosting;

/// <summary>
/// Settings of a Mercato process: appsettings.json, then <c>MERCATO_</c> environment variables (for example
/// <c>MERCATO_DATA_DIR</c>, <c>MERCATO_URLS</c>), then command-line options.
/// </summary>
public sealed class MercatoOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Mercato";

    /// <summary>The data directory holding the embedded store.</summary>
    [Required]
    public string DataDir { get; set; } = "./mercato-data";

    /// <summary>Which store holds the workspace: <c>sqlite</c> (embedded, in <see cref="DataDir"/>) or <c>postgres</c>.</summary>
    public string Store { get; set; } = "sqlite";

    /// <summary>The Npgsql connection string of a PostgreSQL store.</summary>
    public string? Connection { get; set; }

    /// <summary>
    /// Where facts live: empty for the store of <see cref="Store"/>, or <c>clickhouse</c> (docs/clickhouse.md), the
    /// documents, the channel catalog and the audit log staying in <see cref="Store"/>.
    /// </summary>
    public string? Facts { get; set; }

    /// <summary>The ClickHouse connection string with <see cref="Facts"/> <c>clickhouse</c> (docs/clickhouse.md).</summary>
    public string? FactsConnection { get; set; }

    /// <summary>Who the server acts as when it records a change (until people sign in).</summary>
    [Required]
    public string Actor { get; set; } = "mercato";

    /// <summary>
    /// Where the web server listens. A non-loopback address needs sign-in on (<see cref="NoAuth"/> false); behind a
    /// reverse proxy that terminates HTTPS, listen on loopback and let the proxy forward.
    /// </summary>
    [Required]
    public string Urls { get; set; } = "http://127.0.0.1:5180";

    /// <summary>Serve without sign-in: everyone who reaches the port acts as an administrator. Refused off loopback.</summary>
    public bool NoAuth { get; set; }

    /// <summary>Administrators must sign in with a second factor (TOTP).</summary>
    public bool RequireAdminTotp { get; set; }

    /// <summary>A session ends after this many minutes without a request.</summary>
    [Range(1, 24 * 60)]
    public int IdleTimeoutMinutes { get; set; } = 30;

    /// <summary>A session ends this many hours after sign-in, however active.</summary>
    [Range(1, 24 * 30)]
    public int AbsoluteTimeoutHours { get; set; } = 12;

    /// <summary>Sign-in attempts allowed per client address per minute (then 429).</summary>
    [Range(1, 10_000)]
    public int SignInsPerMinute { get; set; } = 10;

    /// <summary>Do not load the demo company into an empty store.</summary>
    public bool NoDemo { get; set; }

    /// <summary>Scale of the demo company loaded into an empty store: small, medium or large.</summary>
    [RegularExpression("^(small|medium|large)$", ErrorMessage = "DemoScale must be small, medium or large")]
    public string DemoScale { get; set; } = "medium";

    /// <summary>
    /// How long a page view waits for a figure being computed again after new data before it shows the last one with its
    /// time (docs/architecture.md, Figures while data arrives); -1 waits always, as the API and the command line do.
    /// </summary>
    [Range(-1, 600_000)]
    public int FigureWaitMilliseconds { get; set; } = 50;

    /// <summary>Largest request body accepted by the import API, in bytes; larger bodies get 413.</summary>
    [Range(1024, long.MaxValue)]
    public long MaxImportBytes { get; set; } = 100 * 1024 * 1024;
}
