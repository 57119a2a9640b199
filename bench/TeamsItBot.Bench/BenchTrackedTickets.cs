using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace TeamsItBot.Bench;

/// <summary>
/// The poller profile: <see cref="Count"/> tickets the bot tracks (rows seeded into its SQLite file)
/// and the Jira side of them in the double. Each first page of the poller's search moves
/// <see cref="ChangesPerPoll"/> random tickets to another status, so every poll finds some news and
/// re-reads the overlap window, as a busy help desk would make it.
/// </summary>
public sealed partial class BenchTrackedTickets(int count, int changesPerPoll, string connectorUrl)
{
    private const int FirstKey = 900_000;
    private readonly (string Status, DateTimeOffset Updated)[] _tickets = Enumerable.Range(0, count)
        .Select(_ => ("To Do", DateTimeOffset.UtcNow.AddHours(-2))).ToArray();
    private readonly Lock _gate = new();
    private long _searches;
    private long _gets;

    public int Count => count;

    public int ChangesPerPoll => changesPerPoll;

    public long Searches => Interlocked.Read(ref _searches);

    public long Gets => Interlocked.Read(ref _gets);

    [GeneratedRegex("updated >= \"-(\\d+)m\"")]
    private static partial Regex UpdatedWithin();

    /// <summary>Inserts the tracked rows, as the outbox would have for tickets filed earlier (the schema exists once the bot is up).</summary>
    public void Seed(string databaseFile)
    {
        using var connection = new SqliteConnection($"Data Source={databaseFile}");
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO tracked_ticket (ticket_key, owner_object_id, notify_target, conversation_key, notifying, status, assignee, " +
            "last_comment_id, jira_updated, done, tracked_at, changed_at) VALUES ($key, $owner, $target, $conversation, 1, 'To Do', NULL, 0, $updated, 0, $now, $now)";
        var key = command.Parameters.Add("$key", SqliteType.Text);
        var owner = command.Parameters.Add("$owner", SqliteType.Text);
        var target = command.Parameters.Add("$target", SqliteType.Text);
        var conversation = command.Parameters.Add("$conversation", SqliteType.Text);
        var updated = command.Parameters.Add("$updated", SqliteType.Integer);
        var now = command.Parameters.Add("$now", SqliteType.Integer);
        for (var i = 0; i < count; i++)
        {
            key.Value = Key(i);
            owner.Value = Owner(i);
            var conversationId = "bench-tracked-" + i.ToString(CultureInfo.InvariantCulture);
            target.Value = JsonSerializer.Serialize(new
            {
                reference = new { serviceUrl = connectorUrl, channelId = "msteams", conversation = new { id = conversationId }, bot = new { id = "28:bench-bot", name = "IT Bot" } },
            });
            conversation.Value = connectorUrl.TrimEnd('/') + "|" + conversationId;
            updated.Value = _tickets[i].Updated.ToUnixTimeSeconds() * 1000;
            now.Value = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    public JsonObject Search(string jql, int limit, int startAt)
    {
        Interlocked.Increment(ref _searches);
        var minutes = UpdatedWithin().Match(jql) is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 60;
        var now = DateTimeOffset.UtcNow;
        List<int> hits;
        lock (_gate)
        {
            if (startAt == 0)
            {
                for (var c = 0; c < changesPerPoll; c++)
                {
                    var i = Random.Shared.Next(count);
                    _tickets[i] = (_tickets[i].Status == "To Do" ? "In Progress" : "To Do", now);
                }
            }

            var since = now.AddMinutes(-minutes);
            hits = [.. Enumerable.Range(0, count).Where(i => _tickets[i].Updated >= since).OrderBy(i => _tickets[i].Updated)];
        }

        var page = new JsonArray([.. hits.Skip(startAt).Take(limit).Select(i => (JsonNode)Issue(i))]);
        return new JsonObject { ["total"] = hits.Count, ["start_at"] = startAt, ["max_results"] = limit, ["issues"] = page };
    }

    public JsonObject? GetIssue(string key)
    {
        Interlocked.Increment(ref _gets);
        if (!key.StartsWith("ITSUPPORT-", StringComparison.Ordinal) || !int.TryParse(key.AsSpan(10), CultureInfo.InvariantCulture, out var number)) return null;
        var i = number - FirstKey;
        if (i < 0 || i >= count) return null;
        var issue = Issue(i);
        issue["comments"] = new JsonArray();
        return issue;
    }

    private JsonObject Issue(int i)
    {
        (string Status, DateTimeOffset Updated) ticket;
        lock (_gate)
        {
            ticket = _tickets[i];
        }

        var stamp = ticket.Updated.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
        return new JsonObject
        {
            ["id"] = (20000 + i).ToString(CultureInfo.InvariantCulture),
            ["key"] = Key(i),
            ["summary"] = "VPN drops every hour",
            ["browse_url"] = $"{BenchJira.SiteUrl}/browse/{Key(i)}",
            ["status"] = new JsonObject { ["name"] = ticket.Status, ["category"] = ticket.Status, ["color"] = "yellow" },
            ["labels"] = new JsonArray("itbot-tracked", UserLabel(Owner(i))),
            ["created"] = "2026-08-18 09:12:44 UTC",
            ["updated"] = stamp,
        };
    }

    private static string Key(int i) => "ITSUPPORT-" + (FirstKey + i).ToString(CultureInfo.InvariantCulture);

    private static string Owner(int i) => "bench-owner-" + i.ToString(CultureInfo.InvariantCulture);

    /// <summary>The bot's per-user label (TicketOwnership.UserLabel): 20 hex digits of SHA-256 of the lower-cased object id.</summary>
    private static string UserLabel(string objectId) =>
        "itbot-user-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(objectId.ToLowerInvariant())).AsSpan(0, 10));
}
