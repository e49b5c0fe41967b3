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
        var note = new Option<string?>("--note") { Description = "Why, recorded with the move" };
        var from = From();
        var version = CliContext.IfVersionOption("campaign");
        var command = new Command("advance", "Move a campaign to its next stage; refused (exit 2) with the reason when a gate is closed") { id, note, from, version };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            if (!TryStage(result.GetValue(from), "--from", out var expected))
            {
                return MercatoCli.InvalidInput;
            }

            var moved = await Campaigns(services).AdvanceAsync(result.GetValue(id)!, result.GetValue(note), expected, result.GetValue(version), cancellationToken);
            return Report(moved, c => $"{c.Id}: {EnumWords.Word(c.Transitions[^1].From)} -> {EnumWords.Word(c.Stage)} by {c.Transitions[^1].By}");
        });
        return command;
    }

    private static Command MoveToStage()
    {
        var id = Id();
        var stage = new Argument<string>("stage") { Description = "One of " + string.Join(", ", EnumWords.All<CampaignStage>()) };
        var note = new Option<string?>("--note") { Description = "Why; required to move one stage back and to cancel" };
        var from = From();
        var version = CliContext.IfVersionOption("campaign");
        var command = new Command("stage", "Move a campaign to a named stage (the next one, one back with a note, or cancelled with the reason); refused (exit 2) with the reason") { id, stage, note, from, version };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            if (!TryStage(result.GetValue(stage), "stage", out var target) || target is not { } to || !TryStage(result.GetValue(from), "--from", out var expected))
            {
                return MercatoCli.InvalidInput;
            }

            var moved = await Campaigns(services).MoveAsync(result.GetValue(id)!, to, result.GetValue(note), expected, result.GetValue(version), cancellationToken);
            return Report(moved, c => $"{c.Id}: {EnumWords.Word(c.Transitions[^1].From)} -> {EnumWords.Word(c.Stage)} by {c.Transitions[^1].By}"
                + (c.Stage == CampaignStage.Cancelled ? $": {c.Transitions[^1].Note}" : ""));
        });
        return command;
    }

    private static Command ApproveBudget()
    {
        var id = Id();
        var note = new Option<string?>("--note") { Description = "A note recorded with the approval" };
        var from = From();
        var version = CliContext.IfVersionOption("campaign");
        var command = new Command("approve-budget", "Record your approval of the campaign's planned budget") { id, note, from, version };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            if (!TryStage(result.GetValue(from), "--from", out var expected))
            {
                return MercatoCli.InvalidInput;
            }

            var approved = await Campaigns(services).ApproveBudgetAsync(result.GetValue(id)!, result.GetValue(note), expected, result.GetValue(version), cancellationToken);
            return Report(approved, c => $"{c.Id}: budget of {Money(c.BudgetApproval!.Amount)} approved by {c.BudgetApproval.By}");
        });
        return command;
    }

    private static Command ApproveKit()
    {
        var id = Id();
        var from = From();
        var version = CliContext.IfVersionOption("campaign");
        var command = new Command("approve-kit", "Record your approval of the campaign's content kit (its messages and links)") { id, from, version };
        command.SetAction(async (result, services, cancellationToken) =>
        {
            if (!TryStage(result.GetValue(from), "--from", out var expected))
            {
                return MercatoCli.InvalidInput;
            }

            var approved = await Campaigns(services).ApproveKitAsync(result.GetValue(id)!, expected, result.GetValue(version), cancellationToken);
            return Report(approved, c => $"{c.Id}: content kit approved by {c.Kit.ApprovedBy}");
        });
        return command;
    }

    /// <summary><c>--from STAGE</c>: the stage the caller saw the campaign in.</summary>
    private static Option<string?> From() => new("--from")
    {
        Description = "The stage you saw the campaign in (one of " + string.Join(", ", EnumWords.All<CampaignStage>())
            + "); refused (exit 2, moved_meanwhile) when it has moved since",
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
