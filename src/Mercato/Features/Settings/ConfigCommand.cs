using System.CommandLine;

namespace Mercato.Features.Settings;

internal static class ConfigCommand
{
    public static Command Create()
    {
        var zone = new Argument<string?>("zone") { Description = "An IANA time zone, e.g. Asia/Shanghai", Arity = ArgumentArity.ZeroOrOne };
        var timeZone = new Command("time-zone", "Show or set the workspace time zone (a date without a time means midnight there)") { zone };
        timeZone.SetAction(result =>
        {
            var store = CliContext.OpenStore(result);
            if (result.GetValue(zone) is not { } id)
            {
                Console.Out.WriteLine(store.TimeZone.Id);
                return MercatoCli.Ok;
            }

            if (!store.TrySetTimeZone(id))
            {
                Console.Error.WriteLine($"'{id}' is not a time zone this machine knows (use an IANA name such as Europe/Berlin)");
                return MercatoCli.InvalidInput;
            }

            Console.Out.WriteLine($"workspace time zone: {store.TimeZone.Id}");
            return MercatoCli.Ok;
        });
        return new Command("config", "Workspace settings") { timeZone };
    }
}
