using TeamsItBot.Tickets;

namespace TeamsItBot.Support.Dialogs;

/// <summary>Ends a child dialog with "the user moved on to another problem".</summary>
public sealed record RestartWith(string Text);

/// <summary>What the ticket dialog starts from; <paramref name="Fields"/> are the guide's issue fields, if any.</summary>
public sealed record TicketRequest(string? Problem, IReadOnlyList<string> StepsShown, string? TopicTitle, TicketFields? Fields = null);

/// <summary>What the troubleshooting dialog starts from: the user's words and, when the language model placed them, its topic.</summary>
public sealed record ProblemStart(string Problem, string? TopicId = null);
