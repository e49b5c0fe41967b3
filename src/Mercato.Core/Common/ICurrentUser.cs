using Mercato.Core.Access;

namespace Mercato.Core.Common;

/// <summary>
/// Who is acting: the name every change records (who saved a document, who moved a campaign, who approved a budget), the
/// roles they hold, and the front door they came through. The host says who it is (the signed-in account or token of the
/// server, the OS user of the command line); no front door takes it from the request body.
/// </summary>
public interface ICurrentUser
{
    /// <summary>The acting person's name, never blank.</summary>
    string Name { get; }

    /// <summary>What the acting person holds.</summary>
    Principal Principal { get; }

    /// <summary>The front door and address of the current call.</summary>
    WriteOrigin Origin { get; }
}

/// <summary>A fixed acting person with administrator rights: the command line (the OS user), a server without sign-in.</summary>
/// <param name="Name">The name.</param>
/// <param name="Door">The front door it acts through.</param>
public sealed record NamedUser(string Name, string Door = "cli") : ICurrentUser
{
    /// <inheritdoc />
    public Principal Principal { get; } = Principal.Administrator(Name);

    /// <inheritdoc />
    public WriteOrigin Origin { get; } = new(Door);
}

/// <summary>A principal acting through a front door: the signed-in account or token of the server, a test's chosen role.</summary>
/// <param name="Principal">What it holds.</param>
/// <param name="Origin">The front door and address.</param>
public sealed record ActingAs(Principal Principal, WriteOrigin Origin) : ICurrentUser
{
    /// <inheritdoc />
    public string Name => Principal.Name;
}
