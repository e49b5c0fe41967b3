namespace Mercato.Shared;

/// <summary>
/// Logs what became of every write a use case was asked for, whichever front door asked: done (information), refused or
/// moved meanwhile (warning, with the code), invalid (information, with the count of problems); always with the acting person.
/// </summary>
public sealed partial class OutcomeLog(ILogger<OutcomeLog> logger, ICurrentUser user)
{
    /// <summary>Logs <paramref name="outcome"/> of <paramref name="action"/> on <paramref name="subject"/> and returns it.</summary>
    public T Noted<T>(T outcome, string action, string subject)
        where T : Outcome
    {
        ArgumentNullException.ThrowIfNull(outcome);
        switch (outcome.Kind)
        {
            case OutcomeKind.Ok:
                Log.Done(logger, action, subject, user.Name);
                break;
            case OutcomeKind.Refused:
            case OutcomeKind.MovedMeanwhile:
                Log.Refused(logger, action, subject, outcome.Code!, user.Name);
                break;
            case OutcomeKind.Invalid:
                Log.Invalid(logger, action, subject, outcome.Problems.Count, outcome.Problems.Count > 0 ? outcome.Problems[0].Code : "", user.Name);
                break;
            default:
                Log.NotFound(logger, action, subject, outcome.Code ?? "", user.Name);
                break;
        }

        return outcome;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "{Action} {Subject} by {Actor}: done")]
        public static partial void Done(ILogger logger, string action, string subject, string actor);

        [LoggerMessage(EventId = 201, Level = LogLevel.Warning, Message = "{Action} {Subject} by {Actor}: refused ({Code})")]
        public static partial void Refused(ILogger logger, string action, string subject, string code, string actor);

        [LoggerMessage(EventId = 202, Level = LogLevel.Information, Message = "{Action} {Subject} by {Actor}: invalid, {Count} problems (first {Code})")]
        public static partial void Invalid(ILogger logger, string action, string subject, int count, string code, string actor);

        [LoggerMessage(EventId = 203, Level = LogLevel.Information, Message = "{Action} {Subject} by {Actor}: not found ({Code})")]
        public static partial void NotFound(ILogger logger, string action, string subject, string code, string actor);
    }
}
