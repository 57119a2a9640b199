using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace TeamsItBot.Tests.BadInput;

/// <summary>
/// 10,000 activities generated from a fixed seed by mutating valid ones (dropped and wrongly typed
/// fields, random Unicode with lone surrogates, huge strings, deep nesting, random invokes and card
/// values, cut and corrupted bytes). Every answer is one of the statuses the contract allows, and
/// the app still serves a normal conversation afterwards.
/// </summary>
public sealed class RandomizedActivityTests(BadInputFixture fixture) : IClassFixture<BadInputFixture>
{
    public const int Seed = 20261124;
    public const int Count = 10_000;

    private static readonly int[] Allowed = [200, 400, 413, 415, 501];
    private static readonly string[] Fields =
        ["type", "id", "timestamp", "serviceUrl", "channelId", "from", "recipient", "conversation", "text", "value", "name", "locale", "attachments", "entities", "channelData", "replyToId", "membersAdded", "action", "textFormat"];

    private static readonly string[] Types = ["message", "invoke", "conversationUpdate", "installationUpdate", "event", "typing", "messageReaction", "x", ""];
    private static readonly string[] InvokeNames = ["adaptiveCard/action", "task/fetch", "composeExtension/query", "signin/verifyState", "", "adaptiveCard/action "];
    private static readonly string[] Verbs = ["createTicket", "declineTicket", "CREATETICKET", "", "x"];
    private static readonly string[] Texts = ["Teams is not working", "still not working", "yes", "no thanks", "I need a ticket", "help", "cancel", "start over", "vpn", "yes please create ticket"];

    private BadInputHost Host => fixture.Host;

    [Fact(Timeout = TestTimeouts.Slow)]
    public async Task Ten_thousand_generated_activities_never_get_a_5xx()
    {
        var random = new Random(Seed);
        var bodies = Enumerable.Range(0, Count).Select(i => Generate(random, i)).ToList();
        var unexpected = new ConcurrentQueue<string>();
        var statuses = new ConcurrentDictionary<int, int>();
        var next = -1;

        async Task WorkerAsync()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < bodies.Count)
            {
                var (bytes, contentType) = bodies[i];
                var answer = await Host.PostAsync(bytes, contentType);
                statuses.AddOrUpdate(answer.Code, 1, (_, n) => n + 1);
                if (!Allowed.Contains(answer.Code))
                {
                    unexpected.Enqueue($"#{i} -> {answer.Code}: {answer.Body[..Math.Min(300, answer.Body.Length)]} <- {Encoding.UTF8.GetString(bytes)[..Math.Min(400, bytes.Length)]}");
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(WorkerAsync, TestContext.Current.CancellationToken)));

        var failures = Host.App.Logs.Entries.Where(e => e.Exception is not null)
            .GroupBy(e => e.Exception!.GetType().Name + ": " + e.Exception.Message + " @ " + e.Exception.StackTrace?.Split('\n').FirstOrDefault(l => l.Contains("TeamsItBot", StringComparison.Ordinal)))
            .Select(g => $"{g.Count()} x {g.Key}");
        Assert.True(unexpected.IsEmpty, string.Join('\n', unexpected.Take(5)) + "\nlogged exceptions:\n" + string.Join('\n', failures));
        Assert.Equal(Count, statuses.Values.Sum());
        // The generator must exercise both sides: turns that ran and requests that were refused.
        Assert.True(statuses.GetValueOrDefault(200) > Count / 10, string.Join(", ", statuses));
        Assert.True(statuses.GetValueOrDefault(400) > Count / 10, string.Join(", ", statuses));
        Assert.DoesNotContain(Host.App.Logs.Entries, e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Critical);
        await Host.AssertStillAnswersAsync();
    }

    private (byte[] Body, string? ContentType) Generate(Random random, int index)
    {
        var node = Valid(random, index);
        var mutations = random.Next(0, 4);
        for (var m = 0; m < mutations; m++)
        {
            Mutate(random, node);
        }

        var json = node.ToJsonString();
        // Lone surrogates cannot live in a .NET string that a writer accepts: splice them in escaped.
        json = json.Replace("LONE_HIGH", "\\ud800", StringComparison.Ordinal).Replace("LONE_LOW", "\\udc37", StringComparison.Ordinal);
        var bytes = Encoding.UTF8.GetBytes(json);
        switch (random.Next(40))
        {
            case 0:
                return (bytes[..random.Next(bytes.Length)], "application/json");
            case 1:
                // Not inside the serviceUrl: a flipped port is a connector that cannot be reached (a 500 by design, Teams retries).
                var found = json.IndexOf(Host.Connector.ServiceUrl, StringComparison.Ordinal);
                var serviceUrl = found < 0 ? -1 : Encoding.UTF8.GetByteCount(json.AsSpan(0, found));
                var at = random.Next(bytes.Length);
                if (serviceUrl < 0 || at < serviceUrl || at >= serviceUrl + Host.Connector.ServiceUrl.Length)
                {
                    bytes[at] = (byte)random.Next(256);
                }

                return (bytes, "application/json");
            case 2:
                return (bytes, random.Next(2) == 0 ? "text/plain" : null);
            case 3:
                return (bytes, "application/vnd.custom+json; charset=utf-8");
            default:
                return (bytes, "application/json");
        }
    }

    private JsonObject Valid(Random random, int index)
    {
        var conversation = "a:fuzz-" + random.Next(200).ToString(CultureInfo.InvariantCulture);
        var node = new JsonObject
        {
            ["type"] = "message",
            ["id"] = "fuzz-" + index.ToString(CultureInfo.InvariantCulture),
            ["timestamp"] = "2026-11-24T10:00:00.000Z",
            ["serviceUrl"] = Host.Connector.ServiceUrl,
            ["channelId"] = "msteams",
            ["from"] = new JsonObject { ["id"] = "29:fuzz-user", ["name"] = "Fuzz User", ["aadObjectId"] = "00000000-0000-0000-0000-0000000000ff" },
            ["recipient"] = new JsonObject { ["id"] = "28:bot", ["name"] = "IT Bot" },
            ["conversation"] = new JsonObject { ["id"] = conversation, ["tenantId"] = "tenant-0001", ["conversationType"] = "personal" },
            ["locale"] = "en-US",
            ["text"] = Texts[random.Next(Texts.Length)],
        };
        switch (random.Next(5))
        {
            case 0:
                node["type"] = "invoke";
                node["name"] = InvokeNames[random.Next(InvokeNames.Length)];
                node["replyToId"] = "fake-activity-" + random.Next(100).ToString(CultureInfo.InvariantCulture);
                node["value"] = new JsonObject
                {
                    ["action"] = new JsonObject
                    {
                        ["type"] = "Action.Execute",
                        ["verb"] = Verbs[random.Next(Verbs.Length)],
                        ["data"] = new JsonObject { ["draftId"] = RandomText(random, 32) },
                    },
                    ["trigger"] = "manual",
                };
                node.Remove("text");
                break;
            case 1:
                node["value"] = new JsonObject { ["verb"] = Verbs[random.Next(Verbs.Length)], ["draftId"] = RandomText(random, 16), ["extra"] = RandomValue(random, 3) };
                node.Remove("text");
                break;
            case 2:
                node["type"] = "conversationUpdate";
                node["membersAdded"] = new JsonArray(new JsonObject { ["id"] = random.Next(2) == 0 ? "28:bot" : "29:someone" });
                break;
        }

        return node;
    }

    private static void Mutate(Random random, JsonObject node)
    {
        var field = Fields[random.Next(Fields.Length)];
        switch (random.Next(9))
        {
            case 0:
                node.Remove(field);
                break;
            case 1:
                node[field] = RandomValue(random, 2);
                break;
            case 2:
                node[field] = RandomText(random, random.Next(1, 200));
                break;
            case 3:
                node["text"] = RandomText(random, random.Next(1_000, 40_000));
                break;
            case 4:
                node[field] = Nested(random, random.Next(1, 80));
                break;
            case 5:
                node["type"] = Types[random.Next(Types.Length)];
                break;
            case 6:
                node["type"] = "invoke";
                node["name"] = random.Next(2) == 0 ? InvokeNames[random.Next(InvokeNames.Length)] : RandomText(random, 12);
                node["value"] = RandomValue(random, 3);
                break;
            case 7:
                node["value"] = new JsonObject { ["action"] = RandomValue(random, 2), ["msteams"] = RandomValue(random, 2), ["verb"] = RandomValue(random, 1) };
                break;
            default:
                if (node["conversation"] is JsonObject conversation)
                {
                    conversation["id"] = RandomValue(random, 1);
                }

                break;
        }
    }

    private static JsonNode? RandomValue(Random random, int depth) => random.Next(depth > 0 ? 8 : 6) switch
    {
        0 => null,
        1 => JsonValue.Create(random.Next(2) == 0),
        2 => JsonValue.Create(random.NextDouble() * 1e12 - 5e11),
        3 => JsonValue.Create(long.MaxValue - random.Next(1000)),
        4 => JsonValue.Create(RandomText(random, random.Next(0, 64))),
        5 => JsonValue.Create(string.Empty),
        6 => new JsonArray([.. Enumerable.Range(0, random.Next(4)).Select(_ => RandomValue(random, depth - 1))]),
        _ => new JsonObject(Enumerable.Range(0, random.Next(4)).Select(i => KeyValuePair.Create("k" + i.ToString(CultureInfo.InvariantCulture), RandomValue(random, depth - 1)))),
    };

    private static JsonNode Nested(Random random, int depth)
    {
        JsonNode node = JsonValue.Create(RandomText(random, 8));
        for (var i = 0; i < depth; i++)
        {
            node = random.Next(2) == 0 ? new JsonArray(node) : new JsonObject { ["n"] = node };
        }

        return node;
    }

    private static string RandomText(Random random, int length)
    {
        var text = new StringBuilder(length);
        while (text.Length < length)
        {
            switch (random.Next(12))
            {
                case 0:
                    text.Append("LONE_HIGH");
                    break;
                case 1:
                    text.Append("LONE_LOW");
                    break;
                case 2:
                    text.Append(char.ConvertFromUtf32(random.Next(0x1F300, 0x1FAFF)));
                    break;
                case 3:
                    text.Append((char)random.Next(0, 0x20));
                    break;
                case 4:
                    text.Append("<b>*_`[x](https://evil.example)</b>{\"type\":\"Action.OpenUrl\"}");
                    break;
                case 5:
                    text.Append((char)random.Next(0x0590, 0x06FF));
                    break;
                case 6:
                    text.Append((char)random.Next(0xE000, 0xF8FF));
                    break;
                default:
                    text.Append((char)random.Next(0x20, 0x7F));
                    break;
            }
        }

        return text.ToString();
    }
}
