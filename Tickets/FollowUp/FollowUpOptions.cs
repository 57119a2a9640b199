namespace TeamsItBot.Tickets.FollowUp;

/// <summary>Tickets:FollowUp: how the bot closes and reopens tickets and watches them for changes.</summary>
public sealed class FollowUpOptions
{
    public const string SectionName = "Tickets:FollowUp";

    /// <summary>Transition name (or id) that resolves a ticket; unset: the first transition to a Done status.</summary>
    public string? ResolveTransition { get; set; }

    /// <summary>Transition name (or id) that reopens a Done ticket.</summary>
    public string ReopenTransition { get; set; } = "Reopen";

    /// <summary>Longest comment an employee can add, in characters (Jira's own limit is 32,767).</summary>
    public int MaxCommentLength { get; set; } = 4000;

    /// <summary>Whether this deployment polls Jira for changes and notifies employees.</summary>
    public bool NotificationsEnabled { get; set; } = true;

    public int PollIntervalSeconds { get; set; } = 60;

    /// <summary>How far each poll reaches back before the last one (JQL dates have minute precision).</summary>
    public int OverlapMinutes { get; set; } = 5;

    /// <summary>The first poll after a fresh start looks back this far.</summary>
    public int InitialLookbackMinutes { get; set; } = 60;

    /// <summary>Most tickets one poll reads.</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>Days a Done ticket stays tracked after its last change.</summary>
    public int ClosedRetentionDays { get; set; } = 30;
}
