using System.CommandLine;
using Mercato.Core.Campaigns;

namespace Mercato.Features.Campaigns;

/// <summary>
/// The lifecycle: <c>advance</c>, <c>stage</c>, <c>approve-budget</c>, <c>approve-kit</c>. Each is done by the acting person,
/// refused (exit 2, <c>refused (code): why</c>) when a gate is closed, and with <c>--from STAGE</c> refused as
/// <c>moved_meanwhile</c> when the campaign is no longer in the stage the caller saw, and with <c>--if-version N</c> when it
/// changed at all since that version.
/// </summary>
internal static partial class CampaignsCommand
{
    private static Command Advance()
    {
        var id = Id();
        var note = new Option<string?>("--note") { Description = Words.W("campaigns.cli.advance.note") };
        var from = From();
        var version = CliContext.IfVersionOption("campaign");
        var command = new Command("advance", Words.W("campaigns.cli.advance.description")) { id, note, from, version };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            if (!TryStage(result.GetValue(from), "--from", out var expected))
            {
                return MercatoCli.InvalidInput;
            }

            var moved = await Campaigns(services).AdvanceAsync(result.GetValue(id)!, result.GetValue(note), expected, result.GetValue(version), cancellationToken);
            return Report(moved, Moved);
        });
        return command;
    }

    /// <summary><c>id: from -> to by who</c>, and the reason of a cancellation.</summary>
    private static string Moved(Campaign c) => c.Stage == CampaignStage.Cancelled
        ? Words.W("campaigns.cli.moved_cancelled", ("id", c.Id), ("from", Shown(c.Transitions[^1].From)), ("to", Shown(c.Stage)), ("by", c.Transitions[^1].By), ("note", c.Transitions[^1].Note))
        : Words.W("campaigns.cli.moved", ("id", c.Id), ("from", Shown(c.Transitions[^1].From)), ("to", Shown(c.Stage)), ("by", c.Transitions[^1].By));

    private static Command MoveToStage()
    {
        var id = Id();
        var stage = new Argument<string>("stage") { Description = Words.W("campaigns.cli.stage.stage", ("stages", string.Join(", ", EnumWords.All<CampaignStage>()))) };
        var note = new Option<string?>("--note") { Description = Words.W("campaigns.cli.stage.note") };
        var from = From();
        var version = CliContext.IfVersionOption("campaign");
        var command = new Command("stage", Words.W("campaigns.cli.stage.description")) { id, stage, note, from, version };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            if (!TryStage(result.GetValue(stage), "stage", out var target) || target is not { } to || !TryStage(result.GetValue(from), "--from", out var expected))
            {
                return MercatoCli.InvalidInput;
            }

            var moved = await Campaigns(services).MoveAsync(result.GetValue(id)!, to, result.GetValue(note), expected, result.GetValue(version), cancellationToken);
            return Report(moved, Moved);
        });
        return command;
    }

    private static Command ApproveBudget()
    {
        var id = Id();
        var note = new Option<string?>("--note") { Description = Words.W("campaigns.cli.approve_budget.note") };
        var from = From();
        var version = CliContext.IfVersionOption("campaign");
        var command = new Command("approve-budget", Words.W("campaigns.cli.approve_budget.description")) { id, note, from, version };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            if (!TryStage(result.GetValue(from), "--from", out var expected))
            {
                return MercatoCli.InvalidInput;
            }

            var approved = await Campaigns(services).ApproveBudgetAsync(result.GetValue(id)!, result.GetValue(note), expected, result.GetValue(version), cancellationToken);
            return Report(approved, c => Words.W("campaigns.cli.budget_approved", ("id", c.Id), ("amount", Money(c.BudgetApproval!.Amount)), ("by", c.BudgetApproval.By)));
        });
        return command;
    }

    private static Command ApproveKit()
    {
        var id = Id();
        var from = From();
        var version = CliContext.IfVersionOption("campaign");
        var command = new Command("approve-kit", Words.W("campaigns.cli.approve_kit.description")) { id, from, version };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            if (!TryStage(result.GetValue(from), "--from", out var expected))
            {
                return MercatoCli.InvalidInput;
            }

            var approved = await Campaigns(services).ApproveKitAsync(result.GetValue(id)!, expected, result.GetValue(version), cancellationToken);
            return Report(approved, c => Words.W("campaigns.cli.kit_approved", ("id", c.Id), ("by", c.Kit.ApprovedBy)));
        });
        return command;
    }

    /// <summary><c>--from STAGE</c>: the stage the caller saw the campaign in.</summary>
    private static Option<string?> From() => new("--from")
    {
        Description = Words.W("campaigns.cli.from", ("stages", string.Join(", ", EnumWords.All<CampaignStage>()))),
    };

    /// <summary>A stage word, or none for null text; false after the problem on stderr for a word that is not a stage.</summary>
    private static bool TryStage(string? text, string option, out CampaignStage? stage)
    {
        stage = null;
        if (text is null)
        {
            return true;
        }

        if (EnumWords.TryParse<CampaignStage>(text, out var parsed))
        {
            stage = parsed;
            return true;
        }

        Invalid([Problem.Of(option, CommonCodes.NotOneOf, ("value", text), ("expected", EnumWords.All<CampaignStage>()))]);
        return false;
    }

    private static int Report(Outcome<Campaign> outcome, Func<Campaign, string> done)
    {
        if (outcome.Value is not { } campaign)
        {
            return Fail(outcome);
        }

        Console.Out.WriteLine(done(campaign));
        return MercatoCli.Ok;
    }
}
