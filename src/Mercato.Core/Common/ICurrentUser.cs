namespace Mercato.Core.Common;

/// <summary>
/// Who is acting: the name every change records (who saved a document, who moved a campaign, who approved a budget). The
/// host says who it is (the signed-in person of the server, the OS user of the command line); no front door takes it from
/// the request body.
/// </summary>
public interface ICurrentUser
{
    /// <summary>The acting person's name, never blank.</summary>
    string Name { get; }
}

/// <summary>A fixed acting person.</summary>
/// <param name="Name">The name.</param>
public sealed record NamedUser(string Name) : ICurrentUser;
