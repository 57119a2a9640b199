using System.Data.Common;
using System.Globalization;
using TeamsItBot.Insights;

namespace TeamsItBot.Storage;

/// <summary><see cref="IOutcomeEventStore"/> over the table <c>outcome_events</c>, the same SQL for SQLite and PostgreSQL.</summary>
public sealed class RelationalOutcomeEventStore(StorageDatabase database) : IOutcomeEventStore
{
    private const string Columns =
        "id, time, tenant_id, user_hash, language, topic, score, outcome, duration_ms, unmatched_text, surveyed, feedback, feedback_comment, satisfaction";

    public async Task AddAsync(IReadOnlyList<OutcomeEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return;
        }

        await database.WriteAsync(async (connection, transaction, ct) =>
        {
            foreach (var e in events)
            {
                await using var insert = connection.CreateCommand(
                    $"INSERT INTO outcome_events ({Columns}) VALUES (@id, @time, @tenant_id, @user_hash, @language, @topic, @score, @outcome, " +
                    "@duration_ms, @unmatched_text, @surveyed, @feedback, @feedback_comment, @satisfaction) ON CONFLICT (id) DO NOTHING", transaction,
                    ("@id", e.Id), ("@time", e.Time.ToUnixTimeMilliseconds()), ("@tenant_id", e.TenantId), ("@user_hash", e.UserHash),
                    ("@language", e.Language), ("@topic", e.Topic), ("@score", e.Score), ("@outcome", e.Outcome.ToWire()),
                    ("@duration_ms", e.Duration is { } d ? (long)d.TotalMilliseconds : null), ("@unmatched_text", e.UnmatchedText),
                    ("@surveyed", e.Surveyed ? 1 : 0), ("@feedback", e.Feedback is { } f ? (int)f : null), ("@feedback_comment", e.FeedbackComment),
                    ("@satisfaction", e.Satisfaction));
                await insert.ExecuteNonQueryAsync(ct);
            }

            return true;
        }, cancellationToken);
    }

    public Task<bool> SetFeedbackAsync(string eventId, string userHash, FeedbackRating rating, string? comment, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, transaction, ct) =>
        {
            await using var update = connection.CreateCommand(
                "UPDATE outcome_events SET feedback = @feedback, feedback_comment = @comment WHERE id = @id AND user_hash = @user_hash AND feedback IS NULL",
                transaction, ("@feedback", (int)rating), ("@comment", comment), ("@id", eventId), ("@user_hash", userHash));
            return await update.ExecuteNonQueryAsync(ct) == 1;
        }, cancellationToken);

    public Task<bool> SetSatisfactionAsync(string eventId, string userHash, int satisfaction, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, transaction, ct) =>
        {
            await using var update = connection.CreateCommand(
                "UPDATE outcome_events SET satisfaction = @satisfaction WHERE id = @id AND user_hash = @user_hash AND satisfaction IS NULL",
                transaction, ("@satisfaction", satisfaction), ("@id", eventId), ("@user_hash", userHash));
            return await update.ExecuteNonQueryAsync(ct) == 1;
        }, cancellationToken);

    public async Task<IReadOnlyList<OutcomeEvent>> QueryAsync(DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand(
            $"SELECT {Columns} FROM outcome_events WHERE time >= @from AND time < @to ORDER BY time, id", null,
            ("@from", since.ToUnixTimeMilliseconds()), ("@to", until.ToUnixTimeMilliseconds()));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var events = new List<OutcomeEvent>();
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(Read(reader));
        }

        return events;
    }

    public async Task<DateTimeOffset?> LastSurveyedAsync(string userHash, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand(
            "SELECT MAX(time) FROM outcome_events WHERE user_hash = @user_hash AND surveyed = 1", null, ("@user_hash", userHash));
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is null or DBNull ? null : DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(value, CultureInfo.InvariantCulture));
    }

    public Task<(int TextsErased, int EventsDeleted)> ApplyRetentionAsync(DateTimeOffset textBefore, DateTimeOffset eventsBefore, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, transaction, ct) =>
        {
            await using var delete = connection.CreateCommand(
                "DELETE FROM outcome_events WHERE time < @before", transaction, ("@before", eventsBefore.ToUnixTimeMilliseconds()));
            var deleted = await delete.ExecuteNonQueryAsync(ct);
            await using var erase = connection.CreateCommand(
                "UPDATE outcome_events SET unmatched_text = NULL, feedback_comment = NULL " +
                "WHERE time < @before AND (unmatched_text IS NOT NULL OR feedback_comment IS NOT NULL)",
                transaction, ("@before", textBefore.ToUnixTimeMilliseconds()));
            var erased = await erase.ExecuteNonQueryAsync(ct);
            return (erased, deleted);
        }, cancellationToken);

    private static OutcomeEvent Read(DbDataReader r) => new()
    {
        Id = r.GetString(0),
        Time = DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(r.GetValue(1), CultureInfo.InvariantCulture)),
        TenantId = r.IsDBNull(2) ? null : r.GetString(2),
        UserHash = r.GetString(3),
        Language = r.IsDBNull(4) ? null : r.GetString(4),
        Topic = r.IsDBNull(5) ? null : r.GetString(5),
        Score = r.IsDBNull(6) ? null : Convert.ToDouble(r.GetValue(6), CultureInfo.InvariantCulture),
        Outcome = ProblemOutcomes.FromWire(r.GetString(7)),
        Duration = r.IsDBNull(8) ? null : TimeSpan.FromMilliseconds(Convert.ToInt64(r.GetValue(8), CultureInfo.InvariantCulture)),
        UnmatchedText = r.IsDBNull(9) ? null : r.GetString(9),
        Surveyed = Convert.ToInt32(r.GetValue(10), CultureInfo.InvariantCulture) == 1,
        Feedback = r.IsDBNull(11) ? null : (FeedbackRating)Convert.ToInt32(r.GetValue(11), CultureInfo.InvariantCulture),
        FeedbackComment = r.IsDBNull(12) ? null : r.GetString(12),
        Satisfaction = r.IsDBNull(13) ? null : Convert.ToInt32(r.GetValue(13), CultureInfo.InvariantCulture),
    };
}
