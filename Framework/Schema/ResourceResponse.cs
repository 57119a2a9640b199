namespace TeamsItBot.Framework.Schema;

/// <summary>What the connector answers to a send: the id to update the activity later.</summary>
public sealed record ResourceResponse(string? Id);
