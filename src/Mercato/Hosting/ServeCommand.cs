using System.CommandLine;

namespace Mercato.Hosting;

internal static class ServeCommand
{
    private static readonly Option<string?> Urls = new("--urls");

    private static readonly Option<bool> NoDemo = new("--no-demo");

    private static readonly Option<bool> NoAuth = new("--no-auth");

    private static readonly Option<string?> DemoScale = new("--demo-scale");

    /// <summary>The <c>serve</c> command; its options' words are set here, once the language of the run is chosen.</summary>
    public static Command Create()
    {
        Urls.Description = Words.W("host.serve.option_urls");
        NoDemo.Description = Words.W("host.serve.option_no_demo");
        NoAuth.Description = Words.W("host.serve.option_no_auth");
        DemoScale.Description = Words.W("host.serve.option_demo_scale");
        var command = new Command("serve", Words.W("host.serve.description"))
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
