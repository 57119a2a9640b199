namespace TeamsItBot.Support.Conversation;

/// <summary>
/// The problem being worked on, kept in conversation state until it ends (solved, ticket, ...).
/// <see cref="Text"/> is kept only when no guide matched (the event may keep it for admins).
/// <see cref="StartedAt"/> is stamped at the end of the turn that opened it, <see cref="LastActivityAt"/>
/// at the end of every turn it stays open (the silence before the next turn decides "abandoned").
/// </summary>
public sealed record OpenProblem(string? TopicId, double? Score, string? Text, DateTimeOffset? StartedAt = null, DateTimeOffset? LastActivityAt = null);
