using System.CommandLine;
using System.Globalization;
using Mercato.Core.Campaigns;

namespace Mercato.Features.Campaigns;

/// <summary>
/// <c>mercato campaigns</c>: campaigns, their squads and the activity lifecycle (docs/campaigns.md), through
/// <see cref="CampaignUseCases"/>; the acting person is <c>MERCATO_ACTOR</c> or the operating system's user. The
/// subcommands live beside this file in <c>Commands/</c>, one group per file: the campaigns themselves, the lifecycle, squads
/// and bundles, and the reports.
/// </summary>
internal static partial class CampaignsCommand
{
    public static Command Create() => new("campaigns", Words.W("campaigns.cli.description"))
    {
        List(), CreateCampaign(), Show(), Remove(), Advance(), MoveToStage(), ApproveBudget(), ApproveKit(), AttachSquad(), Export(), Import(),
        Evaluate(), Budget(), Brand(),
    };

    private static CampaignUseCases Campaigns(IServiceProvider services) => services.GetRequiredService<CampaignUseCases>();

    private static Argument<string> Id() => new("id") { Description = Words.W("campaigns.cli.id") };

    private static string Money(decimal amount) => amount.ToString("0.####", CultureInfo.InvariantCulture);

    /// <summary>
    /// The exit code of a failed outcome after its words on stderr: an unknown campaign points to the list (exit 1); a
    /// refused detach names the rule that refused it (exit 2); the rest as <see cref="CliContext.Fail"/>; invalid input lists every problem.
    /// </summary>
    private static int Fail(Outcome outcome)
    {
        switch (outcome.Kind)
        {
            case OutcomeKind.NotFound when outcome.Code == CampaignCodes.CampaignNotFound:
                Console.Error.WriteLine(Words.W("campaigns.cli.see_list", ("why", Messages.Text(outcome))));
                return CliContext.ExitCode(outcome);
            case OutcomeKind.Refused when CampaignsArea.DetachReason(outcome) is { } reason:
                // A refused detach says which rule refused it.
                Console.Error.WriteLine(CliContext.Refused(reason.Code, CampaignsArea.Why(outcome)));
                return CliContext.ExitCode(outcome);
            default:
                return CliContext.Fail(outcome);
        }
    }

    /// <summary>
    /// A word of a closed set (a stage, a type, a role) as the command line shows it: in English the word itself, which
    /// the options take; in another language its name there.
    /// </summary>
    private static string Shown(string word, Func<string> name) => Locale.Language == Languages.English ? word : name();

    /// <summary>A stage as <see cref="Shown(string, Func{string})"/> writes it.</summary>
    private static string Shown(CampaignStage stage) => Shown(EnumWords.Word(stage), () => CampaignsArea.StageName(stage));

    /// <summary>Problems of the command line's own input, each with the option it belongs to, on stderr: exit 2.</summary>
    private static int Invalid(IEnumerable<Problem> problems)
    {
        foreach (var problem in problems)
        {
            Console.Error.WriteLine(Messages.WithPath(problem));
        }

        return MercatoCli.InvalidInput;
    }
}
