using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using TeamsItBot.Framework.Dialogs;
using TeamsItBot.Framework.Hosting;
using TeamsItBot.Framework.State;
using TeamsItBot.Tests.Testing;

namespace TeamsItBot.Tests.Framework.State;

/// <summary>What BotState writes, when it writes, and what a later turn reads back.</summary>
public sealed class BotStateTests
{
    private readonly RecordingStorage _storage = new();
    private readonly TestAdapter _adapter = new();

    [Fact]
    public async Task Stored_json_of_a_sample_state_keeps_its_shape()
    {
        var state = new ConversationState(_storage);
        var turn = Turn();
        await state.CreateProperty<Profile>("profile").SetAsync(turn, new Profile("Ada <Lovelace>", 36, ["math", "engines"], null, Kind.Engineer), Ct);
        await state.CreateProperty<string>("note").SetAsync(turn, "it's \"quoted\" & +1 é", Ct);
        await state.CreateProperty<string?>("gone").SetAsync(turn, null, Ct);
        await state.CreateProperty<DialogState>("dialogs").SetAsync(turn, SampleDialogState(), Ct);
        await state.SaveChangesAsync(turn, cancellationToken: Ct);

        const string Expected =
            """
            {"profile":{"name":"Ada <Lovelace>","age":36,"tags":["math","engines"],"kind":1},"note":"it's \"quoted\" & +1 é","gone":null,"dialogs":{"dialogStack":[{"id":"outer","state":{"stepIndex":2,"big":5000000000,"ratio":0.5,"flag":true,"none":null,"values":{"problem":"VPN"},"list":[1,"two",{"three":3}],"record":{"name":"Bob","age":7,"tags":[],"kind":0}}}]}}
            """;
        Assert.Equal(Expected, Assert.Single(_storage.Writes));
    }

    [Fact]
    public async Task Values_survive_a_save_and_load_round_trip()
    {
        var state = new ConversationState(_storage);
        var turn = Turn();
        var profile = new Profile("Ada", 36, ["math"], new Profile("Byron", 2, [], null, Kind.Other), Kind.Engineer);
        await state.CreateProperty<Profile>("profile").SetAsync(turn, profile, Ct);
        await state.CreateProperty<DialogState>("dialogs").SetAsync(turn, SampleDialogState(), Ct);
        await state.SaveChangesAsync(turn, cancellationToken: Ct);

        var next = Turn();
        var read = await new ConversationState(_storage).CreateProperty<Profile>("profile").GetAsync(next, cancellationToken: Ct);
        Assert.Equal(("Ada", 36, Kind.Engineer, "Byron", 2, Kind.Other), (read!.Name, read.Age, read.Kind, read.Parent!.Name, read.Parent.Age, read.Parent.Kind));
        Assert.Equal(["math"], read.Tags);
        Assert.Empty(read.Parent.Tags);
        var dialogs = await new ConversationState(_storage).CreateProperty<DialogState>("dialogs").GetAsync(next, cancellationToken: Ct);
        var values = Assert.Single(dialogs!.DialogStack).State;
        Assert.Equal(2, values["stepIndex"]);
        Assert.Equal(5_000_000_000L, values["big"]);
        Assert.Equal(0.5, values["ratio"]);
        Assert.Equal("VPN", values.GetValue<IDictionary<string, object?>>("values")!["problem"]);
        var record = values.GetValue<Profile>("record")!;
        Assert.Equal(("Bob", 7, Kind.Other, null), (record.Name, record.Age, record.Kind, record.Parent));
        Assert.Same(record, values["record"]);
    }

    [Fact]
    public async Task State_read_but_not_changed_is_not_written_again()
    {
        await SeedAsync();
        var state = new ConversationState(_storage);
        var turn = Turn();
        var profile = await state.CreateProperty<Profile>("profile").GetAsync(turn, cancellationToken: Ct);
        await state.CreateProperty<DialogState>("dialogs").GetAsync(turn, cancellationToken: Ct);
        await state.CreateProperty<string>("note").SetAsync(turn, "hello", Ct);
        Assert.Equal("Ada", profile!.Name);
        await state.SaveChangesAsync(turn, cancellationToken: Ct);

        Assert.Single(_storage.Writes);
    }

    [Fact]
    public async Task A_changed_property_is_written_with_the_others_unchanged_and_in_place()
    {
        await SeedAsync();
        var state = new ConversationState(_storage);
        var turn = Turn();
        var dialogs = await state.CreateProperty<DialogState>("dialogs").GetAsync(turn, cancellationToken: Ct);
        dialogs!.DialogStack[0].State["stepIndex"] = 3;
        await state.SaveChangesAsync(turn, cancellationToken: Ct);

        Assert.Equal(2, _storage.Writes.Count);
        Assert.Equal(_storage.Writes[0].Replace("\"stepIndex\":2", "\"stepIndex\":3", StringComparison.Ordinal), _storage.Writes[1]);
    }

    [Fact]
    public async Task Force_writes_unchanged_state()
    {
        await SeedAsync();
        var state = new ConversationState(_storage);
        var turn = Turn();
        await state.CreateProperty<Profile>("profile").GetAsync(turn, cancellationToken: Ct);
        await state.SaveChangesAsync(turn, force: true, cancellationToken: Ct);

        Assert.Equal(2, _storage.Writes.Count);
        Assert.Equal(_storage.Writes[0], _storage.Writes[1]);
    }

    [Fact]
    public async Task A_new_default_value_and_a_deleted_property_are_changes()
    {
        await SeedAsync();
        var state = new ConversationState(_storage);
        var turn = Turn();
        await state.CreateProperty<List<string>>("added").GetAsync(turn, () => [], Ct);
        await state.SaveChangesAsync(turn, cancellationToken: Ct);
        Assert.EndsWith(""","added":[]}""", _storage.Writes[^1], StringComparison.Ordinal);

        turn = Turn();
        await state.CreateProperty<Profile>("profile").DeleteAsync(turn, Ct);
        await state.SaveChangesAsync(turn, cancellationToken: Ct);
        Assert.StartsWith("""{"note":"hello","dialogs":""", _storage.Writes[^1], StringComparison.Ordinal);
        Assert.Equal(3, _storage.Writes.Count);
    }

    [Fact]
    public async Task A_property_deleted_and_set_again_moves_to_the_end()
    {
        await SeedAsync();
        var state = new ConversationState(_storage);
        var turn = Turn();
        var note = state.CreateProperty<string>("note");
        await note.DeleteAsync(turn, Ct);
        await note.SetAsync(turn, "hello", Ct);
        await state.SaveChangesAsync(turn, cancellationToken: Ct);

        Assert.Equal(2, _storage.Writes.Count);
        Assert.EndsWith(""","note":"hello"}""", _storage.Writes[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_last_property_deleted_and_set_again_unchanged_is_not_written()
    {
        await SeedAsync();
        var state = new ConversationState(_storage);
        var turn = Turn();
        var dialogs = state.CreateProperty<DialogState>("dialogs");
        await dialogs.DeleteAsync(turn, Ct);
        await dialogs.SetAsync(turn, SampleDialogState(), Ct);
        await state.SaveChangesAsync(turn, cancellationToken: Ct);

        Assert.Single(_storage.Writes);
    }

    [Fact]
    public async Task Clearing_writes_an_empty_document()
    {
        await SeedAsync();
        var state = new ConversationState(_storage);
        var turn = Turn();
        await state.ClearStateAsync(turn, Ct);
        await state.SaveChangesAsync(turn, cancellationToken: Ct);

        Assert.Equal("{}", _storage.Writes[^1]);
    }

    [Fact]
    public async Task A_concurrent_writer_is_detected_by_the_etag_read()
    {
        await SeedAsync();
        var first = new ConversationState(_storage);
        var second = new ConversationState(_storage);
        var turnA = Turn();
        var turnB = Turn();
        await first.CreateProperty<string>("note").SetAsync(turnA, "a", Ct);
        await second.CreateProperty<string>("note").SetAsync(turnB, "b", Ct);
        await first.SaveChangesAsync(turnA, cancellationToken: Ct);

        await Assert.ThrowsAsync<StorageConcurrencyException>(() => second.SaveChangesAsync(turnB, cancellationToken: Ct));
    }

    [Fact]
    public async Task A_failed_save_can_be_retried_after_a_forced_reload()
    {
        await SeedAsync();
        var state = new ConversationState(_storage);
        var turn = Turn();
        var note = state.CreateProperty<string>("note");
        await note.SetAsync(turn, "mine", Ct);
        await _storage.WriteAsync(new Dictionary<string, StoreItem> { [Key] = new(new JsonObject { ["note"] = "theirs" }, "*") }, Ct);
        await Assert.ThrowsAsync<StorageConcurrencyException>(() => state.SaveChangesAsync(turn, cancellationToken: Ct));
        Assert.Equal("mine", await note.GetAsync(turn, cancellationToken: Ct));

        await state.LoadAsync(turn, force: true, Ct);
        Assert.Equal("theirs", await note.GetAsync(turn, cancellationToken: Ct));
        await note.SetAsync(turn, "mine", Ct);
        await state.SaveChangesAsync(turn, cancellationToken: Ct);
        Assert.Equal("""{"note":"mine"}""", _storage.Writes[^1]);
    }

    private const string Key = "test/conversations/conv1";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private TurnContext Turn() => new(_adapter, _adapter.MakeActivity("hi"));

    private async Task SeedAsync()
    {
        var state = new ConversationState(_storage);
        var turn = Turn();
        await state.CreateProperty<Profile>("profile").SetAsync(turn, new Profile("Ada", 36, ["math"], null, Kind.Engineer), Ct);
        await state.CreateProperty<string>("note").SetAsync(turn, "hello", Ct);
        await state.CreateProperty<DialogState>("dialogs").SetAsync(turn, SampleDialogState(), Ct);
        await state.SaveChangesAsync(turn, cancellationToken: Ct);
        Assert.Single(_storage.Writes);
    }

    private static DialogState SampleDialogState() => new(
    [
        new DialogInstance
        {
            Id = "outer",
            State = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["stepIndex"] = 2,
                ["big"] = 5_000_000_000L,
                ["ratio"] = 0.5,
                ["flag"] = true,
                ["none"] = null,
                ["values"] = new Dictionary<string, object?> { ["problem"] = "VPN" },
                ["list"] = new List<object?> { 1, "two", new Dictionary<string, object?> { ["three"] = 3 } },
                ["record"] = new Profile("Bob", 7, [], null, Kind.Other),
            },
        },
    ]);

    public enum Kind
    {
        Other,
        Engineer,
    }

    public sealed record Profile(string Name, int Age, IReadOnlyList<string> Tags, Profile? Parent, Kind Kind);

    /// <summary>Memory storage that keeps every written document as the relational storage would write it.</summary>
    private sealed class RecordingStorage : IStorage
    {
        private static readonly JsonSerializerOptions StoredJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        private readonly MemoryStorage _inner = new();

        public List<string> Writes { get; } = [];

        public Task<IDictionary<string, StoreItem>> ReadAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default) =>
            _inner.ReadAsync(keys, cancellationToken);

        public async Task WriteAsync(IReadOnlyDictionary<string, StoreItem> changes, CancellationToken cancellationToken = default)
        {
            await _inner.WriteAsync(changes, cancellationToken);
            Writes.AddRange(changes.Values.Select(c => c.Document.ToJsonString(StoredJson)));
        }

        public Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default) =>
            _inner.DeleteAsync(keys, cancellationToken);
    }
}
