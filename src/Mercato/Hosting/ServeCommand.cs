using System.CommandLine;

namespace Mercato.Hosting;

internal static class ServeCommand
{
    private static readonly Option<string?> Urls = new("--urls") { Description = "Where to listen (default http://127.0.0.1:5180)" };

    private static readonly Option<bool> NoDemo = new("--no-demo") { Description = "Do not load the demo company into an empty store" };

    private static readonly Option<bool> NoAuth = new("--no-auth")
    {
        Description = "Serve without sign-in: everyone who reaches the port acts as an administrator (loopback only)",
    };

    private static readonly Option<string?> DemoScale = new("--demo-scale")
    {
        Description = "Scale of the demo loaded into an empty store: small, medium or large",
    };

    public static Command Create()
    {
        var command = new Command("serve", "Run the web UI and API (loads the demo company into an empty store first)")
        {
            Urls,
            NoDemo,
            NoAuth,
            DemoScale,
        };
        command.SetAction(RunAsync);
        return command;
    }

    public static async Task<int> RunAsync(ParseResult result, CancellationToken cancellationToken)
    {
        var overrides = MercatoCli.Overrides(result);
        if (result.GetValue(Urls) is { } urls)
        {
            overrides["Mercato:Urls"] = urls;
        }

        if (result.GetValue(NoDemo))
        {
            overrides["Mercato:NoDemo"] = "true";
        }

        if (result.GetValue(NoAuth))
        {
            overrides["Mercato:NoAuth"] = "true";
        }

        if (result.GetValue(DemoScale) is { } scale)
        {
            overrides["Mercato:DemoScale"] = scale;
        }

        var (app, exit) = await MercatoHost.BuildAsync([], overrides, Console.Out, cancellationToken).ConfigureAwait(false);
        if (app is null)
        {
            return exit;
        }

        await using (app.ConfigureAwait(false))
        {
            await app.RunAsync(cancellationToken).ConfigureAwait(false);
        }

        return MercatoCli.Ok;
    }
}
