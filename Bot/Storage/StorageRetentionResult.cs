namespace TeamsItBot.Storage;

/// <summary>What one retention sweep deleted, and in how many writes (each at most one chunk).</summary>
public sealed record StorageRetentionResult(int OutboxRows, int StateRows, int Chunks)
{
    public int Rows => OutboxRows + StateRows;
}
